import { describe, expect, it } from "vitest"
import { commit, join } from "../internal/testCommands.ts"
import { last, singleGroup } from "../internal/testRun.ts"
import { acceptStaleCommits } from "./acceptStaleCommits.ts"

const scenario = [join("g", "a"), join("g", "b"), commit("g", "a", [["t", 0, 0]])]

describe("mutant:accept-stale-commits", () => {
  it("stores and acknowledges a commit from a client that missed a rebalance", async () => {
    expect(await last(scenario, singleGroup(2))).toStrictEqual({
      _tag: "StaleGeneration",
      group: "g",
      member: "a",
      generation: 1,
      generationCurrent: 2
    })
    expect(await last(scenario, singleGroup(2), acceptStaleCommits)).toStrictEqual({
      _tag: "Committed",
      group: "g",
      member: "a",
      generation: 1,
      offsets: [{ topic: "t", partition: 0, offset: 0 }]
    })
  })
})
