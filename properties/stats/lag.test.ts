import { describe, expect, it } from "vitest"
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import type { Response } from "../../spec/response.ts"
import { formatLag, lagAdd, lagInit } from "./lag.ts"

const config: Config = {
  topics: [{ name: "events", partitions: 2 }],
  groups: [{ name: "audit", mode: "at-least-once", assignor: "range", topics: ["events"] }],
  queues: [{ name: "jobs", mode: "at-least-once", visibilityTimeoutMs: 1000 }],
  sessionTimeoutMs: 30_000,
  bounds: { producersMax: 1, membersPerGroupMax: 1, keysMax: 1, recordsPerPollMax: 1, clockAdvanceMsMax: 1000, commandsMax: 10 }
}

const clock: Command = { _tag: "ClockAdvance", ms: 0 }
const runOf = (answers: ReadonlyArray<Response>) => ({ commands: answers.map(() => clock), actual: answers })

describe("lag", () => {
  it("takes each run's worst moment: a group's largest partition lag, a queue's largest depth and longest wait", () => {
    const lag = lagInit(config)
    lagAdd(lag, config, runOf([
      { _tag: "Sent", topic: "events", partition: 0, offset: 0 },
      { _tag: "Sent", topic: "events", partition: 0, offset: 1 },
      { _tag: "Sent", topic: "events", partition: 1, offset: 0 },
      { _tag: "Committed", group: "audit", member: "m0", generation: 1, offsets: [{ topic: "events", partition: 0, offset: 2 }] },
      { _tag: "Enqueued", queue: "jobs", messageId: 0 },
      { _tag: "ClockAdvanced", nowMs: 500, expired: [], rebalanced: [] },
      { _tag: "Enqueued", queue: "jobs", messageId: 1 },
      { _tag: "Acknowledged", queue: "jobs", consumer: "c0", receipt: 0, messageId: 0, deleted: true },
      { _tag: "ClockAdvanced", nowMs: 2000, expired: [], rebalanced: [] }
    ]), 9)
    expect(lag.series.map((s) => [s.name, s.perRun, s.ageMsPerRun])).toEqual([
      ["audit", [2], []],
      ["jobs", [2], [1500]]
    ])
  })

  it("leaves the drain out, and counts a drop and a stale acknowledgement right", () => {
    const lag = lagInit(config)
    lagAdd(lag, config, runOf([
      { _tag: "Enqueued", queue: "jobs", messageId: 0 },
      { _tag: "Enqueued", queue: "jobs", messageId: 1, dropped: 0 },
      { _tag: "Acknowledged", queue: "jobs", consumer: "c0", receipt: 0, messageId: 1, deleted: false },
      { _tag: "Enqueued", queue: "jobs", messageId: 2 }
    ]), 3)
    expect(lag.series[1].perRun).toEqual([1])
  })

  it("counts an exactly-once group's offsets when their transaction commits, not when sent or aborted", () => {
    const lag = lagInit(config)
    lagAdd(lag, config, runOf([
      { _tag: "Sent", topic: "events", partition: 0, offset: 0 },
      { _tag: "Sent", topic: "events", partition: 0, offset: 1 },
      { _tag: "TxnOffsetsSent", producer: "audit/m0", group: "audit", member: "m0", generation: 1, offsets: [{ topic: "events", partition: 0, offset: 1 }] },
      { _tag: "TxnAborted", producer: "audit/m0", markers: [{ topic: "events", partition: 1, offset: 0 }] },
      { _tag: "TxnCommitted", producer: "audit/m0", markers: [] },
      { _tag: "Sent", topic: "events", partition: 0, offset: 2 },
      { _tag: "TxnOffsetsSent", producer: "audit/m0", group: "audit", member: "m0", generation: 1, offsets: [{ topic: "events", partition: 0, offset: 3 }] },
      { _tag: "TxnCommitted", producer: "audit/m0", markers: [{ topic: "events", partition: 0, offset: 3 }] }
    ]), 8)
    // 3 records and no commit (the aborted offsets never count), and the abort marker's offset on partition 1; after the commit, the marker is all that is left.
    expect(lag.series[0].perRun).toEqual([3])
    const after = lagInit(config)
    lagAdd(after, config, runOf([
      { _tag: "Sent", topic: "events", partition: 0, offset: 0 },
      { _tag: "TxnOffsetsSent", producer: "audit/m0", group: "audit", member: "m0", generation: 1, offsets: [{ topic: "events", partition: 0, offset: 1 }] },
      { _tag: "TxnCommitted", producer: "audit/m0", markers: [{ topic: "events", partition: 0, offset: 1 }] },
      { _tag: "Sent", topic: "events", partition: 0, offset: 2 }
    ]), 4)
    expect(after.series[0].perRun).toEqual([2])
  })

  it("counts dead-letter publishes and redrives as appends", () => {
    const withDlt: Config = { ...config, topics: [...config.topics, { name: "events-dlt", partitions: 1 }], groups: [...config.groups, { name: "dlt", mode: "at-least-once", assignor: "range", topics: ["events-dlt"] }] }
    const lag = lagInit(withDlt)
    lagAdd(lag, withDlt, runOf([
      { _tag: "Sent", topic: "events", partition: 0, offset: 0 },
      { _tag: "ProcessDeadLettered", group: "audit", member: "m0", topic: "events", partition: 0, offset: 0, cause: "poison", attempts: 3, deadLetter: { topic: "events-dlt", partition: 0, offset: 0 } },
      { _tag: "DeadLettersRedriven", group: "audit", records: [{ deadLetter: { topic: "events-dlt", partition: 0, offset: 0 }, source: { topic: "events", partition: 0, offset: 1 } }] }
    ]), 3)
    // events/0 holds the record and its redriven copy, events-dlt the dead-letter record: nothing committed.
    expect(lag.series.map((s) => [s.name, s.perRun])).toEqual([["audit", [2]], ["dlt", [1]], ["jobs", [0]]])
  })

  it("prints the median, 90th percentile and maximum over runs", () => {
    const lag = lagInit(config)
    for (let i = 0; i < 10; i++) {
      lagAdd(lag, config, runOf(Array.from({ length: i }, (_, offset): Response => ({ _tag: "Sent", topic: "events", partition: 0, offset }))), 100)
    }
    expect(formatLag(lag)).toBe(
      "lag (each run's worst moment before the drain, over the runs): group audit lag median 4, p90 8, max 9 records; queue jobs depth (visible and in flight) median 0, p90 0, max 0 messages, oldest waited up to 0 ms"
    )
  })
})
