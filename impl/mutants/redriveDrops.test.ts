import { describe, expect, it } from "vitest"
import { deadLetterRedrive, dump, join, poll, processRecord, send } from "../internal/testCommands.ts"
import { failing, run } from "../internal/testRun.ts"
import { redriveDrops } from "./redriveDrops.ts"

/** `r` (one attempt) dead-letters a poison record, redrives it, and its source partition is dumped. */
const scenario = [
  send("s", "poison-a", "a"),
  join("r", "m"),
  poll("r", "m"),
  processRecord("r", "m", "s", 0, 0),
  deadLetterRedrive("r"),
  dump("s", 0),
  deadLetterRedrive("r")
]
const redriven = {
  _tag: "DeadLettersRedriven",
  group: "r",
  records: [{ deadLetter: { topic: "rdlt", partition: 0, offset: 0 }, source: { topic: "s", partition: 0, offset: 1 } }]
}
const original = { _tag: "Data", offset: 0, producer: "p1", key: "a", value: "poison-a", timestampMs: 0 }

describe("mutant:redrive-drops", () => {
  it("answers the record as redriven to its source partition, but appends nothing there", async () => {
    expect((await run(scenario, failing)).slice(4)).toStrictEqual([
      redriven,
      {
        _tag: "Dumped",
        topic: "s",
        partition: 0,
        entries: [original, { _tag: "Data", offset: 1, producer: "dead-letter:r", key: "a", value: "poison-a", timestampMs: 0 }],
        highWatermark: 2,
        lastStableOffset: 2
      },
      { _tag: "DeadLettersRedriven", group: "r", records: [] }
    ])
    expect((await run(scenario, failing, redriveDrops)).slice(4)).toStrictEqual([
      redriven,
      { _tag: "Dumped", topic: "s", partition: 0, entries: [original], highWatermark: 1, lastStableOffset: 1 },
      { _tag: "DeadLettersRedriven", group: "r", records: [] }
    ])
  })
})
