import { describe, expect, it } from "vitest"
import { heartbeat, join, poll, send } from "../internal/testCommands.ts"
import { run, singleGroup } from "../internal/testRun.ts"
import { fetchRevoked } from "./fetchRevoked.ts"

// Two partitions; a owns both until b joins, then a is told it owns t/0 only.
const scenario = [
  send("t", "x"),
  join("g", "a"),
  join("g", "b"),
  heartbeat("g", "a"),
  send("t", "y"),
  poll("g", "a")
]

describe("mutant:fetch-revoked", () => {
  it("keeps fetching a partition the rebalance gave to another member", async () => {
    const real = await run(scenario, singleGroup(2))
    const mutant = await run(scenario, singleGroup(2), fetchRevoked)
    // Both tell a the same new assignment.
    expect(mutant[3]).toStrictEqual(real[3])
    const partitionsPolled = (answer: unknown) =>
      (answer as { records: ReadonlyArray<{ partition: number }> }).records.map((record) => record.partition)
    const owned = (real[3] as { assignment: ReadonlyArray<{ partition: number }> }).assignment.map((tp) => tp.partition)
    expect(partitionsPolled(real[5]).every((p) => owned.includes(p))).toBe(true)
    expect(partitionsPolled(mutant[5]).some((p) => !owned.includes(p))).toBe(true)
  })
})
