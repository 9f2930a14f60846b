import { describe, expect, it } from "vitest"
import { init, logStartOffsetOf, recordsOf, run, step } from "../index.ts"
import { cmd } from "../internal/testing.ts"
import { configRetention } from "./internal/testing.ts"

const s0 = init(configRetention)

describe("size-based retention after every append", () => {
  it("deletes the oldest entries down to retentionRecordsMax right after the append that exceeded it", () => {
    const { responses, state } = run(s0, [
      cmd.send("p", "sized", "x"),
      cmd.send("p", "sized", "y"),
      cmd.dump("sized", 0),
      cmd.send("p", "sized", "z"),
      cmd.dump("sized", 0)
    ])
    expect(responses[2]).toEqual({
      _tag: "Dumped",
      topic: "sized",
      partition: 0,
      entries: [
        { _tag: "Data", offset: 0, producer: "p", value: "x", timestampMs: 0 },
        { _tag: "Data", offset: 1, producer: "p", value: "y", timestampMs: 0 }
      ],
      highWatermark: 2,
      lastStableOffset: 2
    })
    expect(responses[3]).toEqual({ _tag: "Sent", topic: "sized", partition: 0, offset: 2 })
    expect(responses[4]).toEqual({
      _tag: "Dumped",
      topic: "sized",
      partition: 0,
      entries: [
        { _tag: "Data", offset: 1, producer: "p", value: "y", timestampMs: 0 },
        { _tag: "Data", offset: 2, producer: "p", value: "z", timestampMs: 0 }
      ],
      highWatermark: 3,
      lastStableOffset: 3,
      logStartOffset: 1
    })
    expect(recordsOf(state, "sized", 0).map((record) => record.value)).toEqual(["y", "z"])
  })

  it("applies to a retried send's append too, and is not reported by ClockAdvance", () => {
    const { responses, state } = run(s0, [
      cmd.send("p", "sized", "x"),
      cmd.send("p", "sized", "y"),
      cmd.sendLost("q", "sized", "z"),
      cmd.retry("q"),
      cmd.advance(10)
    ])
    expect(responses[3]).toEqual({ _tag: "Sent", topic: "sized", partition: 0, offset: 3 })
    expect(logStartOffsetOf(state, "sized", 0)).toBe(2)
    expect(recordsOf(state, "sized", 0).map((record) => record.value)).toEqual(["z", "z"])
    expect(responses[4]).toEqual({ _tag: "ClockAdvanced", nowMs: 10, expired: [], rebalanced: [] })
  })

  it("keeps everything on a topic without retention, at no cost (no log starts kept)", () => {
    const sends = Array.from({ length: 5 }, (_, i) => cmd.send("p", "kept", `v${i}`))
    const { responses, state } = run(s0, [...sends, cmd.advance(100_000), cmd.dump("kept", 0, 0, 2)])
    expect(responses[5]).toEqual({ _tag: "ClockAdvanced", nowMs: 100_000, expired: [], rebalanced: [] })
    expect(responses[6]).toEqual({
      _tag: "Dumped",
      topic: "kept",
      partition: 0,
      entries: [
        { _tag: "Data", offset: 0, producer: "p", value: "v0", timestampMs: 0 },
        { _tag: "Data", offset: 1, producer: "p", value: "v1", timestampMs: 0 }
      ],
      highWatermark: 5,
      lastStableOffset: 5
    })
    expect(state.topics[2].logStarts).toBeUndefined()
    expect(step(state, cmd.send("p", "timed", "t", "k3")).state.topics[0].logStarts).toBeUndefined()
  })
})
