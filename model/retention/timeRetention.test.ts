import { describe, expect, it } from "vitest"
import { init, logStartOffsetOf, recordsOf, run, step } from "../index.ts"
import { cmd } from "../internal/testing.ts"
import { configRetention } from "./internal/testing.ts"

const s0 = init(configRetention)

/** `a` and `b` at 0 ms on `timed`/0 and `timed`/1, `c` at 500 ms on `timed`/0, then the clock up to 1,500 ms in steps around the boundaries. */
const commands = [
  cmd.send("p", "timed", "a", "k3"),
  cmd.send("p", "timed", "b", "k0"),
  cmd.advance(500),
  cmd.send("p", "timed", "c", "k3"),
  cmd.advance(499),
  cmd.advance(1),
  cmd.advance(499),
  cmd.advance(1),
  cmd.advance(5000)
]
const scenario = run(s0, commands)

describe("time-based retention at ClockAdvance", () => {
  it("keeps an entry while timestampMs + retentionMs > nowMs and deletes it at equality", () => {
    expect(scenario.responses[4]).toEqual({ _tag: "ClockAdvanced", nowMs: 999, expired: [], rebalanced: [] })
    expect(scenario.responses[6]).toEqual({ _tag: "ClockAdvanced", nowMs: 1499, expired: [], rebalanced: [] })
    expect(scenario.responses[7]).toEqual({
      _tag: "ClockAdvanced",
      nowMs: 1500,
      expired: [],
      rebalanced: [],
      logStarts: [{ topic: "timed", partition: 0, logStartOffset: 2 }]
    })
  })

  it("lists every moved log start once, in topic then partition order, and nothing once the log is empty", () => {
    expect(scenario.responses[5]).toEqual({
      _tag: "ClockAdvanced",
      nowMs: 1000,
      expired: [],
      rebalanced: [],
      logStarts: [
        { topic: "timed", partition: 0, logStartOffset: 1 },
        { topic: "timed", partition: 1, logStartOffset: 1 }
      ]
    })
    expect(scenario.responses[8]).toEqual({ _tag: "ClockAdvanced", nowMs: 6500, expired: [], rebalanced: [] })
  })

  it("moves the log start without changing offsets or the high watermark", () => {
    const state = scenario.state
    expect(logStartOffsetOf(state, "timed", 0)).toBe(2)
    expect(logStartOffsetOf(state, "timed", 1)).toBe(1)
    expect(recordsOf(state, "timed", 0)).toEqual([])
    const next = step(state, cmd.send("p", "timed", "d", "k3"))
    expect(next.response).toEqual({ _tag: "Sent", topic: "timed", partition: 0, offset: 2 })
    expect(recordsOf(next.state, "timed", 0)).toEqual([{ topic: "timed", partition: 0, offset: 2, producer: "p", key: "k3", value: "d", timestampMs: 6500 }])
  })

  it("dumps from the log start, with the log start offset, when retention moved it", () => {
    expect(step(run(s0, commands.slice(0, 6)).state, cmd.dump("timed", 0)).response).toEqual({
      _tag: "Dumped",
      topic: "timed",
      partition: 0,
      entries: [{ _tag: "Data", offset: 1, producer: "p", key: "k3", value: "c", timestampMs: 500 }],
      highWatermark: 2,
      lastStableOffset: 2,
      logStartOffset: 1
    })
    expect(step(scenario.state, cmd.dump("timed", 0, 1)).response).toEqual({
      _tag: "Dumped",
      topic: "timed",
      partition: 0,
      entries: [],
      highWatermark: 2,
      lastStableOffset: 2,
      logStartOffset: 2
    })
    expect(step(scenario.state, cmd.dump("timed", 0, 3)).response).toEqual({
      _tag: "OffsetOutOfRange",
      topic: "timed",
      partition: 0,
      offset: 3,
      highWatermark: 2
    })
  })
})
