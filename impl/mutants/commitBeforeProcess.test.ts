import { describe, expect, it } from "vitest"
import { crash, join, poll, record, send } from "../internal/testCommands.ts"
import { run, singleGroup } from "../internal/testRun.ts"
import { commitBeforeProcess } from "./commitBeforeProcess.ts"

const scenario = [send("t", "a"), send("t", "b"), join("g", "a"), poll("g", "a"), crash("g", "a"), join("g", "a"), poll("g", "a")]

describe("mutant:commit-before-process", () => {
  it("loses the records an at-least-once member polled and did not process before it crashed", async () => {
    const redelivered = { _tag: "Polled", group: "g", member: "a", records: [record("t", 0, 0, "a"), record("t", 0, 1, "b")] }
    expect((await run(scenario, singleGroup(1))).at(-1)).toStrictEqual(redelivered)
    expect((await run(scenario, singleGroup(1), commitBeforeProcess)).at(-1)).toStrictEqual({
      _tag: "Polled",
      group: "g",
      member: "a",
      records: []
    })
  })

  it("leaves at-most-once groups alone (they commit before processing by design)", async () => {
    const responses = await run(scenario, singleGroup(1, "at-most-once"), commitBeforeProcess)
    expect(responses.at(-1)).toStrictEqual({
      _tag: "Polled",
      group: "g",
      member: "a",
      records: [record("t", 0, 0, "a"), record("t", 0, 1, "b")]
    })
  })
})
