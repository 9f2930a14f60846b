import { describe, expect, it } from "vitest"
import { failed } from "../failure/internal/testAnswers.ts"
import { advance, join, poll, processRecord, send } from "../internal/testCommands.ts"
import { failing, run } from "../internal/testRun.ts"
import { backoffLinear } from "./backoffLinear.ts"

/** `d` (4 attempts, 100 ms backoff) tries a poison record three times, each at its retry time. */
const scenario = [
  send("t", "poison-x"),
  join("d", "m"),
  poll("d", "m"),
  processRecord("d", "m", "t", 0, 0),
  advance(100),
  processRecord("d", "m", "t", 0, 0),
  advance(200),
  processRecord("d", "m", "t", 0, 0)
]
const place = ["d", "m", "t", 0, 0] as const
const attempts = (thirdRetryAtMs: number) => [
  failed(place, "poison", 1, 100),
  failed(place, "poison", 2, 300),
  failed(place, "poison", 3, thirdRetryAtMs)
]

describe("mutant:backoff-linear", () => {
  it("waits backoffMs * k after the k-th failure: the same for the first two, 100 ms short after the third", async () => {
    expect((await run(scenario, failing)).filter((_, i) => i === 3 || i === 5 || i === 7)).toStrictEqual(attempts(700))
    expect((await run(scenario, failing, backoffLinear)).filter((_, i) => i === 3 || i === 5 || i === 7)).toStrictEqual(attempts(600))
  })
})
