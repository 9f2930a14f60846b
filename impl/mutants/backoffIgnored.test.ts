import { describe, expect, it } from "vitest"
import { backoffPending, failed } from "../failure/internal/testAnswers.ts"
import { join, poll, processRecord, send } from "../internal/testCommands.ts"
import { failing, run } from "../internal/testRun.ts"
import { backoffIgnored } from "./backoffIgnored.ts"

/** `g` (1 s backoff) tries a poison record twice at the same moment. */
const scenario = [send("t", "poison-x"), join("g", "m"), poll("g", "m"), processRecord("g", "m", "t", 0, 0), processRecord("g", "m", "t", 0, 0)]
const place = ["g", "m", "t", 0, 0] as const

describe("mutant:backoff-ignored", () => {
  it("makes the attempt before the retry time instead of refusing it, and still announces retry times", async () => {
    expect((await run(scenario, failing)).slice(3)).toStrictEqual([failed(place, "poison", 1, 1000), backoffPending(place, 1000)])
    expect((await run(scenario, failing, backoffIgnored)).slice(3)).toStrictEqual([failed(place, "poison", 1, 1000), failed(place, "poison", 2, 2000)])
  })
})
