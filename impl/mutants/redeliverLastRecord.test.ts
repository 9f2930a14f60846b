import { describe, expect, it } from "vitest"
import { join, poll, record, send } from "../internal/testCommands.ts"
import { run, singleGroup } from "../internal/testRun.ts"
import { redeliverLastRecord } from "./redeliverLastRecord.ts"

const scenario = [send("t", "a"), send("t", "b"), send("t", "c"), join("g", "a"), poll("g", "a", 2), poll("g", "a", 2), poll("g", "a", 2)]

describe("mutant:redeliver-last-record", () => {
  it("delivers the last record of each poll again on the next poll", async () => {
    const polled = (records: ReadonlyArray<unknown>) => ({ _tag: "Polled", group: "g", member: "a", records })
    const a = record("t", 0, 0, "a")
    const b = record("t", 0, 1, "b")
    const c = record("t", 0, 2, "c")
    expect((await run(scenario, singleGroup(1, "at-most-once"))).slice(4)).toStrictEqual([
      polled([a, b]),
      polled([c]),
      polled([])
    ])
    expect((await run(scenario, singleGroup(1, "at-most-once"), redeliverLastRecord)).slice(4)).toStrictEqual([
      polled([a, b]),
      polled([b, c]),
      polled([c])
    ])
  })
})
