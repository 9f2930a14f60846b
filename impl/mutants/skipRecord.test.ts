import { describe, expect, it } from "vitest"
import { join, poll, processRecord, record, send } from "../internal/testCommands.ts"
import { run, singleGroup } from "../internal/testRun.ts"
import { skipRecord } from "./skipRecord.ts"

const scenario = [
  send("t", "a"),
  send("t", "b"),
  send("t", "c"),
  join("g", "a"),
  poll("g", "a"),
  poll("g", "a"),
  processRecord("g", "a", "t", 0, 1)
]

describe("mutant:skip-record", () => {
  it("drops the second record of a partition in a poll, and moves past it all the same", async () => {
    const polled = (records: ReadonlyArray<unknown>) => ({ _tag: "Polled", group: "g", member: "a", records })
    const a = record("t", 0, 0, "a")
    const b = record("t", 0, 1, "b")
    const c = record("t", 0, 2, "c")
    expect((await run(scenario, singleGroup(1))).slice(4)).toStrictEqual([
      polled([a, b, c]),
      polled([]),
      { _tag: "Processed", group: "g", member: "a", topic: "t", partition: 0, offset: 1 }
    ])
    expect((await run(scenario, singleGroup(1), skipRecord)).slice(4)).toStrictEqual([
      polled([a, c]),
      polled([]),
      { _tag: "NotDelivered", group: "g", member: "a", topic: "t", partition: 0, offset: 1 }
    ])
  })
})
