import { describe, expect, it } from "vitest"
import type { Command } from "../../spec/command.ts"
import { configDefault } from "../../spec/config.ts"
import type { Response } from "../../spec/response.ts"
import { formatPartitionLoad } from "./formatPartitionFacts.ts"
import { partitionLoadAdd, partitionLoadInit } from "./partitionLoad.ts"

const runOf = (entries: ReadonlyArray<[Command, Response]>) => ({
  commands: entries.map(([command]) => command),
  actual: entries.map(([, answer]) => answer)
})

const sent = (topic: string, partition: number, offset: number): Response => ({ _tag: "Sent", topic, partition, offset })

// A hand-built history: what counts is the `Sent` answers; whether a record had a key, the command that sent it.
const history: ReadonlyArray<[Command, Response]> = [
  [{ _tag: "ProducerSend", producer: "p0", topic: "orders", key: "k0", value: "v0" }, sent("orders", 1, 0)],
  [{ _tag: "ProducerSend", producer: "p0", topic: "orders", value: "v1" }, sent("orders", 0, 0)],
  // Appended, but its acknowledgement was lost: not counted until a retry is acknowledged.
  [
    { _tag: "ProducerSend", producer: "p0", topic: "orders", key: "k0", value: "v2", ackLost: true },
    { _tag: "SendTimedOut", producer: "p0", topic: "orders", partition: 1 }
  ],
  // The retry repeats p0's last send: keyed.
  [{ _tag: "ProducerRetry", producer: "p0" }, sent("orders", 1, 1)],
  [{ _tag: "ProducerSend", producer: "p1", topic: "nope", key: "k1", value: "v3" }, { _tag: "UnknownTopic", topic: "nope" }],
  [
    { _tag: "ProducerSend", producer: "p1", topic: "payments", value: "v4", ackLost: true },
    { _tag: "SendTimedOut", producer: "p1", topic: "payments", partition: 0 }
  ],
  // The retry repeats p1's last send: not keyed.
  [{ _tag: "ProducerRetry", producer: "p1" }, sent("payments", 0, 0)],
  // A broken target's answer naming a partition the topic does not have: left out.
  [{ _tag: "ProducerSend", producer: "p0", topic: "orders", key: "", value: "v5" }, sent("orders", 9, 0)],
  // The empty key is a key.
  [{ _tag: "ProducerSend", producer: "p0", topic: "orders", key: "", value: "v6" }, sent("orders", 2, 0)],
  [{ _tag: "GroupJoin", group: "billing", member: "m0" }, { _tag: "Joined", group: "billing", member: "m0", generation: 1, assignment: [] }]
]

describe("partitionLoadAdd", () => {
  it("counts each acknowledged record on the partition its answer names, and the keyed ones by the command that sent them", () => {
    const load = partitionLoadInit(configDefault)
    partitionLoadAdd(load, runOf(history))
    expect(load.topics).toEqual([
      { topic: "orders", records: [1, 2, 1], keyedRecords: [0, 2, 1] },
      { topic: "payments", records: [1, 0], keyedRecords: [0, 0] }
    ])
  })

  it("adds runs up, and a retry does not inherit another run's send", () => {
    const load = partitionLoadInit(configDefault)
    partitionLoadAdd(load, runOf(history))
    partitionLoadAdd(load, runOf(history.slice(3, 4)))
    expect(load.topics[0]).toEqual({ topic: "orders", records: [1, 3, 1], keyedRecords: [0, 2, 1] })
  })
})

describe("formatPartitionLoad", () => {
  it("prints each topic's partition shares, its records and its keyed share on one line", () => {
    const load = partitionLoadInit(configDefault)
    partitionLoadAdd(load, runOf(history))
    expect(formatPartitionLoad(load)).toBe(
      "partition load: orders p0 25% p1 50% p2 25% (4 records; keyed 75%); payments p0 100% p1 0% (1 record; keyed 0%)"
    )
  })

  it("leaves out topics without records, and says so when no topic got any", () => {
    const load = partitionLoadInit(configDefault)
    expect(formatPartitionLoad(load)).toBe("partition load: no acknowledged records")
    partitionLoadAdd(load, runOf(history.slice(0, 1)))
    expect(formatPartitionLoad(load)).toBe("partition load: orders p0 0% p1 100% p2 0% (1 record; keyed 100%)")
  })

  it("lists the three busiest and the least loaded partitions of a topic of more than 8", () => {
    const config = { ...configDefault, topics: [{ name: "wide", partitions: 12 }] }
    const load = partitionLoadInit(config)
    const sends: Array<[Command, Response]> = [5, 5, 5, 5, 3, 3, 7, 0, 1, 2, 4, 6, 8, 9, 10, 11].map((partition, i) => [
      { _tag: "ProducerSend", producer: "p0", topic: "wide", key: "k0", value: `v${i}` },
      sent("wide", partition, i)
    ])
    partitionLoadAdd(load, runOf(sends))
    expect(formatPartitionLoad(load)).toBe("partition load: wide busiest p5 25% p3 13% p0 6%, least p11 6% of 12 partitions (16 records; keyed 100%)")
  })
})
