import { describe, expect, it } from "vitest"
import { advance, dump, send } from "../internal/testCommands.ts"
import { retained, run } from "../internal/testRun.ts"

describe("the broker's time-based retention", () => {
  it("deletes an entry at timestampMs + retentionMs = nowMs, not a millisecond before, listing moved log starts in topic then partition order", async () => {
    const responses = await run([
      send("timed", "a", "k3"),
      send("timed", "b", "k0"),
      advance(500),
      send("timed", "c", "k3"),
      advance(499),
      advance(1),
      advance(499),
      advance(1),
      advance(5000)
    ], retained)
    expect(responses.slice(4)).toStrictEqual([
      { _tag: "ClockAdvanced", nowMs: 999, expired: [], rebalanced: [] },
      {
        _tag: "ClockAdvanced",
        nowMs: 1000,
        expired: [],
        rebalanced: [],
        logStarts: [
          { topic: "timed", partition: 0, logStartOffset: 1 },
          { topic: "timed", partition: 1, logStartOffset: 1 }
        ]
      },
      { _tag: "ClockAdvanced", nowMs: 1499, expired: [], rebalanced: [] },
      { _tag: "ClockAdvanced", nowMs: 1500, expired: [], rebalanced: [], logStarts: [{ topic: "timed", partition: 0, logStartOffset: 2 }] },
      { _tag: "ClockAdvanced", nowMs: 6500, expired: [], rebalanced: [] }
    ])
  })

  it("dumps from the log start with logStartOffset, keeps offsets, and refuses a dump above the high watermark as before", async () => {
    const responses = await run([
      send("timed", "a", "k3"),
      advance(500),
      send("timed", "c", "k3"),
      advance(500),
      dump("timed", 0),
      advance(500),
      dump("timed", 0, 1),
      send("timed", "d", "k3"),
      dump("timed", 0, 2, 1),
      dump("timed", 0, 4)
    ], retained)
    expect(responses[4]).toStrictEqual({
      _tag: "Dumped",
      topic: "timed",
      partition: 0,
      entries: [{ _tag: "Data", offset: 1, producer: "p1", key: "k3", value: "c", timestampMs: 500 }],
      highWatermark: 2,
      lastStableOffset: 2,
      logStartOffset: 1
    })
    expect(responses[6]).toStrictEqual({
      _tag: "Dumped",
      topic: "timed",
      partition: 0,
      entries: [],
      highWatermark: 2,
      lastStableOffset: 2,
      logStartOffset: 2
    })
    expect(responses[7]).toStrictEqual({ _tag: "Sent", topic: "timed", partition: 0, offset: 2 })
    expect(responses[8]).toStrictEqual({
      _tag: "Dumped",
      topic: "timed",
      partition: 0,
      entries: [{ _tag: "Data", offset: 2, producer: "p1", key: "k3", value: "d", timestampMs: 1500 }],
      highWatermark: 3,
      lastStableOffset: 3,
      logStartOffset: 2
    })
    expect(responses[9]).toStrictEqual({ _tag: "OffsetOutOfRange", topic: "timed", partition: 0, offset: 4, highWatermark: 3 })
  })
})
