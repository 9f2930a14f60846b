import { describe, expect, it } from "vitest"
import { configRetention as config } from "./internal/configRetention.ts"
import { dataEntry, HistoryBuilder } from "./internal/historyBuilder.ts"
import { retentionLossesAreDocumented as check } from "./retentionLossesAreDocumented.ts"

const all = ["events/0", "events/1"]
const reset = (from: number, to: number, partition = 0) => [{ topic: "events", partition, from, to }]

/**
 * events/0@0 and @1 are sent at 0 ms, @2 at 10000 ms; replayer's member a
 * processes @0, commits 1 and crashes; at 20000 ms retention (20 s) deletes
 * @0 and @1, so the log start of events/0 is 2 and replayer's commit is below it.
 */
const expired = () =>
  new HistoryBuilder()
    .send("events/0@0")
    .send("events/0@1")
    .advance(10000, 10000)
    .send("events/0@2")
    .join("replayer", "a", 1, all)
    .poll("replayer", "a", ["events/0@0"])
    .process("replayer", "a", "events/0@0")
    .commit("replayer", "a", 1, ["events/0@1"])
    .crash("replayer", "a")
    .advanceRetaining(10000, 20000, ["events/0@2"])
    .join("replayer", "b", 2, all)

describe("RetentionLossesAreDocumented", () => {
  it("holds and is witnessed when an earliest reset skips a deleted record the group never processed, and the drain ends", () => {
    const b = expired()
      .pollReset("replayer", "b", ["events/0@2"], reset(1, 2))
      .process("replayer", "b", "events/0@2")
      .commit("replayer", "b", 2, ["events/0@3"])
      .poll("replayer", "b", [])
    expect(check.undrainedOf?.(b.history, config).has("replayer")).toBe(false)
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(true)
  })

  it("is not witnessed when nothing a reset skipped went unprocessed", () => {
    const b = new HistoryBuilder()
      .send("events/0@0")
      .join("replayer", "a", 1, all)
      .poll("replayer", "a", ["events/0@0"])
      .process("replayer", "a", "events/0@0")
      .commit("replayer", "a", 1, ["events/0@1"])
      .poll("replayer", "a", [])
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(false)
  })

  it("resets a latest group to the high watermark and a none group by a refusal, then a seek to the log start", () => {
    const tailer = new HistoryBuilder()
      .send("events/0@0")
      .send("events/0@1")
      .join("tailer", "a", 1, all)
      .poll("tailer", "a", ["events/0@0"])
      .seek("tailer", "a", "events/0@0")
      .advance(10000, 10000)
      .send("events/0@2")
      .advanceRetaining(10000, 20000, ["events/0@2"])
      .pollReset("tailer", "a", [], reset(0, 3))
      .commit("tailer", "a", 1, ["events/0@3"])
      .poll("tailer", "a", [])
    expect(check.always(tailer.history, config)).toBeUndefined()
    expect(check.sometimes(tailer.history, config)).toBe(true)
    const strict = new HistoryBuilder()
      .send("events/0@0")
      .send("events/0@1")
      .join("strict", "a", 1, all)
      .poll("strict", "a", ["events/0@0"])
      .process("strict", "a", "events/0@0")
      .commit("strict", "a", 1, ["events/0@1"])
      .advance(10000, 10000)
      .send("events/0@2")
      .advanceRetaining(10000, 20000, ["events/0@2"])
      .seek("strict", "a", "events/0@1")
      .pollRefused("strict", "a", "events/0@1", 3, 2)
      .seek("strict", "a", "events/0@2")
      .poll("strict", "a", ["events/0@2"])
      .process("strict", "a", "events/0@2")
      .commit("strict", "a", 1, ["events/0@3"])
      .poll("strict", "a", [])
    expect(check.always(strict.history, config)).toBeUndefined()
    expect(check.sometimes(strict.history, config)).toBe(true)
  })

  it("is violated by a clock advance that keeps what expired, or deletes early (mutant:retention-early)", () => {
    const kept = new HistoryBuilder().send("events/0@0").advanceRetaining(20000, 20000, [])
    expect(check.always(kept.history, config)).toEqual({
      step: 1,
      message: "ClockAdvanced to 20000 ms left the log start of events/0 at 0, but retentionMs 20000 puts it at 1 (offsets 0 to 0 were appended at or before 0 ms)"
    })
    const early = new HistoryBuilder().send("events/0@0").advanceRetaining(19999, 19999, ["events/0@1"])
    expect(check.always(early.history, config)).toEqual({
      step: 1,
      message: "ClockAdvanced to 19999 ms moved the log start of events/0 to 1, but retentionMs 20000 puts it at 0 (no entry from offset 0 on was appended at or before -1 ms)"
    })
    const untimed = new HistoryBuilder().send("audit/0@0").advanceRetaining(20000, 20000, ["audit/0@1"])
    expect(check.always(untimed.history, config)?.message).toBe(
      "ClockAdvanced to 20000 ms moved the log start of audit/0 to 1, but audit has no retentionMs"
    )
  })

  it("is violated by a delivery or a dump below the log start, and a dump giving another log start", () => {
    const delivered = expired().poll("replayer", "b", ["events/0@1"])
    expect(check.always(delivered.history, config)).toEqual({
      step: 11,
      message: "member b of replayer was delivered events/0@1, below the log start 2 of events/0"
    })
    const dumped = expired().dumpRetained("events/0", [dataEntry(1), dataEntry(2)], 3, 1)
    expect(check.always(dumped.history, config)?.message).toBe("the dump of events/0 shows offset 1, below its log start 2")
    const start = expired().dumpRetained("events/0", [dataEntry(2)], 3, 0)
    expect(check.always(start.history, config)?.message).toBe("the dump of events/0 gives the log start 0, but the answers put it at 2")
  })

  it("applies size retention itself: highWatermark - retentionRecordsMax, which no answer reports", () => {
    const b = new HistoryBuilder()
      .send("events/1@0")
      .send("events/1@1")
      .send("events/1@2")
      .send("events/1@3")
      .join("replayer", "a", 1, all)
    const fromStart = b.history.length
    b.poll("replayer", "a", ["events/1@1", "events/1@2", "events/1@3"])
      .process("replayer", "a", "events/1@1")
      .process("replayer", "a", "events/1@2")
      .process("replayer", "a", "events/1@3")
      .commit("replayer", "a", 1, ["events/1@4"])
      .poll("replayer", "a", [])
    // events/1@0 was deleted before replayer first read the partition: a loss no answer reports, and no violation.
    expect(check.always(b.history, config)).toBeUndefined()
    const below = new HistoryBuilder().send("events/1@0").send("events/1@1").send("events/1@2").send("events/1@3").join("replayer", "a", 1, all).poll("replayer", "a", ["events/1@0"])
    expect(check.always(below.history, config)).toEqual({
      step: fromStart,
      message: "member a of replayer was delivered events/1@0, below the log start 1 of events/1"
    })
  })

  it("is violated by a poll that starts below the log start without a reset (mutant:reset-unreported), or a none group's without a refusal", () => {
    const unreported = expired().poll("replayer", "b", ["events/0@2"])
    expect(check.always(unreported.history, config)).toEqual({
      step: 11,
      message: "member b of replayer's poll would start events/0 at 1, below the log start 2, but it reported no reset (autoOffsetReset earliest)"
    })
    const strict = new HistoryBuilder()
      .send("events/0@0")
      .join("strict", "a", 1, all)
      .poll("strict", "a", ["events/0@0"])
      .seek("strict", "a", "events/0@0")
      .advanceRetaining(20000, 20000, ["events/0@1"])
      .poll("strict", "a", [])
    expect(check.always(strict.history, config)?.message).toBe(
      "member a of strict's poll would start events/0 at 0, below the log start 1, but it was not refused with OffsetOutOfRange (autoOffsetReset none)"
    )
  })

  it("is violated by a reset with the wrong from or to, of a none group, or where nothing was below the log start", () => {
    expect(check.always(expired().pollReset("replayer", "b", ["events/0@2"], reset(0, 2)).history, config)?.message).toBe(
      "member b of replayer's poll reset events/0 from 0 to 2, but the poll would have started events/0 at 1"
    )
    expect(check.always(expired().pollReset("replayer", "b", [], reset(1, 3)).history, config)?.message).toBe(
      "member b of replayer's poll reset events/0 from 1 to 3, but replayer's autoOffsetReset earliest resets events/0 to the log start 2"
    )
    const latest = new HistoryBuilder()
      .send("events/0@0")
      .join("tailer", "a", 1, all)
      .poll("tailer", "a", ["events/0@0"])
      .seek("tailer", "a", "events/0@0")
      .advance(10000, 10000)
      .send("events/0@1")
      .advanceRetaining(20000, 20000, ["events/0@1"])
      .pollReset("tailer", "a", ["events/0@1"], reset(0, 1))
    expect(check.always(latest.history, config)?.message).toBe(
      "member a of tailer's poll reset events/0 from 0 to 1, but tailer's autoOffsetReset latest resets events/0 to the high watermark 2"
    )
    const none = new HistoryBuilder()
      .send("events/0@0")
      .join("strict", "a", 1, all)
      .poll("strict", "a", ["events/0@0"])
      .seek("strict", "a", "events/0@0")
      .advanceRetaining(20000, 20000, ["events/0@1"])
      .pollReset("strict", "a", [], reset(0, 1))
    expect(check.always(none.history, config)?.message).toBe(
      "member a of strict's poll reset events/0 from 0 to 1, but strict's autoOffsetReset is none: such a poll is refused with OffsetOutOfRange"
    )
    const needless = new HistoryBuilder().send("events/0@0").join("replayer", "a", 1, all).pollReset("replayer", "a", ["events/0@0"], reset(0, 0))
    expect(check.always(needless.history, config)?.message).toBe(
      "member a of replayer's poll reset events/0 from 0 to 0, but its start in events/0 is not below the log start 0"
    )
  })

  it("is violated by a refusal of a group that resets, where nothing is below the log start, or naming another start", () => {
    const resets = expired().pollRefused("replayer", "b", "events/0@1", 3, 2)
    expect(check.always(resets.history, config)).toEqual({
      step: 11,
      message: "member b of replayer's poll was refused with OffsetOutOfRange at events/0@1 (log start 2), but replayer's autoOffsetReset earliest resets instead"
    })
    const nothing = new HistoryBuilder().send("events/0@0").join("strict", "a", 1, all).pollRefused("strict", "a", "events/0@0", 1, 0)
    expect(check.always(nothing.history, config)?.message).toBe(
      "member a of strict's poll was refused with OffsetOutOfRange at events/0@0 (log start 0), but no start of its assigned partitions is below its log start"
    )
    const wrong = new HistoryBuilder()
      .send("events/0@0")
      .join("strict", "a", 1, all)
      .poll("strict", "a", ["events/0@0"])
      .seek("strict", "a", "events/0@0")
      .advanceRetaining(20000, 20000, ["events/0@1"])
      .pollRefused("strict", "a", "events/0@0", 1, 0)
    expect(check.always(wrong.history, config)?.message).toBe(
      "member a of strict's poll was refused with OffsetOutOfRange at events/0@0 (log start 0), but its first partition below the log start is events/0, whose start 0 is below the log start 1"
    )
  })

  it("is violated after the drain by a record an at-least-once group lost without a reset", () => {
    const b = new HistoryBuilder()
      .send("events/0@0")
      .send("events/0@1")
      .join("tailer", "a", 1, all)
      .poll("tailer", "a", ["events/0@1"])
      .process("tailer", "a", "events/0@1")
      .commit("tailer", "a", 1, ["events/0@2"])
      .poll("tailer", "a", [])
    expect(check.always(b.history, config)).toEqual({
      step: b.step - 1,
      message: "at-least-once group tailer never processed nor dead-lettered events/0@0 (sent at step 1), and no reset, refused poll or first read at the log start of tailer skipped it"
    })
  })
})
