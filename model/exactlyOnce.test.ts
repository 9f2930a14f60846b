import { describe, expect, it } from "vitest"
import { clientOf, committedOf, entriesOf, init, isTransactional, producerClientOf, recordsOf, run, sinkOf, step } from "./index.ts"
import { cmd, configTransactional } from "./internal/testing.ts"

const s0 = init(configTransactional)
const inAt = (offset: number) => ({ topic: "in", partition: 0, offset })

/** Three inputs in `in`, member a joined and initialized its producer. */
const ready = run(s0, [
  cmd.send("plain", "in", "i0"),
  cmd.send("plain", "in", "i1", "k"),
  cmd.send("plain", "in", "i2"),
  cmd.join("eos", "a"),
  cmd.init("eos/a"),
  cmd.join("view", "v")
]).state

describe("member producers of exactly-once groups", () => {
  it("<group>/<member> is transactional for an exactly-once group only", () => {
    expect(isTransactional(s0, "eos/a")).toBe(true)
    expect(isTransactional(s0, "eos/")).toBe(false)
    expect(isTransactional(s0, "ru/a")).toBe(false)
    expect(isTransactional(s0, "tx")).toBe(true)
    expect(isTransactional(s0, "idem")).toBe(false)
    expect(step(s0, cmd.init("eos/a")).response).toEqual({ _tag: "ProducerInitialized", producer: "eos/a", producerId: 0, epoch: 0 })
  })
})

describe("the consume-transform-produce loop", () => {
  it("processing sends the result inside the member's transaction; the commit makes results and offsets visible at once", () => {
    const { state, responses } = run(ready, [
      cmd.poll("eos", "a", 2),
      cmd.process("eos", "a", "in", 0, 0),
      cmd.begin("eos/a"),
      cmd.process("eos", "a", "in", 0, 0),
      cmd.process("eos", "a", "in", 0, 1),
      cmd.poll("view", "v", 10),
      cmd.sendOffsets("eos/a", "eos", "a", [inAt(2)]),
      cmd.txnCommit("eos/a"),
      cmd.poll("view", "v", 10)
    ])
    expect(responses.slice(1, 5)).toEqual([
      { _tag: "TransactionNotOpen", producer: "eos/a" },
      { _tag: "TxnBegun", producer: "eos/a" },
      { _tag: "Processed", group: "eos", member: "a", topic: "in", partition: 0, offset: 0, output: { topic: "out", partition: 0, offset: 0 } },
      { _tag: "Processed", group: "eos", member: "a", topic: "in", partition: 0, offset: 1, output: { topic: "out", partition: 0, offset: 1 } }
    ])
    expect(responses[5]).toEqual({ _tag: "Polled", group: "view", member: "v", records: [] })
    expect(responses[7]).toEqual({ _tag: "TxnCommitted", producer: "eos/a", markers: [{ topic: "out", partition: 0, offset: 2 }] })
    expect(responses[8]).toEqual({
      _tag: "Polled",
      group: "view",
      member: "v",
      records: [
        { topic: "out", partition: 0, offset: 0, producer: "eos/a", value: "in/0@0", timestampMs: 0 },
        { topic: "out", partition: 0, offset: 1, producer: "eos/a", key: "k", value: "in/0@1", timestampMs: 0 }
      ]
    })
    expect(committedOf(state, "eos", "in", 0)).toBe(2)
    expect(sinkOf(state, "eos").map((r) => r.offset)).toEqual([0, 1])
  })

  it("a refused result send leaves the record in the buffer", () => {
    const { state, responses } = run(ready, [cmd.poll("eos", "a", 1), cmd.producerCrash("eos/a"), cmd.process("eos", "a", "in", 0, 0)])
    expect(responses[2]).toEqual({ _tag: "ProducerNotInitialized", producer: "eos/a" })
    expect(clientOf(state, "eos", "a")?.buffer.map((r) => r.offset)).toEqual([0])
    expect(sinkOf(state, "eos")).toEqual([])
  })

  it("a crash mid-transaction leaves it open; the restarted member's init aborts it and the inputs are processed again, one committed result each", () => {
    const { state, responses } = run(ready, [
      cmd.poll("eos", "a", 3),
      cmd.begin("eos/a"),
      cmd.process("eos", "a", "in", 0, 0),
      cmd.process("eos", "a", "in", 0, 1),
      cmd.sendOffsets("eos/a", "eos", "a", [inAt(2)]),
      cmd.crash("eos", "a"),
      cmd.begin("eos/a"),
      cmd.join("eos", "a"),
      cmd.poll("eos", "a", 3),
      cmd.init("eos/a"),
      cmd.poll("eos", "a", 3),
      cmd.begin("eos/a"),
      cmd.process("eos", "a", "in", 0, 0),
      cmd.process("eos", "a", "in", 0, 1),
      cmd.process("eos", "a", "in", 0, 2),
      cmd.sendOffsets("eos/a", "eos", "a", [inAt(3)]),
      cmd.txnCommit("eos/a"),
      cmd.poll("view", "v", 10)
    ])
    expect(responses[6]).toEqual({ _tag: "ProducerNotInitialized", producer: "eos/a" })
    expect(responses[7]).toMatchObject({ _tag: "Joined", generation: 2 })
    // KIP-447: the new instance may not read from the group's offsets while the old transaction holds offsets for them
    expect(responses[8]).toEqual({ _tag: "Polled", group: "eos", member: "a", records: [] })
    expect(clientOf(state, "eos", "a")?.positions).toEqual([{ topic: "in", partition: 0, offset: 3 }])
    expect(responses[9]).toEqual({ _tag: "ProducerInitialized", producer: "eos/a", producerId: 0, epoch: 1, aborted: [{ topic: "out", partition: 0, offset: 2 }] })
    expect((responses[10] as { records: ReadonlyArray<{ offset: number }> }).records.map((r) => r.offset)).toEqual([0, 1, 2])
    expect(responses[16]).toEqual({ _tag: "TxnCommitted", producer: "eos/a", markers: [{ topic: "out", partition: 0, offset: 6 }] })
    expect((responses[17] as { records: ReadonlyArray<{ value: string }> }).records.map((r) => r.value)).toEqual(["in/0@0", "in/0@1", "in/0@2"])
    expect(recordsOf(state, "out", 0).map((r) => r.value)).toEqual(["in/0@0", "in/0@1", "in/0@0", "in/0@1", "in/0@2"])
    expect(entriesOf(state, "out", 0).filter((e) => e._tag === "Marker").map((e) => e._tag === "Marker" && `${e.offset}:${e.control}`)).toEqual(["2:abort", "6:commit"])
    expect(committedOf(state, "eos", "in", 0)).toBe(3)
  })

  it("a crash also crashes the member's producer client, but not the coordinator's transaction", () => {
    const { state } = run(ready, [cmd.poll("eos", "a", 1), cmd.begin("eos/a"), cmd.process("eos", "a", "in", 0, 0), cmd.crash("eos", "a")])
    expect(producerClientOf(state, "eos/a")).toEqual({ producerId: undefined, epoch: undefined, fenced: false, inTransaction: false, pending: undefined })
    expect(step(state, cmd.advance(10_000)).response).toEqual({
      _tag: "ClockAdvanced",
      nowMs: 10_000,
      expired: [],
      rebalanced: [],
      transactionsAborted: [{ transactionalId: "eos/a", epoch: 1, markers: [{ topic: "out", partition: 0, offset: 1 }] }]
    })
  })

  it("a zombie member (session expired) is refused its offsets, aborts, and its results never become visible", () => {
    const { state, responses } = run(ready, [
      cmd.poll("eos", "a", 1),
      cmd.begin("eos/a"),
      cmd.advance(30_000),
      cmd.process("eos", "a", "in", 0, 0),
      cmd.sendOffsets("eos/a", "eos", "a", [inAt(1)]),
      cmd.txnAbort("eos/a"),
      cmd.join("view", "w"),
      cmd.poll("view", "w", 10)
    ])
    expect(responses[3]).toMatchObject({ _tag: "Processed", output: { topic: "out", partition: 0, offset: 0 } })
    expect(responses[4]).toEqual({ _tag: "UnknownMember", group: "eos", member: "a" })
    expect(responses[5]).toEqual({ _tag: "TxnAborted", producer: "eos/a", markers: [{ topic: "out", partition: 0, offset: 1 }] })
    expect(responses[7]).toEqual({ _tag: "Polled", group: "view", member: "w", records: [] })
    expect(committedOf(state, "eos", "in", 0)).toBeUndefined()
  })

  it("a rebalance mid-transaction makes the old generation's offsets stale", () => {
    const { responses } = run(ready, [
      cmd.poll("eos", "a", 1),
      cmd.begin("eos/a"),
      cmd.process("eos", "a", "in", 0, 0),
      cmd.join("eos", "b"),
      cmd.sendOffsets("eos/a", "eos", "a", [inAt(1)])
    ])
    expect(responses[4]).toEqual({ _tag: "StaleGeneration", group: "eos", member: "a", generation: 1, generationCurrent: 2 })
  })
})

describe("KIP-447 unstable offsets", () => {
  it("a read_committed member without a position waits while an open transaction holds offsets for its group there", () => {
    const sent = run(ready, [
      cmd.poll("eos", "a", 1),
      cmd.begin("eos/a"),
      cmd.process("eos", "a", "in", 0, 0),
      cmd.sendOffsets("eos/a", "eos", "a", [inAt(1)]),
      cmd.advance(9_000),
      cmd.leave("eos", "a"),
      cmd.join("eos", "b")
    ]).state
    const waiting = run(sent, [cmd.poll("eos", "b", 5), cmd.poll("eos", "b", 5)])
    expect(waiting.responses).toEqual([
      { _tag: "Polled", group: "eos", member: "b", records: [] },
      { _tag: "Polled", group: "eos", member: "b", records: [] }
    ])
    expect(clientOf(waiting.state, "eos", "b")?.positions).toEqual([])
    const committed = run(sent, [cmd.txnCommit("eos/a"), cmd.poll("eos", "b", 5)])
    expect(committed.responses[1]).toMatchObject({ records: [{ offset: 1 }, { offset: 2 }] })
    const timedOut = run(sent, [cmd.advance(1_000), cmd.poll("eos", "b", 5)])
    expect(timedOut.responses[0]).toMatchObject({ transactionsAborted: [{ transactionalId: "eos/a", epoch: 1 }] })
    expect(timedOut.responses[1]).toMatchObject({ records: [{ offset: 0 }, { offset: 1 }, { offset: 2 }] })
  })

  it("a member that already has a position reads on, and read_uncommitted groups never wait", () => {
    const { responses } = run(s0, [
      cmd.send("plain", "t", "x", "k3"),
      cmd.join("ru", "m"),
      cmd.join("rc", "m"),
      cmd.poll("rc", "m", 1),
      cmd.poll("ru", "m", 1),
      cmd.init("tx"),
      cmd.begin("tx"),
      cmd.sendOffsets("tx", "rc", "m", [{ topic: "t", partition: 0, offset: 1 }]),
      cmd.sendOffsets("tx", "ru", "m", [{ topic: "t", partition: 0, offset: 1 }]),
      cmd.send("plain", "t", "y", "k3"),
      cmd.poll("rc", "m", 1),
      cmd.seek("rc", "m", "t", 0, 0),
      cmd.poll("rc", "m", 1),
      cmd.join("ru", "n"),
      cmd.leave("ru", "m"),
      cmd.poll("ru", "n", 5),
      cmd.poll("ru", "n", 5)
    ])
    expect(responses[10]).toMatchObject({ records: [{ offset: 1, value: "y" }] })
    expect(responses[12]).toMatchObject({ records: [{ offset: 0, value: "x" }] })
    expect(responses[15]).toMatchObject({ _tag: "RebalanceInProgress" })
    expect(responses[16]).toMatchObject({ records: [{ offset: 0, value: "x" }, { offset: 1, value: "y" }] })
  })
})
