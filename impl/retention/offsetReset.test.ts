import { describe, expect, it } from "vitest"
import type { Command } from "../../spec/command.ts"
import { advance, commit, join, leave, poll, processRecord, record, seek, send } from "../internal/testCommands.ts"
import { retained, run } from "../internal/testRun.ts"

/** Member `m` of `group` joins and reads `sized`/0 (records 0..1, position 2), then 3 more sends move its log start to 3 (high watermark 5). */
const fellBehind = (group: string): ReadonlyArray<Command> => [
  join(group, "m"),
  send("sized", "r0"),
  send("sized", "r1"),
  poll(group, "m"),
  send("sized", "r2"),
  send("sized", "r3"),
  send("sized", "r4")
]

const sized = (offset: number, timestampMs = 0) => record("sized", 0, offset, `r${offset}`, { timestampMs })

describe("the broker's polls below the log start", () => {
  it("earliest resets a position that fell behind to the log start", async () => {
    const responses = await run([...fellBehind("early"), poll("early", "m")], retained)
    expect(responses[3]).toStrictEqual({ _tag: "Polled", group: "early", member: "m", records: [sized(0), sized(1)] })
    expect(responses[7]).toStrictEqual({
      _tag: "Polled",
      group: "early",
      member: "m",
      records: [sized(3), sized(4)],
      resets: [{ topic: "sized", partition: 0, from: 2, to: 3 }]
    })
  })

  it("latest resets to the high watermark and reads on from there; so does a group without the setting", async () => {
    const late = await run([...fellBehind("late"), poll("late", "m"), send("sized", "r5"), poll("late", "m")], retained)
    expect(late.slice(7)).toStrictEqual([
      { _tag: "Polled", group: "late", member: "m", records: [], resets: [{ topic: "sized", partition: 0, from: 2, to: 5 }] },
      { _tag: "Sent", topic: "sized", partition: 0, offset: 5 },
      { _tag: "Polled", group: "late", member: "m", records: [sized(5)] }
    ])
    const plain = await run([...fellBehind("plain"), poll("plain", "m")], retained)
    expect(plain[7]).toStrictEqual({ _tag: "Polled", group: "plain", member: "m", records: [], resets: [{ topic: "sized", partition: 0, from: 2, to: 5 }] })
  })

  it("none refuses the whole poll with the log start, delivering and moving nothing, though the member was heard from", async () => {
    const responses = await run([
      ...fellBehind("strict"),
      send("timed", "t0", "k3"),
      advance(10),
      poll("strict", "m"),
      poll("strict", "m"),
      seek("strict", "m", "sized", 0, 3),
      poll("strict", "m"),
      advance(29_995)
    ], retained)
    const refused = { _tag: "OffsetOutOfRange", topic: "sized", partition: 0, offset: 2, highWatermark: 5, logStartOffset: 3 }
    expect(responses.slice(9)).toStrictEqual([
      refused,
      refused,
      { _tag: "Seeked", group: "strict", member: "m", topic: "sized", partition: 0, offset: 3 },
      { _tag: "Polled", group: "strict", member: "m", records: [sized(3), sized(4), record("timed", 0, 0, "t0", { key: "k3" })] },
      // Heard from at 10 ms by the refused poll: its session runs to 30,010 ms.
      { _tag: "ClockAdvanced", nowMs: 30_005, expired: [], rebalanced: [], logStarts: [{ topic: "timed", partition: 0, logStartOffset: 1 }] }
    ])
  })

  it("a seek below the log start is allowed and the next poll resets it", async () => {
    const responses = await run([...fellBehind("early"), poll("early", "m"), seek("early", "m", "sized", 0, 0), poll("early", "m")], retained)
    expect(responses.slice(8)).toStrictEqual([
      { _tag: "Seeked", group: "early", member: "m", topic: "sized", partition: 0, offset: 0 },
      { _tag: "Polled", group: "early", member: "m", records: [sized(3), sized(4)], resets: [{ topic: "sized", partition: 0, from: 0, to: 3 }] }
    ])
  })

  it("a committed offset below the log start is reset for a member without a position", async () => {
    const responses = await run([
      join("early", "m"),
      send("sized", "r0"),
      poll("early", "m"),
      processRecord("early", "m", "sized", 0, 0),
      commit("early", "m", [["sized", 0, 1]]),
      leave("early", "m"),
      send("sized", "r1"),
      send("sized", "r2"),
      send("sized", "r3"),
      join("early", "n"),
      poll("early", "n")
    ], retained)
    expect(responses[10]).toStrictEqual({
      _tag: "Polled",
      group: "early",
      member: "n",
      records: [sized(2), sized(3)],
      resets: [{ topic: "sized", partition: 0, from: 1, to: 2 }]
    })
  })

  it("a group without commits or position starts at the log start, with no reset, whatever its setting", async () => {
    for (const group of ["early", "late", "strict", "plain"]) {
      const responses = await run([send("sized", "r0"), send("sized", "r1"), send("sized", "r2"), join(group, "m"), poll(group, "m")], retained)
      expect(responses[4]).toStrictEqual({ _tag: "Polled", group, member: "m", records: [sized(1), sized(2)] })
    }
  })

  it("lists resets in assignment order, resetting every partition even when recordsMax is used up", async () => {
    const responses = await run([
      join("early", "m"),
      send("sized", "r0"),
      poll("early", "m"),
      send("timed", "a", "k3"),
      send("timed", "b", "k0"),
      advance(1000),
      send("sized", "r1"),
      send("sized", "r2"),
      send("sized", "r3"),
      send("timed", "c", "k0"),
      poll("early", "m", 1),
      poll("early", "m")
    ], retained)
    expect(responses.slice(10)).toStrictEqual([
      {
        _tag: "Polled",
        group: "early",
        member: "m",
        records: [sized(2, 1000)],
        resets: [
          { topic: "sized", partition: 0, from: 1, to: 2 },
          { topic: "timed", partition: 0, from: 0, to: 1 },
          { topic: "timed", partition: 1, from: 0, to: 1 }
        ]
      },
      { _tag: "Polled", group: "early", member: "m", records: [sized(3, 1000), record("timed", 1, 1, "c", { key: "k0", timestampMs: 1000 })] }
    ])
  })

  it("none refuses at the first partition below its log start in assignment order", async () => {
    const responses = await run([
      join("strict", "m"),
      poll("strict", "m"),
      send("timed", "a", "k3"),
      send("timed", "b", "k0"),
      send("sized", "r0"),
      advance(1000),
      poll("strict", "m")
    ], retained)
    expect(responses[6]).toStrictEqual({ _tag: "OffsetOutOfRange", topic: "timed", partition: 0, offset: 0, highWatermark: 1, logStartOffset: 1 })
  })
})

