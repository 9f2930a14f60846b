import { describe, expect, it } from "vitest"
import {
  advance,
  at,
  begin,
  dump,
  init,
  producerCrash,
  retry,
  send,
  sendLost,
  txnAbort,
  txnCommit
} from "../internal/testCommands.ts"
import { run, transactional } from "../internal/testRun.ts"

const initialized = (producer: string, producerId: number, epoch: number) => ({
  _tag: "ProducerInitialized",
  producer,
  producerId,
  epoch
})
const fenced = (producer: string) => ({ _tag: "ProducerFenced", producer })
const marker = (offset: number, control: "commit" | "abort", epoch: number, timestampMs = 0) => ({
  _tag: "Marker",
  offset,
  transactionalId: "tx",
  producerId: 0,
  epoch,
  control,
  timestampMs
})
const txData = (offset: number, producer: string, value: string, epoch: number, sequence: number, timestampMs = 0) => ({
  _tag: "Data",
  offset,
  producer,
  value,
  timestampMs,
  producerId: 0,
  epoch,
  sequence,
  transactional: true
})

describe("transactions", () => {
  it("ProducerInit 1. answers NotTransactional for plain and idempotent producers", async () => {
    expect(await run([init("plain"), init("idem"), init("p9")], transactional)).toStrictEqual([
      { _tag: "NotTransactional", producer: "plain" },
      { _tag: "NotTransactional", producer: "idem" },
      { _tag: "NotTransactional", producer: "p9" }
    ])
  })

  it("ProducerInit 2. gives a producer id at the first init and the next epoch after, shared by one transactional id", async () => {
    expect(await run([send("t", "a", undefined, "idem"), init("tx"), init("tx2"), init("tx")], transactional)).toStrictEqual([
      { _tag: "Sent", topic: "t", partition: 0, offset: 0 },
      initialized("tx", 1, 0),
      initialized("tx2", 1, 1),
      initialized("tx", 1, 2)
    ])
  })

  it("TxnBegin 1-5: NotTransactional, ProducerNotInitialized, TransactionAlreadyOpen, TxnBegun", async () => {
    expect(await run([begin("plain"), begin("tx"), init("tx"), begin("tx"), begin("tx")], transactional)).toStrictEqual([
      { _tag: "NotTransactional", producer: "plain" },
      { _tag: "ProducerNotInitialized", producer: "tx" },
      initialized("tx", 0, 0),
      { _tag: "TxnBegun", producer: "tx" },
      { _tag: "TransactionAlreadyOpen", producer: "tx" }
    ])
  })

  it("ProducerSend 2. refuses a transactional send before init and outside a transaction", async () => {
    expect(await run([send("t", "a", undefined, "tx"), init("tx"), send("t", "a", undefined, "tx")], transactional))
      .toStrictEqual([
        { _tag: "ProducerNotInitialized", producer: "tx" },
        initialized("tx", 0, 0),
        { _tag: "TransactionNotOpen", producer: "tx" }
      ])
  })

  it("TxnCommit writes a commit marker per partition (sorted), ends the client's transaction; nothing sent, no marker", async () => {
    const responses = await run([
      init("tx"),
      begin("tx"),
      send("u", "a", undefined, "tx"),
      send("u", "b", undefined, "tx"),
      send("t", "c", undefined, "tx"),
      txnCommit("tx"),
      txnCommit("tx"),
      begin("tx"),
      txnCommit("tx"),
      dump("u", 1)
    ], transactional)
    expect(responses.slice(5)).toStrictEqual([
      { _tag: "TxnCommitted", producer: "tx", markers: [at("t", 0, 1), at("u", 0, 1), at("u", 1, 1)] },
      { _tag: "TransactionNotOpen", producer: "tx" },
      { _tag: "TxnBegun", producer: "tx" },
      { _tag: "TxnCommitted", producer: "tx", markers: [] },
      {
        _tag: "Dumped",
        topic: "u",
        partition: 1,
        entries: [txData(0, "tx", "b", 0, 0), marker(1, "commit", 0)],
        highWatermark: 2,
        lastStableOffset: 2
      }
    ])
  })

  it("TxnAbort writes abort markers and clears the pending send", async () => {
    expect(await run([init("tx"), begin("tx"), sendLost("t", "a", "tx"), txnAbort("tx"), retry("tx"), dump("t", 0)], transactional))
      .toStrictEqual([
        initialized("tx", 0, 0),
        { _tag: "TxnBegun", producer: "tx" },
        { _tag: "SendTimedOut", producer: "tx", topic: "t", partition: 0 },
        { _tag: "TxnAborted", producer: "tx", markers: [at("t", 0, 1)] },
        { _tag: "NothingToRetry", producer: "tx" },
        {
          _tag: "Dumped",
          topic: "t",
          partition: 0,
          entries: [txData(0, "tx", "a", 0, 0), marker(1, "abort", 0)],
          highWatermark: 2,
          lastStableOffset: 2
        }
      ])
  })

  it("ProducerInit aborts the open transaction of the older instance (markers with the new epoch) and fences it", async () => {
    const responses = await run([
      init("tx"),
      begin("tx"),
      sendLost("t", "a", "tx"),
      init("tx2"),
      send("t", "b", undefined, "tx"),
      retry("tx"),
      txnCommit("tx"),
      begin("tx"),
      txnAbort("tx"),
      dump("t", 0)
    ], transactional)
    expect(responses.slice(3)).toStrictEqual([
      { ...initialized("tx2", 0, 1), aborted: [at("t", 0, 1)] },
      fenced("tx"),
      { _tag: "NothingToRetry", producer: "tx" },
      fenced("tx"),
      fenced("tx"),
      fenced("tx"),
      {
        _tag: "Dumped",
        topic: "t",
        partition: 0,
        entries: [txData(0, "tx", "a", 0, 0), marker(1, "abort", 1)],
        highWatermark: 2,
        lastStableOffset: 2
      }
    ])
  })

  it("a fenced client's retry drops its pending send (then NothingToRetry)", async () => {
    const responses = await run([init("tx"), begin("tx"), sendLost("t", "a", "tx"), init("tx2"), retry("tx"), retry("tx")], transactional)
    expect(responses.slice(4)).toStrictEqual([fenced("tx"), { _tag: "NothingToRetry", producer: "tx" }])
  })

  it("a crashed producer's open transaction stays open until the next init aborts it", async () => {
    const responses = await run([
      init("tx"),
      begin("tx"),
      send("t", "a", undefined, "tx"),
      producerCrash("tx"),
      dump("t", 0),
      begin("tx"),
      init("tx")
    ], transactional)
    expect(responses.slice(4)).toStrictEqual([
      {
        _tag: "Dumped",
        topic: "t",
        partition: 0,
        entries: [txData(0, "tx", "a", 0, 0)],
        highWatermark: 1,
        lastStableOffset: 0
      },
      { _tag: "ProducerNotInitialized", producer: "tx" },
      { ...initialized("tx", 0, 1), aborted: [at("t", 0, 1)] }
    ])
  })

  it("ClockAdvance aborts a transaction open for transactionTimeoutMs and bumps its epoch; the late producer is fenced", async () => {
    const responses = await run([
      init("tx"),
      begin("tx"),
      advance(5_000),
      send("t", "a", undefined, "tx"),
      advance(9_999),
      advance(1),
      txnCommit("tx"),
      dump("t", 0)
    ], transactional)
    expect(responses.slice(4)).toStrictEqual([
      { _tag: "ClockAdvanced", nowMs: 14_999, expired: [], rebalanced: [] },
      {
        _tag: "ClockAdvanced",
        nowMs: 15_000,
        expired: [],
        rebalanced: [],
        transactionsAborted: [{ transactionalId: "tx", epoch: 1, markers: [at("t", 0, 1)] }]
      },
      fenced("tx"),
      {
        _tag: "Dumped",
        topic: "t",
        partition: 0,
        entries: [txData(0, "tx", "a", 0, 0, 5_000), marker(1, "abort", 1, 15_000)],
        highWatermark: 2,
        lastStableOffset: 2
      }
    ])
  })

  it("a begun transaction that sent nothing is not open at the coordinator: it never times out", async () => {
    expect(await run([init("tx"), begin("tx"), advance(20_000), txnCommit("tx")], transactional)).toStrictEqual([
      initialized("tx", 0, 0),
      { _tag: "TxnBegun", producer: "tx" },
      { _tag: "ClockAdvanced", nowMs: 20_000, expired: [], rebalanced: [] },
      { _tag: "TxnCommitted", producer: "tx", markers: [] }
    ])
  })
})

describe("transactions, continued", () => {
  it("the coordinator's fence ends the client's transaction and its pending send; a client-side refusal keeps it", async () => {
    const pending = [init("tx"), begin("tx"), sendLost("t", "a", "tx")]
    expect((await run([...pending, init("tx2"), txnCommit("tx"), retry("tx")], transactional)).slice(4)).toStrictEqual([
      fenced("tx"),
      { _tag: "NothingToRetry", producer: "tx" }
    ])
    expect((await run([...pending, begin("tx"), retry("tx")], transactional)).slice(3)).toStrictEqual([
      { _tag: "TransactionAlreadyOpen", producer: "tx" },
      { _tag: "Sent", topic: "t", partition: 0, offset: 0 }
    ])
  })

  it("a send fenced by the coordinator moves no round-robin counter", async () => {
    const next = await run([
      init("tx"),
      begin("tx"),
      send("u", "a", undefined, "tx"),
      init("tx2"),
      send("u", "b", undefined, "tx"),
      init("tx"),
      begin("tx"),
      send("u", "c", undefined, "tx")
    ], transactional)
    // Sent to u/0, fenced (no partition chosen), then the next unkeyed send goes to u/1.
    expect([next[4], next.at(-1)]).toStrictEqual([fenced("tx"), { _tag: "Sent", topic: "u", partition: 1, offset: 0 }])
  })

  it("a transactional retry is recognised by its producer id, epoch and sequence", async () => {
    expect(await run([init("tx"), begin("tx"), sendLost("t", "a", "tx"), retry("tx"), dump("t", 0)], transactional)).toStrictEqual([
      initialized("tx", 0, 0),
      { _tag: "TxnBegun", producer: "tx" },
      { _tag: "SendTimedOut", producer: "tx", topic: "t", partition: 0 },
      { _tag: "Sent", topic: "t", partition: 0, offset: 0 },
      { _tag: "Dumped", topic: "t", partition: 0, entries: [txData(0, "tx", "a", 0, 0)], highWatermark: 1, lastStableOffset: 0 }
    ])
  })

  it("ClockAdvance aborts timed-out transactions in transactional-id order", async () => {
    const responses = await run([
      init("tx"),
      begin("tx"),
      send("t", "a", undefined, "tx"),
      init("eo/a"),
      begin("eo/a"),
      send("u", "b", undefined, "eo/a"),
      advance(10_000)
    ], transactional)
    expect(responses.at(-1)).toStrictEqual({
      _tag: "ClockAdvanced",
      nowMs: 10_000,
      expired: [],
      rebalanced: [],
      transactionsAborted: [
        { transactionalId: "eo/a", epoch: 1, markers: [at("u", 0, 1)] },
        { transactionalId: "tx", epoch: 1, markers: [at("t", 0, 1)] }
      ]
    })
  })
})
