import { describe, expect, it } from "vitest"
import { configTxn } from "./internal/configTxn.ts"
import { dataEntry, HistoryBuilder, markerEntry } from "./internal/historyBuilder.ts"
import { transactionsAreAtomic as check } from "./transactionsAreAtomic.ts"

const tx = (offset: number, sequence: number, value: string) => dataEntry(offset, { producer: "tp", value, id: [0, 0, sequence], transactional: true })

/** tp commits a transaction over orders/0 and orders/1, then aborts one over orders/0. */
const commitThenAbort = () =>
  new HistoryBuilder()
    .init("tp", 0, 0)
    .begin("tp")
    .send("orders/0@0", { producer: "tp", value: "a" })
    .send("orders/1@0", { producer: "tp", value: "b" })
    .txnCommit("tp", ["orders/0@1", "orders/1@1"])
    .begin("tp")
    .send("orders/0@2", { producer: "tp", value: "c" })
    .txnAbort("tp", ["orders/0@3"])

describe("TransactionsAreAtomic", () => {
  it("holds, and the witness fires, when a two-partition transaction committed and another aborted, markers where the answers say", () => {
    const b = commitThenAbort()
      .dump("orders/0", [tx(0, 0, "a"), markerEntry(1, "tx", 0, 0, "commit"), tx(2, 1, "c"), markerEntry(3, "tx", 0, 0, "abort")])
      .dump("orders/1", [tx(0, 0, "b"), markerEntry(1, "tx", 0, 0, "commit")])
      .fetched("audit", [])
    expect(check.always(b.history, configTxn)).toBeUndefined()
    expect(check.sometimes(b.history, configTxn)).toBe(true)
  })

  it("has no witness when nothing aborted", () => {
    const b = new HistoryBuilder()
      .init("tp", 0, 0)
      .begin("tp")
      .send("orders/0@0", { producer: "tp", value: "a" })
      .send("orders/1@0", { producer: "tp", value: "b" })
      .txnCommit("tp", ["orders/0@1", "orders/1@1"])
    expect(check.always(b.history, configTxn)).toBeUndefined()
    expect(check.sometimes(b.history, configTxn)).toBe(false)
  })

  it("is violated by the markers-take-no-offset story: the dump has no marker where the commit said", () => {
    const b = commitThenAbort().dump("orders/1", [tx(0, 0, "b")])
    expect(check.always(b.history, configTxn)).toEqual({
      step: 8,
      message: "tx's transaction committed at step 5 named its commit marker at orders/1@1, but the log has no entry there"
    })
    const data = commitThenAbort().dump("orders/0", [tx(0, 0, "a"), tx(1, 1, "c")])
    expect(check.always(data.history, configTxn)?.message).toBe(
      'tx\'s transaction committed at step 5 named its commit marker at orders/0@1, but the log holds tp\'s record with value "c" there'
    )
  })

  it("is violated by an end whose markers miss a partition the transaction wrote to", () => {
    const b = new HistoryBuilder()
      .init("tp", 0, 0)
      .begin("tp")
      .send("orders/0@0", { producer: "tp", value: "a" })
      .sendTimedOut("orders/1", { producer: "tp", value: "b" })
      .txnCommit("tp", ["orders/0@1"])
    expect(check.always(b.history, configTxn)).toEqual({
      step: 4,
      message: "tx's transaction committed at step 5 but wrote no marker in orders/1, where it wrote records"
    })
  })

  it("is violated by the offsets-commit-on-abort story: an aborted transaction's offsets are fetched as committed", () => {
    const b = new HistoryBuilder()
      .join("eo", "a", 1, ["payments/0"])
      .init("eo/a", 0, 0)
      .begin("eo/a")
      .sendOffsets("eo/a", "eo", "a", 1, ["payments/0@1"])
      .txnAbort("eo/a", [])
      .fetched("eo", ["payments/0@1"])
    expect(check.always(b.history, configTxn)).toEqual({
      step: 5,
      message: "eo's committed offsets were fetched as payments/0@1, but its commits and committed transactions make them none"
    })
  })

  it("counts a committed transaction's offsets and plain commits as committed", () => {
    const b = new HistoryBuilder()
      .join("eo", "a", 1, ["payments/0"])
      .init("eo/a", 0, 0)
      .begin("eo/a")
      .sendOffsets("eo/a", "eo", "a", 1, ["payments/0@1"])
      .sendOffsets("eo/a", "eo", "a", 1, ["payments/0@2"])
      .txnCommit("eo/a", [])
      .join("billing", "b", 1, ["orders/0", "orders/1"])
      .commit("billing", "b", 1, ["orders/1@4"])
      .fetched("eo", ["payments/0@2"])
      .fetched("billing", ["orders/1@4"])
    expect(check.always(b.history, configTxn)).toBeUndefined()
  })
})
