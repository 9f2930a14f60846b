import { describe, expect, it } from "vitest"
import { advanced, deadLettered, failed } from "../failure/internal/testAnswers.ts"
import { advance, join, poll, processRecord, send } from "../internal/testCommands.ts"
import { failing, run } from "../internal/testRun.ts"
import { deadLetterNever } from "./deadLetterNever.ts"

/** A poison record tried by `g` (3 attempts, 1 s backoff) three times, then once more. */
const scenario = [
  send("t", "poison-x"),
  join("g", "m"),
  poll("g", "m"),
  processRecord("g", "m", "t", 0, 0),
  advance(1000),
  processRecord("g", "m", "t", 0, 0),
  advance(2000),
  processRecord("g", "m", "t", 0, 0),
  advance(4000),
  processRecord("g", "m", "t", 0, 0)
]
const place = ["g", "m", "t", 0, 0] as const

describe("mutant:dead-letter-never", () => {
  it("retries past attemptsMax with a retry time and never dead-letters", async () => {
    expect((await run(scenario, failing)).slice(7)).toStrictEqual([
      deadLettered(place, "poison", 3, ["dlt", 0, 0]),
      advanced(7000),
      { _tag: "NotDelivered", group: "g", member: "m", topic: "t", partition: 0, offset: 0 }
    ])
    expect((await run(scenario, failing, deadLetterNever)).slice(7)).toStrictEqual([
      failed(place, "poison", 3, 7000),
      advanced(7000),
      failed(place, "poison", 4, 15_000)
    ])
  })
})
