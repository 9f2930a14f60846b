import { describe, expect, it } from "vitest"
import { heartbeat, join, tp } from "../internal/testCommands.ts"
import { run, singleGroup } from "../internal/testRun.ts"
import { doubleAssign } from "./doubleAssign.ts"

const scenario = [join("g", "a"), join("g", "b"), heartbeat("g", "a")]

describe("mutant:double-assign", () => {
  it("tells two members they own partition 0 in the same generation", async () => {
    expect(await run(scenario, singleGroup(2))).toStrictEqual([
      { _tag: "Joined", group: "g", member: "a", generation: 1, assignment: [tp("t", 0), tp("t", 1)] },
      { _tag: "Joined", group: "g", member: "b", generation: 2, assignment: [tp("t", 1)] },
      { _tag: "RebalanceInProgress", group: "g", member: "a", generation: 2, assignment: [tp("t", 0)] }
    ])
    expect(await run(scenario, singleGroup(2), doubleAssign)).toStrictEqual([
      { _tag: "Joined", group: "g", member: "a", generation: 1, assignment: [tp("t", 0), tp("t", 1)] },
      { _tag: "Joined", group: "g", member: "b", generation: 2, assignment: [tp("t", 0), tp("t", 1)] },
      { _tag: "RebalanceInProgress", group: "g", member: "a", generation: 2, assignment: [tp("t", 0)] }
    ])
  })

  it("gives partition 0 to the last member in sorted order who does not own it", async () => {
    const responses = await run([join("g", "c"), join("g", "b"), join("g", "a"), heartbeat("g", "c")], singleGroup(3), doubleAssign)
    expect(responses.slice(2)).toStrictEqual([
      { _tag: "Joined", group: "g", member: "a", generation: 3, assignment: [tp("t", 0)] },
      { _tag: "RebalanceInProgress", group: "g", member: "c", generation: 3, assignment: [tp("t", 0), tp("t", 2)] }
    ])
  })
})
