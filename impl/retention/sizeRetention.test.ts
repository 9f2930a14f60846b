import { describe, expect, it } from "vitest"
import { advance, dump, retry, send, sendLost } from "../internal/testCommands.ts"
import { retained, run } from "../internal/testRun.ts"

describe("the broker's size-based retention", () => {
  it("deletes down to retentionRecordsMax right after the append that exceeded it", async () => {
    const responses = await run([send("sized", "x"), send("sized", "y"), dump("sized", 0), send("sized", "z"), dump("sized", 0)], retained)
    expect(responses[2]).toStrictEqual({
      _tag: "Dumped",
      topic: "sized",
      partition: 0,
      entries: [
        { _tag: "Data", offset: 0, producer: "p1", value: "x", timestampMs: 0 },
        { _tag: "Data", offset: 1, producer: "p1", value: "y", timestampMs: 0 }
      ],
      highWatermark: 2,
      lastStableOffset: 2
    })
    expect(responses[4]).toStrictEqual({
      _tag: "Dumped",
      topic: "sized",
      partition: 0,
      entries: [
        { _tag: "Data", offset: 1, producer: "p1", value: "y", timestampMs: 0 },
        { _tag: "Data", offset: 2, producer: "p1", value: "z", timestampMs: 0 }
      ],
      highWatermark: 3,
      lastStableOffset: 3,
      logStartOffset: 1
    })
  })

  it("applies to a retried send's append, and ClockAdvance does not report it", async () => {
    const responses = await run([
      send("sized", "x"),
      send("sized", "y"),
      sendLost("sized", "z", "q"),
      retry("q"),
      advance(10),
      dump("sized", 0)
    ], retained)
    expect(responses.slice(3)).toStrictEqual([
      { _tag: "Sent", topic: "sized", partition: 0, offset: 3 },
      { _tag: "ClockAdvanced", nowMs: 10, expired: [], rebalanced: [] },
      {
        _tag: "Dumped",
        topic: "sized",
        partition: 0,
        entries: [
          { _tag: "Data", offset: 2, producer: "q", value: "z", timestampMs: 0 },
          { _tag: "Data", offset: 3, producer: "q", value: "z", timestampMs: 0 }
        ],
        highWatermark: 4,
        lastStableOffset: 4,
        logStartOffset: 2
      }
    ])
  })

  it("keeps everything on a topic without retention: no logStarts, no logStartOffset", async () => {
    const responses = await run([...Array.from({ length: 5 }, (_, i) => send("kept", `v${i}`)), advance(100_000), dump("kept", 0, 3)], retained)
    expect(responses.slice(5)).toStrictEqual([
      { _tag: "ClockAdvanced", nowMs: 100_000, expired: [], rebalanced: [] },
      {
        _tag: "Dumped",
        topic: "kept",
        partition: 0,
        entries: [
          { _tag: "Data", offset: 3, producer: "p1", value: "v3", timestampMs: 0 },
          { _tag: "Data", offset: 4, producer: "p1", value: "v4", timestampMs: 0 }
        ],
        highWatermark: 5,
        lastStableOffset: 5
      }
    ])
  })
})
