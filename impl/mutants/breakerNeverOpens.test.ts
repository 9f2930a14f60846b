import { describe, expect, it } from "vitest"
import { breakerOpen, failed } from "../failure/internal/testAnswers.ts"
import { downstreamDown, join, poll, processRecord, send } from "../internal/testCommands.ts"
import { failing, run } from "../internal/testRun.ts"
import { breakerNeverOpens } from "./breakerNeverOpens.ts"

/** `g`'s downstream is down; its breaker (2 failures) sees three records tried. */
const scenario = [
  downstreamDown("g"),
  send("t", "a"),
  send("t", "b"),
  send("t", "c"),
  join("g", "m"),
  poll("g", "m"),
  processRecord("g", "m", "t", 0, 0),
  processRecord("g", "m", "t", 0, 1),
  processRecord("g", "m", "t", 0, 2)
]
const at = (offset: number) => ["g", "m", "t", 0, offset] as const

describe("mutant:breaker-never-opens", () => {
  it("keeps calling the dead downstream after failuresMax failed calls", async () => {
    expect((await run(scenario, failing)).at(-1)).toStrictEqual(breakerOpen(at(2), 5000))
    expect((await run(scenario, failing, breakerNeverOpens)).at(-1)).toStrictEqual(failed(at(2), "downstream", 1, 1000))
  })
})
