import { describe, expect, it } from "vitest"
import { configTest } from "./internal/configTest.ts"
import { configTxn } from "./internal/configTxn.ts"
import { dataEntry, HistoryBuilder, markerEntry } from "./internal/historyBuilder.ts"
import { zombiesAreFenced as check } from "./zombiesAreFenced.ts"

const sendOrders = { _tag: "ProducerSend", producer: "tp", topic: "orders", value: "x" } as const

/** tp initializes (epoch 0) and opens a transaction; tp2, another instance of tx, initializes (epoch 1) and aborts it. */
const fencedByNewInstance = () =>
  new HistoryBuilder()
    .init("tp", 0, 0)
    .begin("tp")
    .send("orders/0@0", { producer: "tp", value: "x" })
    .init("tp2", 0, 1, ["orders/0@1"])

describe("ZombiesAreFenced", () => {
  it("holds, and the witness fires, when the older instance's send is answered ProducerFenced", () => {
    const b = fencedByNewInstance().producerError(sendOrders, "ProducerFenced", "tp").begin("tp2").send("orders/0@2", { producer: "tp2", value: "y" })
    expect(check.always(b.history, configTxn)).toBeUndefined()
    expect(check.sometimes(b.history, configTxn)).toBe(true)
  })

  it("holds without a witness when no zombie tried anything, and a crashed client that re-initialized is no zombie", () => {
    const b = fencedByNewInstance().producerCrash("tp").init("tp", 0, 2).begin("tp").send("orders/1@0", { producer: "tp", value: "z" })
    expect(check.always(b.history, configTxn)).toBeUndefined()
    expect(check.sometimes(b.history, configTxn)).toBe(false)
  })

  it("is violated by the no-epoch-check story: the older instance's send and commit take effect", () => {
    const b = fencedByNewInstance().send("orders/0@2", { producer: "tp", value: "x" })
    expect(check.always(b.history, configTxn)).toEqual({
      step: 4,
      message: "zombie producer tp (epoch 0) was answered Sent to ProducerSend, though tx is at epoch 1"
    })
  })

  it("is violated by a zombie's write the dumps show, though every answer fenced it", () => {
    const fenced = fencedByNewInstance().producerError(sendOrders, "ProducerFenced", "tp")
    const zombieData = dataEntry(2, { producer: "tp", value: "x", id: [0, 0, 1], transactional: true })
    const b = fenced.dump("orders/0", [
      dataEntry(0, { producer: "tp", value: "x", id: [0, 0, 0], transactional: true }),
      markerEntry(1, "tx", 0, 1, "abort"),
      zombieData
    ])
    expect(check.always(b.history, configTxn)).toEqual({
      step: 5,
      message:
        "orders/0@2, a data entry of producer id 0 at epoch 0, follows a marker of that producer id at epoch 1 in the same partition: a zombie's write took effect"
    })
    const marker = fencedByNewInstance().producerError(sendOrders, "ProducerFenced", "tp").dump("orders/0", [
      dataEntry(0, { producer: "tp", value: "x", id: [0, 0, 0], transactional: true }),
      markerEntry(1, "tx", 0, 1, "abort"),
      markerEntry(2, "tx", 0, 0, "commit")
    ])
    expect(check.always(marker.history, configTxn)?.message).toBe(
      "orders/0@2, a commit marker of producer id 0 at epoch 0, follows a marker of that producer id at epoch 1 in the same partition: a zombie's write took effect"
    )
    // The new instance's own writes after the abort marker (its epoch) are fine.
    const fine = fencedByNewInstance().producerError(sendOrders, "ProducerFenced", "tp").begin("tp2").send("orders/0@2", { producer: "tp2", value: "y" })
    const ok = fine.dump("orders/0", [
      dataEntry(0, { producer: "tp", value: "x", id: [0, 0, 0], transactional: true }),
      markerEntry(1, "tx", 0, 1, "abort"),
      dataEntry(2, { producer: "tp2", value: "y", id: [0, 1, 0], transactional: true })
    ])
    expect(check.always(ok.history, configTxn)).toBeUndefined()
  })

  it("is violated by a commit of a producer whose transaction the coordinator timed out", () => {
    const b = new HistoryBuilder()
      .init("tp", 0, 0)
      .begin("tp")
      .send("orders/0@0", { producer: "tp", value: "x" })
      .advanceTimingOut(5000, 5000, [{ transactionalId: "tx", epoch: 1, markers: [{ topic: "orders", partition: 0, offset: 1 }] }])
      .txnCommit("tp", [])
    expect(check.always(b.history, configTxn)?.message).toBe(
      "zombie producer tp (epoch 0) was answered TxnCommitted to TxnCommit, though tx is at epoch 1"
    )
  })

  it("is violated by the offsets-ignore-generation story: offsets accepted from a stale or expired member", () => {
    const stale = new HistoryBuilder()
      .join("eo", "a", 1, ["payments/0"])
      .init("eo/a", 0, 0)
      .begin("eo/a")
      .join("eo", "b", 2, [])
      .sendOffsets("eo/a", "eo", "a", 1, ["payments/0@0"])
    expect(check.always(stale.history, configTxn)).toEqual({
      step: 4,
      message: "eo took offsets in eo/a's transaction from member a, which last learned generation 1, while the group is at generation 2"
    })
    const expired = new HistoryBuilder()
      .join("eo", "a", 1, ["payments/0"])
      .init("eo/a", 0, 0)
      .begin("eo/a")
      .advance(1000, 1000, [{ group: "eo", member: "a" }], [{ group: "eo", generation: 2 }])
      .sendOffsets("eo/a", "eo", "a", 2, ["payments/0@0"])
    expect(check.always(expired.history, configTxn)?.message).toBe(
      "eo took offsets in eo/a's transaction from member a, whose session expired (a zombie consumer)"
    )
  })

  it("is witnessed by a zombie consumer's offsets refused", () => {
    const b = new HistoryBuilder().join("eo", "a", 1, ["payments/0"]).init("eo/a", 0, 0).begin("eo/a").join("eo", "b", 2, [])
    b.entry(
      { _tag: "TxnSendOffsets", producer: "eo/a", group: "eo", member: "a", offsets: [] },
      { _tag: "StaleGeneration", group: "eo", member: "a", generation: 1, generationCurrent: 2 }
    )
    expect(check.always(b.history, configTxn)).toBeUndefined()
    expect(check.sometimes(b.history, configTxn)).toBe(true)
  })

  it("is n/a without a transactional producer", () => {
    expect(check.notApplicableReason?.(configTxn)).toBeUndefined()
    expect(check.notApplicableReason?.(configTest)).toBe(
      "needs a transactional producer (a configured producer with a transactionalId, or an exactly-once group); the config has none"
    )
  })
})
