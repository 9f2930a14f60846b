import { describe, expect, it } from "vitest"
import { advance, dump, join, poll, record, send } from "../internal/testCommands.ts"
import { retained, run } from "../internal/testRun.ts"
import { retentionEarly } from "./retentionEarly.ts"

/** A record on `timed`/0 at 0 ms, the clock to 999 ms (1 ms before it expires), a first poll of a fresh `early` member, a dump. */
const scenario = [send("timed", "a", "k3"), advance(999), join("early", "m"), poll("early", "m"), dump("timed", 0)]

describe("mutant:retention-early", () => {
  it("deletes a record 1 ms before its retention is up", async () => {
    const expected = await run(scenario, retained)
    expect(expected[1]).toStrictEqual({ _tag: "ClockAdvanced", nowMs: 999, expired: [], rebalanced: [] })
    expect(expected[3]).toStrictEqual({ _tag: "Polled", group: "early", member: "m", records: [record("timed", 0, 0, "a", { key: "k3" })] })
    const mutated = await run(scenario, retained, retentionEarly)
    expect(mutated[1]).toStrictEqual({
      _tag: "ClockAdvanced",
      nowMs: 999,
      expired: [],
      rebalanced: [],
      logStarts: [{ topic: "timed", partition: 0, logStartOffset: 1 }]
    })
    expect(mutated[3]).toStrictEqual({ _tag: "Polled", group: "early", member: "m", records: [] })
    expect(mutated[4]).toStrictEqual({ _tag: "Dumped", topic: "timed", partition: 0, entries: [], highWatermark: 1, lastStableOffset: 1, logStartOffset: 1 })
  })
})
