import { describe, expect, it } from "vitest"
import { failed, processed } from "../failure/internal/testAnswers.ts"
import { join, poll, processRecord, send } from "../internal/testCommands.ts"
import { failing, run } from "../internal/testRun.ts"
import { poisonProcessed } from "./poisonProcessed.ts"

const scenario = [send("t", "poison-x"), join("n", "m"), poll("n", "m"), processRecord("n", "m", "t", 0, 0)]

describe("mutant:poison-processed", () => {
  it("processes a poison record in a group with a failure policy, where every attempt must fail", async () => {
    expect((await run(scenario, failing)).at(-1)).toStrictEqual(failed(["n", "m", "t", 0, 0], "poison", 1))
    expect((await run(scenario, failing, poisonProcessed)).at(-1)).toStrictEqual(processed(["n", "m", "t", 0, 0]))
  })
})
