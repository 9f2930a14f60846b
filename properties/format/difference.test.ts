import { describe, expect, it } from "vitest"
import type { LogRecord } from "../../spec/record.ts"
import type { Response } from "../../spec/response.ts"
import { describeDifference } from "./difference.ts"

const record = (topic: string, partition: number, offset: number, value = `v${offset}`): LogRecord =>
  ({ topic, partition, offset, producer: "p0", value, timestampMs: 0 })
const polled = (...records: Array<LogRecord>): Response => ({ _tag: "Polled", group: "billing", member: "a", records })
const joined = (generation: number, ...partitions: Array<[string, number]>): Response => ({
  _tag: "Joined",
  group: "billing",
  member: "a",
  generation,
  assignment: partitions.map(([topic, partition]) => ({ topic, partition }))
})

describe("describeDifference in the domain's words", () => {
  it("Polled: missing and extra records as topic/partition@offset", () => {
    expect(describeDifference(polled(record("orders", 0, 0), record("orders", 0, 1)), polled(record("orders", 0, 1), record("payments", 1, 3))))
      .toBe("Polled: missing orders/0@0; extra payments/1@3")
    expect(describeDifference(polled(record("orders", 0, 0)), polled())).toBe("Polled: missing orders/0@0")
  })

  it("Polled: the same records in another order, or the same record with other contents", () => {
    expect(describeDifference(polled(record("payments", 1, 0), record("payments", 1, 1)), polled(record("payments", 1, 1), record("payments", 1, 0))))
      .toBe("Polled: reordered: [payments/1@1 payments/1@0] instead of [payments/1@0 payments/1@1]")
    expect(describeDifference(polled(record("orders", 0, 2)), polled(record("orders", 0, 2, "other"))))
      .toBe('Polled: orders/0@2 value expected "v2", got "other"')
    expect(describeDifference(polled(record("orders", 0, 2)), polled(record("orders", 0, 2), record("orders", 0, 2))))
      .toBe("Polled: [orders/0@2 orders/0@2] instead of [orders/0@2]")
  })

  it("Joined: generation N instead of M, partitions missing from or extra in the assignment", () => {
    expect(describeDifference(joined(2, ["orders", 0], ["orders", 1]), joined(3, ["orders", 1], ["payments", 0])))
      .toBe("Joined: generation 3 instead of 2; assignment missing orders/0; assignment extra payments/0")
    expect(describeDifference(joined(1, ["orders", 0], ["orders", 1]), joined(1, ["orders", 1], ["orders", 0])))
      .toBe("Joined: assignment reordered: [orders/1 orders/0] instead of [orders/0 orders/1]")
  })

  it("Sent and the other positions: where the record went", () => {
    expect(describeDifference({ _tag: "Sent", topic: "orders", partition: 0, offset: 3 }, { _tag: "Sent", topic: "orders", partition: 1, offset: 3 }))
      .toBe("Sent: orders/1@3 instead of orders/0@3")
    const processed = { _tag: "Processed", group: "billing", member: "a", topic: "orders", partition: 0 } as const
    expect(describeDifference({ ...processed, offset: 1 }, { ...processed, member: "b", offset: 1 }))
      .toBe("Processed: for billing/b instead of billing/a")
  })

  it("an error instead of an answer, or another answer, says what was answered instead of what", () => {
    expect(describeDifference(polled(record("orders", 0, 0)), { _tag: "UnknownMember", group: "billing", member: "a" }))
      .toBe("answered UnknownMember billing/a instead of Polled [orders/0@0]")
    expect(describeDifference({ _tag: "Sent", topic: "t", partition: 0, offset: 0 }, { _tag: "UnknownTopic", topic: "t" }))
      .toBe("answered UnknownTopic t instead of Sent t/0@0")
  })

  it("Committed, ClockAdvanced, StaleGeneration and OffsetOutOfRange", () => {
    const committed = (generation: number, ...offsets: Array<[string, number, number]>): Response => ({
      _tag: "Committed",
      group: "billing",
      member: "a",
      generation,
      offsets: offsets.map(([topic, partition, offset]) => ({ topic, partition, offset }))
    })
    expect(describeDifference(committed(2, ["orders", 0, 3]), committed(2, ["orders", 0, 4])))
      .toBe("Committed: offsets missing orders/0@3; offsets extra orders/0@4")
    expect(describeDifference(
      { _tag: "ClockAdvanced", nowMs: 30_000, expired: [{ group: "billing", member: "a" }], rebalanced: [{ group: "billing", generation: 2 }] },
      { _tag: "ClockAdvanced", nowMs: 31_000, expired: [], rebalanced: [] }
    )).toBe("ClockAdvanced: now 31000ms instead of 30000ms; expired missing billing/a; rebalanced missing billing@gen=2")
    expect(describeDifference(
      { _tag: "StaleGeneration", group: "g", member: "m", generation: 1, generationCurrent: 3 },
      { _tag: "StaleGeneration", group: "g", member: "m", generation: 1, generationCurrent: 2 }
    )).toBe("StaleGeneration: current generation 2 instead of 3")
    expect(describeDifference(
      { _tag: "OffsetOutOfRange", topic: "orders", partition: 0, offset: 9, highWatermark: 4 },
      { _tag: "OffsetOutOfRange", topic: "orders", partition: 0, offset: 9, highWatermark: 5 }
    )).toBe("OffsetOutOfRange: high watermark 5 instead of 4")
  })

  it("falls back to the differing fields for what the words do not cover, and names at most three", () => {
    const extra = { ...polled(), note: "x" } as unknown as Response
    expect(describeDifference(polled(), extra)).toBe('Polled: note expected nothing, got "x"')
    const many = Array.from({ length: 8 }, (_, i) => record("orders", 0, i))
    expect(describeDifference(polled(...many), polled())).toBe(
      "Polled: missing orders/0@0 orders/0@1 orders/0@2 orders/0@3 orders/0@4 orders/0@5 ... (8 in all)"
    )
    expect(describeDifference({ _tag: "UnknownTopic", topic: "a" }, { _tag: "UnknownTopic", topic: "b" })).toBe('UnknownTopic: topic expected "a", got "b"')
  })
})

describe("describeDifference quotes names that are not plain", () => {
  it("topics, groups and members", () => {
    expect(describeDifference(joined(1, ["my topic", 0]), joined(1))).toBe('Joined: assignment missing "my topic"/0')
    const advanced = (member: string): Response => ({ _tag: "ClockAdvanced", nowMs: 5, expired: [{ group: "g 1", member }], rebalanced: [] })
    expect(describeDifference(advanced("a"), advanced(""))).toBe('ClockAdvanced: expired missing "g 1"/a; expired extra "g 1"/""')
  })
})
