import { describe, expect, it } from "vitest"
import { configDefault } from "../spec/config.ts"
import type { LogRecord } from "../spec/record.ts"
import { clientOf, committedOf, init, run, sinkOf } from "./index.ts"
import { cmd } from "./internal/testing.ts"

const tp = (topic: string, partition: number) => ({ topic, partition })
const o = (partition: number) => tp("orders", partition)
const p = (partition: number) => tp("payments", partition)
/** A record of the default config sent by producer "p" at time 0 (key k2 lands on orders-0). */
const rec = (topic: string, partition: number, offset: number, value: string, key?: string): LogRecord =>
  key === undefined
    ? { topic, partition, offset, producer: "p", value, timestampMs: 0 }
    : { topic, partition, offset, producer: "p", key, value, timestampMs: 0 }

describe("at-least-once: crash before commit", () => {
  it("redelivers to the next owner from the committed offset, so processed records come again", () => {
    const { state, responses } = run(init(configDefault), [
      cmd.join("billing", "a"),
      cmd.send("p", "orders", "v0", "k2"),
      cmd.send("p", "orders", "v1", "k2"),
      cmd.send("p", "orders", "v2", "k2"),
      cmd.poll("billing", "a", 3),
      cmd.process("billing", "a", "orders", 0, 0),
      cmd.commit("billing", "a", [{ topic: "orders", partition: 0, offset: 1 }]),
      cmd.process("billing", "a", "orders", 0, 1),
      cmd.process("billing", "a", "orders", 0, 2),
      cmd.crash("billing", "a"),
      cmd.advance(20_000),
      cmd.join("billing", "b"),
      cmd.advance(10_000),
      cmd.poll("billing", "b", 5),
      cmd.poll("billing", "b", 5),
      cmd.process("billing", "b", "orders", 0, 1),
      cmd.process("billing", "b", "orders", 0, 2)
    ])
    expect(responses.slice(4, 7)).toEqual([
      {
        _tag: "Polled",
        group: "billing",
        member: "a",
        records: [rec("orders", 0, 0, "v0", "k2"), rec("orders", 0, 1, "v1", "k2"), rec("orders", 0, 2, "v2", "k2")]
      },
      { _tag: "Processed", group: "billing", member: "a", topic: "orders", partition: 0, offset: 0 },
      { _tag: "Committed", group: "billing", member: "a", generation: 1, offsets: [{ topic: "orders", partition: 0, offset: 1 }] }
    ])
    expect(responses.slice(11)).toEqual([
      { _tag: "Joined", group: "billing", member: "b", generation: 2, assignment: [o(2), p(1)] },
      {
        _tag: "ClockAdvanced",
        nowMs: 30_000,
        expired: [{ group: "billing", member: "a" }],
        rebalanced: [{ group: "billing", generation: 3 }]
      },
      { _tag: "RebalanceInProgress", group: "billing", member: "b", generation: 3, assignment: [o(0), o(1), o(2), p(0), p(1)] },
      { _tag: "Polled", group: "billing", member: "b", records: [rec("orders", 0, 1, "v1", "k2"), rec("orders", 0, 2, "v2", "k2")] },
      { _tag: "Processed", group: "billing", member: "b", topic: "orders", partition: 0, offset: 1 },
      { _tag: "Processed", group: "billing", member: "b", topic: "orders", partition: 0, offset: 2 }
    ])
    expect(sinkOf(state, "billing").map((r) => r.offset)).toEqual([0, 1, 2, 1, 2])
    expect(committedOf(state, "billing", "orders", 0)).toBe(1)
  })
})

describe("at-most-once: commit then crash", () => {
  it("never delivers the committed but unprocessed records again", () => {
    const { state, responses } = run(init(configDefault), [
      cmd.join("metrics", "a"),
      cmd.send("p", "orders", "v0", "k2"),
      cmd.send("p", "orders", "v1", "k2"),
      cmd.send("p", "orders", "v2", "k2"),
      cmd.poll("metrics", "a", 3),
      cmd.commit("metrics", "a", [{ topic: "orders", partition: 0, offset: 3 }]),
      cmd.process("metrics", "a", "orders", 0, 0),
      cmd.crash("metrics", "a"),
      cmd.advance(20_000),
      cmd.join("metrics", "b"),
      cmd.advance(10_000),
      cmd.poll("metrics", "b", 5),
      cmd.poll("metrics", "b", 5),
      cmd.send("p", "orders", "v3", "k2"),
      cmd.poll("metrics", "b", 5)
    ])
    expect(responses[5]).toEqual({
      _tag: "Committed",
      group: "metrics",
      member: "a",
      generation: 1,
      offsets: [{ topic: "orders", partition: 0, offset: 3 }]
    })
    expect(responses.slice(9)).toEqual([
      { _tag: "Joined", group: "metrics", member: "b", generation: 2, assignment: [o(1)] },
      {
        _tag: "ClockAdvanced",
        nowMs: 30_000,
        expired: [{ group: "metrics", member: "a" }],
        rebalanced: [{ group: "metrics", generation: 3 }]
      },
      { _tag: "RebalanceInProgress", group: "metrics", member: "b", generation: 3, assignment: [o(0), o(1), o(2)] },
      { _tag: "Polled", group: "metrics", member: "b", records: [] },
      { _tag: "Sent", topic: "orders", partition: 0, offset: 3 },
      {
        _tag: "Polled",
        group: "metrics",
        member: "b",
        records: [{ topic: "orders", partition: 0, offset: 3, producer: "p", key: "k2", value: "v3", timestampMs: 30_000 }]
      }
    ])
    expect(sinkOf(state, "metrics").map((r) => r.offset)).toEqual([0])
  })
})

describe("groups are independent (fanout)", () => {
  it("delivers one record to every group, each from its own committed offset", () => {
    const { state, responses } = run(init(configDefault), [
      cmd.join("billing", "a"),
      cmd.join("metrics", "a"),
      cmd.send("p", "orders", "v0", "k2"),
      cmd.poll("billing", "a", 1),
      cmd.commit("billing", "a", [{ topic: "orders", partition: 0, offset: 1 }]),
      cmd.poll("metrics", "a", 1)
    ])
    expect(responses[5]).toEqual({ _tag: "Polled", group: "metrics", member: "a", records: [rec("orders", 0, 0, "v0", "k2")] })
    expect(committedOf(state, "billing", "orders", 0)).toBe(1)
    expect(committedOf(state, "metrics", "orders", 0)).toBeUndefined()
  })
})

describe("ConsumerPoll", () => {
  it("fills recordsMax in assignment order and gives every assigned partition a position", () => {
    const { state, responses } = run(init(configDefault), [
      cmd.join("billing", "a"),
      cmd.send("p", "payments", "x0", "k3"),
      cmd.send("p", "orders", "v0", "k2"),
      cmd.send("p", "orders", "w0", "k3"),
      cmd.send("p", "orders", "v1", "k2"),
      cmd.send("p", "payments", "x1", "k3"),
      cmd.poll("billing", "a", 4),
      cmd.poll("billing", "a", 4),
      cmd.poll("billing", "a", 4)
    ])
    expect(responses.slice(6)).toEqual([
      {
        _tag: "Polled",
        group: "billing",
        member: "a",
        records: [
          rec("orders", 0, 0, "v0", "k2"),
          rec("orders", 0, 1, "v1", "k2"),
          rec("orders", 1, 0, "w0", "k3"),
          rec("payments", 0, 0, "x0", "k3")
        ]
      },
      { _tag: "Polled", group: "billing", member: "a", records: [rec("payments", 0, 1, "x1", "k3")] },
      { _tag: "Polled", group: "billing", member: "a", records: [] }
    ])
    expect(clientOf(state, "billing", "a")?.positions).toEqual([
      { topic: "orders", partition: 0, offset: 2 },
      { topic: "orders", partition: 1, offset: 1 },
      { topic: "orders", partition: 2, offset: 0 },
      { topic: "payments", partition: 0, offset: 2 },
      { topic: "payments", partition: 1, offset: 0 }
    ])
  })

  it("sets a position even for a partition nothing fitted from, taken from the committed offset", () => {
    const { state } = run(init(configDefault), [
      cmd.join("metrics", "a"),
      cmd.send("p", "orders", "v0", "k2"),
      cmd.send("p", "orders", "v1", "k2"),
      cmd.send("p", "orders", "w0", "k3"),
      cmd.send("p", "orders", "w1", "k3"),
      cmd.commit("metrics", "a", [{ topic: "orders", partition: 1, offset: 1 }]),
      cmd.poll("metrics", "a", 1)
    ])
    expect(clientOf(state, "metrics", "a")?.positions).toEqual([
      { topic: "orders", partition: 0, offset: 1 },
      { topic: "orders", partition: 1, offset: 1 },
      { topic: "orders", partition: 2, offset: 0 }
    ])
  })

  it("syncs a stale client: RebalanceInProgress with no records, positions cleared, buffer kept", () => {
    const { state, responses } = run(init(configDefault), [
      cmd.join("billing", "a"),
      cmd.send("p", "orders", "v0", "k2"),
      cmd.send("p", "orders", "v1", "k2"),
      cmd.poll("billing", "a", 1),
      cmd.join("billing", "b"),
      cmd.poll("billing", "a", 5)
    ])
    expect(responses[5]).toEqual({
      _tag: "RebalanceInProgress",
      group: "billing",
      member: "a",
      generation: 2,
      assignment: [o(0), o(1), p(0)]
    })
    expect(clientOf(state, "billing", "a")).toEqual({
      generation: 2,
      assignment: [o(0), o(1), p(0)],
      positions: [],
      buffer: [rec("orders", 0, 0, "v0", "k2")]
    })
    const after = run(state, [cmd.process("billing", "a", "orders", 0, 0), cmd.poll("billing", "a", 5)])
    expect(after.responses).toEqual([
      { _tag: "Processed", group: "billing", member: "a", topic: "orders", partition: 0, offset: 0 },
      { _tag: "Polled", group: "billing", member: "a", records: [rec("orders", 0, 0, "v0", "k2"), rec("orders", 0, 1, "v1", "k2")] }
    ])
  })
})

describe("ConsumerCommit", () => {
  it("fences a stale commit with StaleGeneration and stores nothing; after a sync it is accepted", () => {
    const { state, responses } = run(init(configDefault), [
      cmd.join("billing", "a"),
      cmd.send("p", "orders", "v0", "k2"),
      cmd.poll("billing", "a", 1),
      cmd.join("billing", "b"),
      cmd.commit("billing", "a", [{ topic: "orders", partition: 0, offset: 1 }])
    ])
    expect(responses[4]).toEqual({ _tag: "StaleGeneration", group: "billing", member: "a", generation: 1, generationCurrent: 2 })
    expect(committedOf(state, "billing", "orders", 0)).toBeUndefined()
    const after = run(state, [cmd.heartbeat("billing", "a"), cmd.commit("billing", "a", [{ topic: "orders", partition: 0, offset: 1 }])])
    expect(after.responses[1]).toEqual({
      _tag: "Committed",
      group: "billing",
      member: "a",
      generation: 2,
      offsets: [{ topic: "orders", partition: 0, offset: 1 }]
    })
    expect(committedOf(after.state, "billing", "orders", 0)).toBe(1)
  })

  it("stores every entry in order (the last one for a partition wins) and may move an offset back", () => {
    const { state, responses } = run(init(configDefault), [
      cmd.join("billing", "a"),
      cmd.send("p", "orders", "v0", "k2"),
      cmd.send("p", "orders", "v1", "k2"),
      cmd.commit("billing", "a", [
        { topic: "orders", partition: 0, offset: 2 },
        { topic: "payments", partition: 1, offset: 0 },
        { topic: "orders", partition: 0, offset: 1 }
      ]),
      cmd.commit("billing", "a", []),
      cmd.poll("billing", "a", 5)
    ])
    expect(responses[4]).toEqual({ _tag: "Committed", group: "billing", member: "a", generation: 1, offsets: [] })
    expect(responses[5]).toEqual({ _tag: "Polled", group: "billing", member: "a", records: [rec("orders", 0, 1, "v1", "k2")] })
    expect(committedOf(state, "billing", "orders", 0)).toBe(1)
    expect(committedOf(state, "billing", "payments", 1)).toBe(0)
    expect(committedOf(state, "billing", "payments", 0)).toBeUndefined()
  })
})

describe("ConsumerSeek and ConsumerProcess", () => {
  it("replays after a seek back; a duplicate in the buffer is processed once per entry, first entry first", () => {
    const { state, responses } = run(init(configDefault), [
      cmd.join("metrics", "a"),
      cmd.send("p", "orders", "v0", "k2"),
      cmd.send("p", "orders", "v1", "k2"),
      cmd.poll("metrics", "a", 2),
      cmd.seek("metrics", "a", "orders", 0, 1),
      cmd.poll("metrics", "a", 2),
      cmd.process("metrics", "a", "orders", 0, 1),
      cmd.process("metrics", "a", "orders", 0, 1),
      cmd.process("metrics", "a", "orders", 0, 1)
    ])
    expect(responses.slice(4)).toEqual([
      { _tag: "Seeked", group: "metrics", member: "a", topic: "orders", partition: 0, offset: 1 },
      { _tag: "Polled", group: "metrics", member: "a", records: [rec("orders", 0, 1, "v1", "k2")] },
      { _tag: "Processed", group: "metrics", member: "a", topic: "orders", partition: 0, offset: 1 },
      { _tag: "Processed", group: "metrics", member: "a", topic: "orders", partition: 0, offset: 1 },
      { _tag: "NotDelivered", group: "metrics", member: "a", topic: "orders", partition: 0, offset: 1 }
    ])
    expect(clientOf(state, "metrics", "a")?.buffer).toEqual([rec("orders", 0, 0, "v0", "k2")])
    expect(sinkOf(state, "metrics").map((r) => r.offset)).toEqual([1, 1])
  })

  it("skips records after a seek forward, up to the high watermark itself", () => {
    const { responses } = run(init(configDefault), [
      cmd.join("metrics", "a"),
      cmd.send("p", "orders", "v0", "k2"),
      cmd.send("p", "orders", "v1", "k2"),
      cmd.seek("metrics", "a", "orders", 0, 2),
      cmd.poll("metrics", "a", 5),
      cmd.send("p", "orders", "v2", "k2"),
      cmd.poll("metrics", "a", 5)
    ])
    expect(responses.slice(3)).toEqual([
      { _tag: "Seeked", group: "metrics", member: "a", topic: "orders", partition: 0, offset: 2 },
      { _tag: "Polled", group: "metrics", member: "a", records: [] },
      { _tag: "Sent", topic: "orders", partition: 0, offset: 2 },
      { _tag: "Polled", group: "metrics", member: "a", records: [rec("orders", 0, 2, "v2", "k2")] }
    ])
  })

  it("drops a leaving member's buffer without committing", () => {
    const { state, responses } = run(init(configDefault), [
      cmd.join("metrics", "a"),
      cmd.send("p", "orders", "v0", "k2"),
      cmd.poll("metrics", "a", 1),
      cmd.leave("metrics", "a"),
      cmd.join("metrics", "a"),
      cmd.poll("metrics", "a", 1)
    ])
    expect(responses[5]).toEqual({ _tag: "Polled", group: "metrics", member: "a", records: [rec("orders", 0, 0, "v0", "k2")] })
    expect(committedOf(state, "metrics", "orders", 0)).toBeUndefined()
  })
})
