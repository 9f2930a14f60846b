import { describe, expect, it } from "vitest"
import { advance, crash, join, poll, processRecord, send } from "../internal/testCommands.ts"
import { effectful, last } from "../internal/testRun.ts"
import { dedupWindowExpiresEarly } from "./dedupWindowExpiresEarly.ts"

/** `key` remembers ids for 1 s; the redelivery comes 500 ms after the first application. */
const scenario = [
  send("t", "a"),
  join("key", "m"),
  poll("key", "m"),
  processRecord("key", "m", "t", 0, 0),
  crash("key", "m"),
  join("key", "m"),
  poll("key", "m"),
  advance(500),
  processRecord("key", "m", "t", 0, 0)
]

describe("mutant:dedup-window-expires-early", () => {
  it("applies a redelivery inside the window again: the id was forgotten half-way", async () => {
    expect(await last(scenario, effectful)).toMatchObject({ _tag: "Processed", effect: { outcome: "skipped", id: "a" } })
    expect(await last(scenario, effectful, dedupWindowExpiresEarly)).toMatchObject({ _tag: "Processed", effect: { outcome: "applied", id: "a" } })
  })
})
