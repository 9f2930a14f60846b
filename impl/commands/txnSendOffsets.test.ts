import { describe, expect, it } from "vitest"
import { advance, at, begin, commit, crash, heartbeat, init, join, offsetsOf, send, sendOffsets, txnAbort, txnCommit } from "../internal/testCommands.ts"
import { last, run, transactional } from "../internal/testRun.ts"

/** `tx` initialized with a transaction begun, `m` a member of `rc`, one record in `t`. */
const ready = [send("t", "a", undefined, "plain"), join("rc", "m"), init("tx"), begin("tx")]
const offsetsSent = (generation: number, offsets: ReadonlyArray<unknown>, member = "m") => ({
  _tag: "TxnOffsetsSent",
  producer: "tx",
  group: "rc",
  member,
  generation,
  offsets
})

describe("TxnSendOffsets", () => {
  it("1-4. NotTransactional, ProducerNotInitialized, TransactionNotOpen", async () => {
    expect(await run([
      sendOffsets("plain", "rc", "m", []),
      sendOffsets("tx", "rc", "m", []),
      init("tx"),
      sendOffsets("tx", "rc", "m", [])
    ], transactional)).toStrictEqual([
      { _tag: "NotTransactional", producer: "plain" },
      { _tag: "ProducerNotInitialized", producer: "tx" },
      { _tag: "ProducerInitialized", producer: "tx", producerId: 0, epoch: 0 },
      { _tag: "TransactionNotOpen", producer: "tx" }
    ])
  })

  it("5-6. UnknownGroup, then UnknownMember for a member that does not run", async () => {
    expect(await last([...ready, sendOffsets("tx", "nope", "m", [])], transactional)).toStrictEqual({
      _tag: "UnknownGroup",
      group: "nope"
    })
    expect(await last([...ready, crash("rc", "m"), sendOffsets("tx", "rc", "m", [])], transactional)).toStrictEqual({
      _tag: "UnknownMember",
      group: "rc",
      member: "m"
    })
  })

  it("7. ProducerFenced when the coordinator's epoch is newer, before the group checks", async () => {
    expect(await last([...ready, init("tx2"), advance(30_000), sendOffsets("tx", "rc", "m", [])], transactional))
      .toStrictEqual({ _tag: "ProducerFenced", producer: "tx" })
  })

  it("8. UnknownMember for a zombie whose session expired (KIP-447)", async () => {
    expect(await last([...ready, advance(30_000), sendOffsets("tx", "rc", "m", [["t", 0, 1]])], transactional))
      .toStrictEqual({ _tag: "UnknownMember", group: "rc", member: "m" })
  })

  it("9. StaleGeneration for a client that missed a rebalance", async () => {
    expect(await last([...ready, join("rc", "n"), sendOffsets("tx", "rc", "m", [["t", 0, 1]])], transactional))
      .toStrictEqual({ _tag: "StaleGeneration", group: "rc", member: "m", generation: 1, generationCurrent: 2 })
  })

  it("10. per entry: UnknownTopic, NotAssigned, OffsetOutOfRange", async () => {
    expect(await last([...ready, sendOffsets("tx", "rc", "m", [["t", 0, 1], ["zz", 0, 0]])], transactional))
      .toStrictEqual({ _tag: "UnknownTopic", topic: "zz" })
    expect(await last([...ready, sendOffsets("tx", "rc", "m", [["t", 5, 0]])], transactional))
      .toStrictEqual({ _tag: "NotAssigned", group: "rc", member: "m", topic: "t", partition: 5 })
    expect(await last([...ready, sendOffsets("tx", "rc", "m", [["t", 0, 2]])], transactional))
      .toStrictEqual({ _tag: "OffsetOutOfRange", topic: "t", partition: 0, offset: 2, highWatermark: 1 })
  })

  it("11. the offsets count only once the transaction commits; a later entry replaces an earlier one", async () => {
    const responses = await run([
      ...ready,
      commit("rc", "m", [["u", 0, 0]]),
      sendOffsets("tx", "rc", "m", [["t", 0, 0], ["t", 0, 1]]),
      offsetsOf("rc"),
      txnCommit("tx"),
      offsetsOf("rc")
    ], transactional)
    expect(responses.slice(5)).toStrictEqual([
      offsetsSent(1, [at("t", 0, 0), at("t", 0, 1)]),
      { _tag: "OffsetsFetched", group: "rc", offsets: [at("u", 0, 0)] },
      { _tag: "TxnCommitted", producer: "tx", markers: [] },
      { _tag: "OffsetsFetched", group: "rc", offsets: [at("t", 0, 1), at("u", 0, 0)] }
    ])
  })

  it("11. an aborted transaction's offsets are discarded", async () => {
    const responses = await run([...ready, sendOffsets("tx", "rc", "m", [["t", 0, 1]]), txnAbort("tx"), offsetsOf("rc")], transactional)
    expect(responses.slice(5)).toStrictEqual([
      { _tag: "TxnAborted", producer: "tx", markers: [] },
      { _tag: "OffsetsFetched", group: "rc", offsets: [] }
    ])
  })

  it("11. opens the transaction at the coordinator: it times out, and does not refresh the member's session", async () => {
    const responses = await run([
      ...ready,
      advance(25_000),
      heartbeat("rc", "m"),
      sendOffsets("tx", "rc", "m", [["t", 0, 1]]),
      advance(10_000)
    ], transactional)
    expect(responses.at(-1)).toStrictEqual({
      _tag: "ClockAdvanced",
      nowMs: 35_000,
      expired: [],
      rebalanced: [],
      transactionsAborted: [{ transactionalId: "tx", epoch: 1, markers: [] }]
    })
    const expiring = await run([...ready, sendOffsets("tx", "rc", "m", []), advance(30_000)], transactional)
    expect(expiring.at(-1)).toMatchObject({ expired: [{ group: "rc", member: "m" }] })
  })
})
