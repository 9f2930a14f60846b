import { describe, expect, it } from "vitest"
import { breakerOpen, processed } from "../failure/internal/testAnswers.ts"
import { advance, downstreamDown, downstreamUp, join, poll, processRecord, send } from "../internal/testCommands.ts"
import { failing, run } from "../internal/testRun.ts"
import { breakerNeverCloses } from "./breakerNeverCloses.ts"

/** `g`'s breaker (2 failures, 5 s) opens at 0; the downstream comes back; a record is tried after the cool-down, and again later. */
const scenario = [
  downstreamDown("g"),
  send("t", "a"),
  send("t", "b"),
  join("g", "m"),
  poll("g", "m"),
  processRecord("g", "m", "t", 0, 0),
  processRecord("g", "m", "t", 0, 1),
  downstreamUp("g"),
  advance(5000),
  processRecord("g", "m", "t", 0, 0),
  advance(5000),
  processRecord("g", "m", "t", 0, 1)
]
const at = (offset: number) => ["g", "m", "t", 0, offset] as const

describe("mutant:breaker-never-closes", () => {
  it("never lets the half-open probe through: BreakerOpen for ever, its untilMs moving on", async () => {
    const expected = await run(scenario, failing)
    expect([expected[9], expected[11]]).toStrictEqual([processed(at(0)), processed(at(1))])
    const mutated = await run(scenario, failing, breakerNeverCloses)
    expect([mutated[9], mutated[11]]).toStrictEqual([breakerOpen(at(0), 10_000), breakerOpen(at(1), 15_000)])
  })
})
