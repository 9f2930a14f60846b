import { describe, expect, it } from "vitest"
import { committedOf, entriesOf, init, lastStableOffsetOf, producerClientOf, run, step, transactionOf } from "../index.ts"
import { cmd, configTransactional } from "../internal/testing.ts"

const s0 = init(configTransactional)

describe("ProducerInit", () => {
  it("gives the transactional id a producer id at its first init, then a new epoch each time", () => {
    const { responses } = run(s0, [cmd.send("idem", "t", "v", "k3"), cmd.init("tx"), cmd.init("tx2"), cmd.init("tx")])
    expect(responses.slice(1)).toEqual([
      { _tag: "ProducerInitialized", producer: "tx", producerId: 1, epoch: 0 },
      { _tag: "ProducerInitialized", producer: "tx2", producerId: 1, epoch: 1 },
      { _tag: "ProducerInitialized", producer: "tx", producerId: 1, epoch: 2 }
    ])
  })

  it("aborts the open transaction of the previous epoch, with markers of the new epoch, and fences the old instance", () => {
    const { state, responses } = run(s0, [
      cmd.init("tx"),
      cmd.begin("tx"),
      cmd.send("tx", "t", "a", "k0"),
      cmd.send("tx", "t", "b", "k3"),
      cmd.init("tx2"),
      cmd.send("tx", "t", "c", "k3"),
      cmd.send("tx", "t", "c", "k3"),
      cmd.begin("tx"),
      cmd.txnCommit("tx")
    ])
    expect(responses.slice(4)).toEqual([
      {
        _tag: "ProducerInitialized",
        producer: "tx2",
        producerId: 0,
        epoch: 1,
        aborted: [
          { topic: "t", partition: 0, offset: 1 },
          { topic: "t", partition: 1, offset: 1 }
        ]
      },
      { _tag: "ProducerFenced", producer: "tx" },
      { _tag: "ProducerFenced", producer: "tx" },
      { _tag: "ProducerFenced", producer: "tx" },
      { _tag: "ProducerFenced", producer: "tx" }
    ])
    expect(entriesOf(state, "t", 1)).toEqual([
      { _tag: "Data", offset: 0, producer: "tx", key: "k0", value: "a", timestampMs: 0, producerId: 0, epoch: 0, sequence: 0, transactional: true },
      { _tag: "Marker", offset: 1, transactionalId: "T", producerId: 0, epoch: 1, control: "abort", timestampMs: 0 }
    ])
    expect(producerClientOf(state, "tx")).toMatchObject({ fenced: true, inTransaction: false })
    expect(transactionOf(state, "T")).toEqual({ producerId: 0, epoch: 1, open: undefined })
  })

  it("restarts the client: no transaction, no pending send, sequences from 0", () => {
    const { state, responses } = run(s0, [
      cmd.init("tx"),
      cmd.begin("tx"),
      cmd.sendLost("tx", "t", "a", "k3"),
      cmd.init("tx"),
      cmd.retry("tx"),
      cmd.send("tx", "t", "b", "k3"),
      cmd.begin("tx"),
      cmd.send("tx", "t", "b", "k3")
    ])
    expect(responses.slice(3)).toEqual([
      { _tag: "ProducerInitialized", producer: "tx", producerId: 0, epoch: 1, aborted: [{ topic: "t", partition: 0, offset: 1 }] },
      { _tag: "NothingToRetry", producer: "tx" },
      { _tag: "TransactionNotOpen", producer: "tx" },
      { _tag: "TxnBegun", producer: "tx" },
      { _tag: "Sent", topic: "t", partition: 0, offset: 2 }
    ])
    expect(entriesOf(state, "t", 0)[2]).toMatchObject({ epoch: 1, sequence: 0 })
  })
})

describe("client-side checks of transactional producers", () => {
  it("refuses calls before init, sends outside a transaction and a second begin, in the spec's order", () => {
    const { state, responses } = run(s0, [
      cmd.send("tx", "t", "a"),
      cmd.begin("tx"),
      cmd.sendOffsets("tx", "nope", "m", []),
      cmd.txnCommit("tx"),
      cmd.txnAbort("tx"),
      cmd.retry("tx"),
      cmd.init("tx"),
      cmd.send("tx", "nope", "a"),
      cmd.send("tx", "t", "a"),
      cmd.sendOffsets("tx", "nope", "m", []),
      cmd.txnCommit("tx"),
      cmd.begin("tx"),
      cmd.begin("tx")
    ])
    expect(responses).toEqual([
      { _tag: "ProducerNotInitialized", producer: "tx" },
      { _tag: "ProducerNotInitialized", producer: "tx" },
      { _tag: "ProducerNotInitialized", producer: "tx" },
      { _tag: "ProducerNotInitialized", producer: "tx" },
      { _tag: "ProducerNotInitialized", producer: "tx" },
      { _tag: "NothingToRetry", producer: "tx" },
      { _tag: "ProducerInitialized", producer: "tx", producerId: 0, epoch: 0 },
      { _tag: "UnknownTopic", topic: "nope" },
      { _tag: "TransactionNotOpen", producer: "tx" },
      { _tag: "TransactionNotOpen", producer: "tx" },
      { _tag: "TransactionNotOpen", producer: "tx" },
      { _tag: "TxnBegun", producer: "tx" },
      { _tag: "TransactionAlreadyOpen", producer: "tx" }
    ])
    expect(entriesOf(state, "t", 0)).toEqual([])
  })

  it("a fenced client stays fenced until it initializes again", () => {
    const { responses } = run(s0, [cmd.init("tx"), cmd.init("tx2"), cmd.begin("tx"), cmd.send("tx", "t", "a"), cmd.begin("tx"), cmd.init("tx"), cmd.begin("tx")])
    expect(responses.slice(2)).toEqual([
      { _tag: "TxnBegun", producer: "tx" },
      { _tag: "ProducerFenced", producer: "tx" },
      { _tag: "ProducerFenced", producer: "tx" },
      { _tag: "ProducerInitialized", producer: "tx", producerId: 0, epoch: 2 },
      { _tag: "TxnBegun", producer: "tx" }
    ])
  })

  it("a zombie's pending retry is fenced and dropped", () => {
    const { responses } = run(s0, [cmd.init("tx"), cmd.begin("tx"), cmd.sendLost("tx", "t", "a", "k3"), cmd.init("tx2"), cmd.retry("tx"), cmd.retry("tx")])
    expect(responses.slice(4)).toEqual([
      { _tag: "ProducerFenced", producer: "tx" },
      { _tag: "NothingToRetry", producer: "tx" }
    ])
  })

  it("any ProducerFenced drops the pending send (shared rules of spec/command.ts), so a later retry has nothing to retry", () => {
    for (const call of [cmd.txnCommit("tx"), cmd.txnAbort("tx"), cmd.send("tx", "t", "b", "k3"), cmd.sendOffsets("tx", "ru", "m", [])]) {
      const { responses } = run(s0, [cmd.join("ru", "m"), cmd.init("tx"), cmd.begin("tx"), cmd.sendLost("tx", "t", "a", "k3"), cmd.init("tx2"), call, cmd.retry("tx")])
      expect(responses.slice(5)).toEqual([
        { _tag: "ProducerFenced", producer: "tx" },
        { _tag: "NothingToRetry", producer: "tx" }
      ])
    }
  })

  it("a transactional retry after a lost ack is recognised inside the transaction", () => {
    const { state, responses } = run(s0, [cmd.init("tx"), cmd.begin("tx"), cmd.sendLost("tx", "t", "a", "k3"), cmd.retry("tx"), cmd.txnCommit("tx")])
    expect(responses.slice(3)).toEqual([
      { _tag: "Sent", topic: "t", partition: 0, offset: 0 },
      { _tag: "TxnCommitted", producer: "tx", markers: [{ topic: "t", partition: 0, offset: 1 }] }
    ])
    expect(entriesOf(state, "t", 0).map((e) => e._tag)).toEqual(["Data", "Marker"])
  })
})

describe("TxnCommit and TxnAbort", () => {
  it("write a marker that takes an offset in every partition touched, sorted by topic then partition", () => {
    const { state, responses } = run(s0, [
      cmd.init("tx"),
      cmd.begin("tx"),
      cmd.send("tx", "t", "a", "k0"),
      cmd.send("tx", "t", "b", "k3"),
      cmd.send("tx", "t", "c", "k0"),
      cmd.advance(5),
      cmd.txnCommit("tx"),
      cmd.begin("tx"),
      cmd.send("tx", "t", "d", "k0"),
      cmd.txnAbort("tx"),
      cmd.begin("tx"),
      cmd.txnCommit("tx"),
      cmd.txnAbort("tx")
    ])
    expect(responses.slice(6)).toEqual([
      {
        _tag: "TxnCommitted",
        producer: "tx",
        markers: [
          { topic: "t", partition: 0, offset: 1 },
          { topic: "t", partition: 1, offset: 2 }
        ]
      },
      { _tag: "TxnBegun", producer: "tx" },
      { _tag: "Sent", topic: "t", partition: 1, offset: 3 },
      { _tag: "TxnAborted", producer: "tx", markers: [{ topic: "t", partition: 1, offset: 4 }] },
      { _tag: "TxnBegun", producer: "tx" },
      { _tag: "TxnCommitted", producer: "tx", markers: [] },
      { _tag: "TransactionNotOpen", producer: "tx" }
    ])
    expect(entriesOf(state, "t", 1).map((e) => (e._tag === "Marker" ? `${e.offset}:${e.control}@${e.timestampMs}` : `${e.offset}:${e.value}`))).toEqual([
      "0:a",
      "1:c",
      "2:commit@5",
      "3:d",
      "4:abort@5"
    ])
  })

  it("a commit by a client the coordinator fenced is refused, and the client learns it", () => {
    const { state, responses } = run(s0, [cmd.init("tx"), cmd.begin("tx"), cmd.send("tx", "t", "a", "k3"), cmd.init("tx2"), cmd.txnCommit("tx"), cmd.txnAbort("tx")])
    expect(responses.slice(4)).toEqual([
      { _tag: "ProducerFenced", producer: "tx" },
      { _tag: "ProducerFenced", producer: "tx" }
    ])
    expect(entriesOf(state, "t", 0).map((e) => (e._tag === "Marker" ? e.control : e.value))).toEqual(["a", "abort"])
  })
})

describe("last stable offset", () => {
  it("is the first offset of the earliest open transaction in the partition, else the high watermark", () => {
    const states = run(s0, [cmd.init("tx"), cmd.send("idem", "t", "x", "k3"), cmd.begin("tx"), cmd.send("tx", "t", "a", "k3"), cmd.send("idem", "t", "y", "k3")])
    expect(lastStableOffsetOf(states.state, "t", 0)).toBe(1)
    expect(lastStableOffsetOf(states.state, "t", 1)).toBe(0)
    const committed = step(states.state, cmd.txnCommit("tx")).state
    expect(lastStableOffsetOf(committed, "t", 0)).toBe(4)
    expect(lastStableOffsetOf(states.state, "t", 0)).toBe(1)
    expect(lastStableOffsetOf(s0, "nope", 0)).toBeUndefined()
  })
})

describe("transaction timeout", () => {
  it("aborts a transaction open for transactionTimeoutMs, bumps the epoch and fences the late producer", () => {
    const { state, responses } = run(s0, [
      cmd.init("tx"),
      cmd.advance(1_000),
      cmd.begin("tx"),
      cmd.advance(1_000),
      cmd.send("tx", "t", "a", "k3"),
      cmd.advance(9_999),
      cmd.advance(1),
      cmd.send("tx", "t", "b", "k3"),
      cmd.advance(20_000)
    ])
    expect(responses[5]).toEqual({ _tag: "ClockAdvanced", nowMs: 11_999, expired: [], rebalanced: [] })
    expect(responses.slice(6)).toEqual([
      {
        _tag: "ClockAdvanced",
        nowMs: 12_000,
        expired: [],
        rebalanced: [],
        transactionsAborted: [{ transactionalId: "T", epoch: 1, markers: [{ topic: "t", partition: 0, offset: 1 }] }]
      },
      { _tag: "ProducerFenced", producer: "tx" },
      { _tag: "ClockAdvanced", nowMs: 32_000, expired: [], rebalanced: [] }
    ])
    expect(entriesOf(state, "t", 0)[1]).toEqual({ _tag: "Marker", offset: 1, transactionalId: "T", producerId: 0, epoch: 1, control: "abort", timestampMs: 12_000 })
  })

  it("aborts timed-out transactions in transactional-id order, after the sessions expired", () => {
    const config = {
      ...configTransactional,
      producers: [...configTransactional.producers!, { name: "early", idempotent: true, transactionalId: "A" }]
    }
    const { responses } = run(init(config), [
      cmd.join("ru", "m"),
      cmd.init("tx"),
      cmd.init("early"),
      cmd.begin("tx"),
      cmd.begin("early"),
      cmd.send("tx", "t", "a", "k3"),
      cmd.send("early", "t", "b", "k3"),
      cmd.advance(30_000)
    ])
    expect(responses[7]).toEqual({
      _tag: "ClockAdvanced",
      nowMs: 30_000,
      expired: [{ group: "ru", member: "m" }],
      rebalanced: [{ group: "ru", generation: 2 }],
      transactionsAborted: [
        { transactionalId: "A", epoch: 1, markers: [{ topic: "t", partition: 0, offset: 2 }] },
        { transactionalId: "T", epoch: 1, markers: [{ topic: "t", partition: 0, offset: 3 }] }
      ]
    })
  })
})

describe("TxnSendOffsets", () => {
  const joined = run(s0, [cmd.join("ru", "m"), cmd.send("plain", "t", "a", "k3"), cmd.send("plain", "t", "b", "k3"), cmd.init("tx"), cmd.begin("tx")]).state

  it("checks the group, the member, the producer's epoch, membership, generation and each entry, in order", () => {
    const offsets = [{ topic: "t", partition: 0, offset: 1 }]
    const zombie = run(joined, [cmd.advance(30_000)]).state
    const stale = run(joined, [cmd.join("ru", "n")]).state
    const fenced = run(joined, [cmd.init("tx2")]).state
    expect(step(joined, cmd.sendOffsets("tx", "nope", "m", offsets)).response).toEqual({ _tag: "UnknownGroup", group: "nope" })
    expect(step(joined, cmd.sendOffsets("tx", "ru", "x", offsets)).response).toEqual({ _tag: "UnknownMember", group: "ru", member: "x" })
    expect(step(fenced, cmd.sendOffsets("tx", "ru", "x", offsets)).response).toEqual({ _tag: "UnknownMember", group: "ru", member: "x" })
    expect(step(fenced, cmd.sendOffsets("tx", "ru", "m", offsets)).response).toEqual({ _tag: "ProducerFenced", producer: "tx" })
    expect(step(zombie, cmd.sendOffsets("tx", "ru", "m", offsets)).response).toEqual({ _tag: "UnknownMember", group: "ru", member: "m" })
    expect(step(stale, cmd.sendOffsets("tx", "ru", "m", offsets)).response).toEqual({
      _tag: "StaleGeneration",
      group: "ru",
      member: "m",
      generation: 1,
      generationCurrent: 2
    })
    expect(step(joined, cmd.sendOffsets("tx", "ru", "m", [...offsets, { topic: "nope", partition: 0, offset: 0 }])).response).toEqual({
      _tag: "UnknownTopic",
      topic: "nope"
    })
    expect(step(stale, cmd.sendOffsets("tx", "ru", "n", [{ topic: "t", partition: 0, offset: 0 }])).response).toEqual({
      _tag: "NotAssigned",
      group: "ru",
      member: "n",
      topic: "t",
      partition: 0
    })
    expect(step(joined, cmd.sendOffsets("tx", "ru", "m", [{ topic: "t", partition: 0, offset: 3 }])).response).toEqual({
      _tag: "OffsetOutOfRange",
      topic: "t",
      partition: 0,
      offset: 3,
      highWatermark: 2
    })
    const sent = step(joined, cmd.sendOffsets("tx", "ru", "m", offsets))
    expect(sent.response).toEqual({ _tag: "TxnOffsetsSent", producer: "tx", group: "ru", member: "m", generation: 1, offsets })
    expect(transactionOf(sent.state, "T")?.open).toEqual({ startMs: 0, partitions: [], offsets: [{ group: "ru", offsets }] })
  })

  it("offsets become committed only when the transaction commits, and not at all when it aborts", () => {
    const sent = run(joined, [
      cmd.sendOffsets("tx", "ru", "m", [{ topic: "t", partition: 0, offset: 1 }]),
      cmd.sendOffsets("tx", "ru", "m", [{ topic: "t", partition: 0, offset: 2 }])
    ]).state
    expect(committedOf(sent, "ru", "t", 0)).toBeUndefined()
    expect(committedOf(step(sent, cmd.txnCommit("tx")).state, "ru", "t", 0)).toBe(2)
    expect(committedOf(step(sent, cmd.txnAbort("tx")).state, "ru", "t", 0)).toBeUndefined()
    expect(committedOf(step(sent, cmd.init("tx2")).state, "ru", "t", 0)).toBeUndefined()
    expect(committedOf(step(sent, cmd.advance(10_000)).state, "ru", "t", 0)).toBeUndefined()
  })

  it("opens the transaction at the coordinator, so it can time out without a send", () => {
    const { responses } = run(joined, [cmd.sendOffsets("tx", "ru", "m", []), cmd.advance(10_000)])
    expect(responses[1]).toEqual({
      _tag: "ClockAdvanced",
      nowMs: 10_000,
      expired: [],
      rebalanced: [],
      transactionsAborted: [{ transactionalId: "T", epoch: 1, markers: [] }]
    })
  })

  it("does not refresh the member's session", () => {
    const { responses } = run(joined, [cmd.advance(20_000), cmd.sendOffsets("tx", "ru", "m", []), cmd.advance(10_000)])
    expect(responses[2]).toMatchObject({ expired: [{ group: "ru", member: "m" }] })
  })
})
