import { describe, expect, it } from "vitest"
import { deadLettered } from "../failure/internal/testAnswers.ts"
import { advance, dump, join, poll, processRecord, send } from "../internal/testCommands.ts"
import { failing, run } from "../internal/testRun.ts"
import { deadLetterAttemptsWrong } from "./deadLetterAttemptsWrong.ts"

/** `g` (3 attempts, 1 s backoff) dead-letters a poison record, then its dead-letter topic is dumped. */
const scenario = [
  send("t", "poison-x"),
  join("g", "m"),
  poll("g", "m"),
  processRecord("g", "m", "t", 0, 0),
  advance(1000),
  processRecord("g", "m", "t", 0, 0),
  advance(2000),
  processRecord("g", "m", "t", 0, 0),
  dump("dlt", 0)
]
const place = ["g", "m", "t", 0, 0] as const
const entryWith = (attempts: number) => ({
  _tag: "Dumped",
  topic: "dlt",
  partition: 0,
  entries: [{
    _tag: "Data",
    offset: 0,
    producer: "dead-letter:g",
    value: "poison-x",
    timestampMs: 3000,
    deadLetter: { group: "g", topic: "t", partition: 0, offset: 0, cause: "poison", attempts }
  }],
  highWatermark: 1,
  lastStableOffset: 1
})

describe("mutant:dead-letter-attempts-wrong", () => {
  it("writes (and answers) one attempt fewer than were made", async () => {
    expect((await run(scenario, failing)).slice(-2)).toStrictEqual([deadLettered(place, "poison", 3, ["dlt", 0, 0]), entryWith(3)])
    expect((await run(scenario, failing, deadLetterAttemptsWrong)).slice(-2)).toStrictEqual([
      deadLettered(place, "poison", 2, ["dlt", 0, 0]),
      entryWith(2)
    ])
  })
})
