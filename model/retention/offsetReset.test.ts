import { describe, expect, it } from "vitest"
import type { Command } from "../../spec/command.ts"
import { brokerMembersOf, clientOf, init, run, step } from "../index.ts"
import { cmd } from "../internal/testing.ts"
import { configRetention } from "./internal/testing.ts"

const s0 = init(configRetention)

/** Member `m` of `group` joins and reads `sized`/0 (records 0..1, position 2), then 3 more sends move its log start to 3 (high watermark 5). */
const fellBehind = (group: string): ReadonlyArray<Command> => [
  cmd.join(group, "m"),
  cmd.send("p", "sized", "r0"),
  cmd.send("p", "sized", "r1"),
  cmd.poll(group, "m", 10),
  cmd.send("p", "sized", "r2"),
  cmd.send("p", "sized", "r3"),
  cmd.send("p", "sized", "r4")
]

const record = (offset: number) => ({ topic: "sized", partition: 0, offset, producer: "p", value: `r${offset}`, timestampMs: 0 })

describe("ConsumerPoll below the log start", () => {
  it("earliest: a member whose position fell below the log start resets to it and reads what is left", () => {
    const behind = run(s0, fellBehind("early"))
    expect(behind.responses[3]).toEqual({ _tag: "Polled", group: "early", member: "m", records: [record(0), record(1)] })
    expect(step(behind.state, cmd.poll("early", "m", 10)).response).toEqual({
      _tag: "Polled",
      group: "early",
      member: "m",
      records: [record(3), record(4)],
      resets: [{ topic: "sized", partition: 0, from: 2, to: 3 }]
    })
  })

  it("latest: the start resets to the high watermark, skipping what is left, and the next poll reads on from there", () => {
    const behind = run(s0, [...fellBehind("late"), cmd.poll("late", "m", 10), cmd.send("p", "sized", "r5"), cmd.poll("late", "m", 10)])
    expect(behind.responses[7]).toEqual({
      _tag: "Polled",
      group: "late",
      member: "m",
      records: [],
      resets: [{ topic: "sized", partition: 0, from: 2, to: 5 }]
    })
    expect(behind.responses[9]).toEqual({ _tag: "Polled", group: "late", member: "m", records: [record(5)] })
  })

  it("a group without autoOffsetReset resets as latest", () => {
    const behind = run(s0, fellBehind("plain"))
    expect(step(behind.state, cmd.poll("plain", "m", 10)).response).toEqual({
      _tag: "Polled",
      group: "plain",
      member: "m",
      records: [],
      resets: [{ topic: "sized", partition: 0, from: 2, to: 5 }]
    })
  })

  it("none: the whole poll answers OffsetOutOfRange with the log start and changes nothing but lastSeenMs", () => {
    const behind = run(s0, [...fellBehind("strict"), cmd.send("p", "timed", "t0", "k3"), cmd.advance(10)])
    const before = clientOf(behind.state, "strict", "m")
    const refused = step(behind.state, cmd.poll("strict", "m", 10))
    expect(refused.response).toEqual({ _tag: "OffsetOutOfRange", topic: "sized", partition: 0, offset: 2, highWatermark: 5, logStartOffset: 3 })
    expect(clientOf(refused.state, "strict", "m")).toEqual(before)
    expect(before?.positions).toEqual([
      { topic: "sized", partition: 0, offset: 2 },
      { topic: "timed", partition: 0, offset: 0 },
      { topic: "timed", partition: 1, offset: 0 }
    ])
    expect(before?.buffer.map((buffered) => buffered.offset)).toEqual([0, 1])
    expect(brokerMembersOf(refused.state, "strict")[0].lastSeenMs).toBe(10)
    expect(step(refused.state, cmd.poll("strict", "m", 10)).response).toEqual(refused.response)
  })

  it("none: after a seek to the log start (allowed), the poll reads on", () => {
    const behind = run(s0, fellBehind("strict"))
    const sought = run(behind.state, [cmd.seek("strict", "m", "sized", 0, 3), cmd.poll("strict", "m", 10)])
    expect(sought.responses).toEqual([
      { _tag: "Seeked", group: "strict", member: "m", topic: "sized", partition: 0, offset: 3 },
      { _tag: "Polled", group: "strict", member: "m", records: [record(3), record(4)] }
    ])
  })

  it("a seek below the log start is allowed and the next poll resets it", () => {
    const behind = run(s0, [...fellBehind("early"), cmd.poll("early", "m", 10)])
    const sought = run(behind.state, [cmd.seek("early", "m", "sized", 0, 0), cmd.poll("early", "m", 10)])
    expect(sought.responses).toEqual([
      { _tag: "Seeked", group: "early", member: "m", topic: "sized", partition: 0, offset: 0 },
      { _tag: "Polled", group: "early", member: "m", records: [record(3), record(4)], resets: [{ topic: "sized", partition: 0, from: 0, to: 3 }] }
    ])
  })

  it("a committed offset below the log start is reset for a member without a position", () => {
    const { responses } = run(s0, [
      cmd.join("early", "m"),
      cmd.send("p", "sized", "r0"),
      cmd.poll("early", "m", 10),
      cmd.process("early", "m", "sized", 0, 0),
      cmd.commit("early", "m", [{ topic: "sized", partition: 0, offset: 1 }]),
      cmd.leave("early", "m"),
      cmd.send("p", "sized", "r1"),
      cmd.send("p", "sized", "r2"),
      cmd.send("p", "sized", "r3"),
      cmd.join("early", "n"),
      cmd.poll("early", "n", 10)
    ])
    expect(responses[10]).toEqual({
      _tag: "Polled",
      group: "early",
      member: "n",
      records: [record(2), record(3)],
      resets: [{ topic: "sized", partition: 0, from: 1, to: 2 }]
    })
  })

  it("a group without commits or position starts at the log start, with no reset, whatever its setting", () => {
    const sends = [cmd.send("p", "sized", "r0"), cmd.send("p", "sized", "r1"), cmd.send("p", "sized", "r2")]
    for (const group of ["early", "late", "strict", "plain"]) {
      const { responses } = run(s0, [...sends, cmd.join(group, "m"), cmd.poll(group, "m", 10)])
      expect(responses[4]).toEqual({ _tag: "Polled", group, member: "m", records: [record(1), record(2)] })
    }
  })

  it("lists resets in assignment order, each partition reset even when recordsMax is used up", () => {
    const { state } = run(s0, [
      cmd.join("early", "m"),
      cmd.send("p", "sized", "r0"),
      cmd.poll("early", "m", 10),
      cmd.send("p", "timed", "a", "k3"),
      cmd.send("p", "timed", "b", "k0"),
      cmd.advance(1000),
      cmd.send("p", "sized", "r1"),
      cmd.send("p", "sized", "r2"),
      cmd.send("p", "sized", "r3"),
      cmd.send("p", "timed", "c", "k0")
    ])
    const polled = step(state, cmd.poll("early", "m", 1))
    expect(polled.response).toEqual({
      _tag: "Polled",
      group: "early",
      member: "m",
      records: [{ topic: "sized", partition: 0, offset: 2, producer: "p", value: "r2", timestampMs: 1000 }],
      resets: [
        { topic: "sized", partition: 0, from: 1, to: 2 },
        { topic: "timed", partition: 0, from: 0, to: 1 },
        { topic: "timed", partition: 1, from: 0, to: 1 }
      ]
    })
    expect(clientOf(polled.state, "early", "m")?.positions).toEqual([
      { topic: "sized", partition: 0, offset: 3 },
      { topic: "timed", partition: 0, offset: 1 },
      { topic: "timed", partition: 1, offset: 1 }
    ])
  })

  it("none: the first partition below its log start in assignment order is the one refused", () => {
    const { state } = run(s0, [
      cmd.join("strict", "m"),
      cmd.poll("strict", "m", 10),
      cmd.send("p", "timed", "a", "k3"),
      cmd.send("p", "timed", "b", "k0"),
      cmd.send("p", "sized", "r0"),
      cmd.advance(1000)
    ])
    expect(step(state, cmd.poll("strict", "m", 10)).response).toEqual({
      _tag: "OffsetOutOfRange",
      topic: "timed",
      partition: 0,
      offset: 0,
      highWatermark: 1,
      logStartOffset: 1
    })
  })
})
