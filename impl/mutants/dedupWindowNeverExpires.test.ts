import { describe, expect, it } from "vitest"
import { advance, crash, effectsOf, join, poll, processRecord, send } from "../internal/testCommands.ts"
import { effectful, run } from "../internal/testRun.ts"
import { dedupWindowNeverExpires } from "./dedupWindowNeverExpires.ts"

/** `key` remembers ids for 1 s; the redelivery comes 1 s after the first application. */
const scenario = [
  send("t", "a"),
  join("key", "m"),
  poll("key", "m"),
  processRecord("key", "m", "t", 0, 0),
  crash("key", "m"),
  join("key", "m"),
  poll("key", "m"),
  advance(1000),
  effectsOf("key"),
  processRecord("key", "m", "t", 0, 0)
]

describe("mutant:dedup-window-never-expires", () => {
  it("still lists and skips an id after its window expired", async () => {
    expect((await run(scenario, effectful)).slice(-2)).toMatchObject([
      { _tag: "EffectsListed", remembered: [] },
      { _tag: "Processed", effect: { outcome: "applied", id: "a" } }
    ])
    expect((await run(scenario, effectful, dedupWindowNeverExpires)).slice(-2)).toMatchObject([
      { _tag: "EffectsListed", remembered: [{ id: "a", atMs: 0 }] },
      { _tag: "Processed", effect: { outcome: "skipped", id: "a" } }
    ])
  })
})
