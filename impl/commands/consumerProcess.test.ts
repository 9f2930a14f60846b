import { describe, expect, it } from "vitest"
import { at, begin, crash, dump, init, join, poll, processRecord, send, txnCommit } from "../internal/testCommands.ts"
import { run, transactional } from "../internal/testRun.ts"

/** One keyed and one unkeyed input in `t`, member `a` of the exactly-once group `eo` joined and polled. */
const delivered = [send("t", "x", "k", "plain"), send("t", "y", undefined, "plain"), join("eo", "a"), poll("eo", "a")]
const processed = (offset: number, output?: ReturnType<typeof at>) => ({
  _tag: "Processed",
  group: "eo",
  member: "a",
  topic: "t",
  partition: 0,
  offset,
  ...(output === undefined ? {} : { output })
})

describe("ConsumerProcess in an exactly-once group", () => {
  it("4. refuses while the member's producer cannot send, and keeps the record buffered", async () => {
    const responses = await run([
      ...delivered,
      processRecord("eo", "a", "t", 0, 0),
      init("eo/a"),
      processRecord("eo", "a", "t", 0, 0),
      begin("eo/a"),
      processRecord("eo", "a", "t", 0, 0)
    ], transactional)
    expect(responses.slice(4)).toStrictEqual([
      { _tag: "ProducerNotInitialized", producer: "eo/a" },
      { _tag: "ProducerInitialized", producer: "eo/a", producerId: 0, epoch: 0 },
      { _tag: "TransactionNotOpen", producer: "eo/a" },
      { _tag: "TxnBegun", producer: "eo/a" },
      processed(0, at("o", 0, 0))
    ])
  })

  it("4-5. sends the result (the input's key, value topic/partition@offset) in the transaction, then removes the record", async () => {
    const responses = await run([
      ...delivered,
      init("eo/a"),
      begin("eo/a"),
      processRecord("eo", "a", "t", 0, 0),
      processRecord("eo", "a", "t", 0, 1),
      processRecord("eo", "a", "t", 0, 1),
      txnCommit("eo/a"),
      dump("o", 0)
    ], transactional)
    expect(responses.slice(6)).toStrictEqual([
      processed(0, at("o", 0, 0)),
      processed(1, at("o", 0, 1)),
      { _tag: "NotDelivered", group: "eo", member: "a", topic: "t", partition: 0, offset: 1 },
      { _tag: "TxnCommitted", producer: "eo/a", markers: [at("o", 0, 2)] },
      {
        _tag: "Dumped",
        topic: "o",
        partition: 0,
        entries: [
          { _tag: "Data", offset: 0, producer: "eo/a", key: "k", value: "t/0@0", timestampMs: 0, producerId: 0, epoch: 0, sequence: 0, transactional: true },
          { _tag: "Data", offset: 1, producer: "eo/a", value: "t/0@1", timestampMs: 0, producerId: 0, epoch: 0, sequence: 1, transactional: true },
          { _tag: "Marker", offset: 2, transactionalId: "eo/a", producerId: 0, epoch: 0, control: "commit", timestampMs: 0 }
        ],
        highWatermark: 3,
        lastStableOffset: 3
      }
    ])
  })

  it("ConsumerCrash kills the member's producer too: it must initialize again, which aborts its open transaction", async () => {
    const responses = await run([
      ...delivered,
      init("eo/a"),
      begin("eo/a"),
      processRecord("eo", "a", "t", 0, 0),
      crash("eo", "a"),
      join("eo", "a"),
      poll("eo", "a"),
      processRecord("eo", "a", "t", 0, 0),
      init("eo/a")
    ], transactional)
    expect(responses.slice(9)).toStrictEqual([
      { _tag: "Polled", group: "eo", member: "a", records: [
        { topic: "t", partition: 0, offset: 0, producer: "plain", key: "k", value: "x", timestampMs: 0 },
        { topic: "t", partition: 0, offset: 1, producer: "plain", value: "y", timestampMs: 0 }
      ] },
      { _tag: "ProducerNotInitialized", producer: "eo/a" },
      { _tag: "ProducerInitialized", producer: "eo/a", producerId: 0, epoch: 1, aborted: [at("o", 0, 1)] }
    ])
  })

  it("other modes process as before: no output, the producer is untouched", async () => {
    expect((await run([send("t", "x", undefined, "plain"), join("ru", "m"), poll("ru", "m"), processRecord("ru", "m", "t", 0, 0)], transactional)).at(-1))
      .toStrictEqual({ _tag: "Processed", group: "ru", member: "m", topic: "t", partition: 0, offset: 0 })
  })
})
