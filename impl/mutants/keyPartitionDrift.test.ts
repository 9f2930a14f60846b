import { describe, expect, it } from "vitest"
import { partitionForKey } from "../murmur2.ts"
import { send } from "../internal/testCommands.ts"
import { run, singleGroup } from "../internal/testRun.ts"
import { keyPartitionDrift } from "./keyPartitionDrift.ts"

const partitionsOf = (responses: ReadonlyArray<unknown>) =>
  responses.map((response) => (response as { readonly _tag: string; readonly partition: number }).partition)

describe("mutant:key-partition-drift", () => {
  const keyed = [send("t", "a", "k"), send("t", "b", "k"), send("t", "c", "k"), send("t", "d", "k"), send("t", "e", "j"), send("t", "f", "j")]
  const home = partitionForKey("k", 3)
  const homeJ = partitionForKey("j", 3)

  it("sends every other record of a key to the partition after the key's own, counting each key apart", async () => {
    expect(partitionsOf(await run(keyed, singleGroup(3)))).toStrictEqual([home, home, home, home, homeJ, homeJ])
    const next = (p: number) => (p + 1) % 3
    expect(partitionsOf(await run(keyed, singleGroup(3), keyPartitionDrift))).toStrictEqual([home, next(home), home, next(home), homeJ, next(homeJ)])
  })

  it("partitions unkeyed records round-robin as the real partitioner does, and cannot drift with one partition", async () => {
    const unkeyed = [send("t", "a"), send("t", "b"), send("t", "c"), send("t", "d")]
    expect(partitionsOf(await run(unkeyed, singleGroup(3), keyPartitionDrift))).toStrictEqual(partitionsOf(await run(unkeyed, singleGroup(3))))
    expect(partitionsOf(await run(keyed, singleGroup(1), keyPartitionDrift))).toStrictEqual([0, 0, 0, 0, 0, 0])
  })
})
