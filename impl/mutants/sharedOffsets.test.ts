import { describe, expect, it } from "vitest"
import { commit, configOf, join, poll, record, send } from "../internal/testCommands.ts"
import { last } from "../internal/testRun.ts"
import { sharedOffsets } from "./sharedOffsets.ts"

const config = configOf(
  [{ name: "t", partitions: 1 }],
  [
    { name: "g1", mode: "at-least-once", assignor: "range", topics: ["t"] },
    { name: "g2", mode: "at-most-once", assignor: "range", topics: ["t"] }
  ]
)
const scenario = [
  send("t", "a"),
  send("t", "b"),
  send("t", "c"),
  join("g1", "x"),
  commit("g1", "x", [["t", 0, 2]]),
  join("g2", "y"),
  poll("g2", "y")
]

describe("mutant:shared-offsets", () => {
  it("lets one group's commit move another group's starting point", async () => {
    expect(await last(scenario, config)).toStrictEqual({
      _tag: "Polled",
      group: "g2",
      member: "y",
      records: [record("t", 0, 0, "a"), record("t", 0, 1, "b"), record("t", 0, 2, "c")]
    })
    expect(await last(scenario, config, sharedOffsets)).toStrictEqual({
      _tag: "Polled",
      group: "g2",
      member: "y",
      records: [record("t", 0, 2, "c")]
    })
  })
})
