import { describe, expect, it } from "vitest"
import { configTxn } from "./internal/configTxn.ts"
import { configTest } from "./internal/configTest.ts"
import { dataEntry, HistoryBuilder, markerEntry } from "./internal/historyBuilder.ts"
import { readCommittedStopsAtTheLastStableOffset as check } from "./readCommittedStopsAtTheLastStableOffset.ts"

const both = ["orders/0", "orders/1"]

/** p writes orders/0@0; tp opens a transaction with orders/0@1; audit (read_committed) joins. */
const openTransaction = () =>
  new HistoryBuilder()
    .send("orders/0@0", { value: "plain" })
    .init("tp", 0, 0)
    .begin("tp")
    .send("orders/0@1", { producer: "tp", value: "x" })
    .join("audit", "a", 1, both)

const dumpOrders0 = (b: HistoryBuilder) =>
  b.dump("orders/0", [
    dataEntry(0, { value: "plain" }),
    dataEntry(1, { producer: "tp", value: "x", id: [0, 0, 0], transactional: true }),
    markerEntry(2, "tx", 0, 0, "commit")
  ])

describe("ReadCommittedStopsAtTheLastStableOffset", () => {
  it("holds, and the witness fires, when a read_committed poll stops at the open transaction and reads it once committed", () => {
    const b = openTransaction().poll("audit", "a", ["orders/0@0"])
    b.entry({ _tag: "ConsumerPoll", group: "audit", member: "a", recordsMax: 3 }, { _tag: "Polled", group: "audit", member: "a", records: [] })
    b.txnCommit("tp", ["orders/0@2"]).poll("audit", "a", ["orders/0@1"])
    dumpOrders0(b)
    expect(check.always(b.history, configTxn)).toBeUndefined()
    expect(check.sometimes(b.history, configTxn)).toBe(true)
  })

  it("has no witness when no transaction was open at a read_committed poll with room left", () => {
    const b = openTransaction().txnCommit("tp", ["orders/0@2"]).poll("audit", "a", ["orders/0@0", "orders/0@1"])
    dumpOrders0(b)
    expect(check.always(b.history, configTxn)).toBeUndefined()
    expect(check.sometimes(b.history, configTxn)).toBe(false)
  })

  it("is violated by the ignore-last-stable-offset story: a read_committed poll reads into the open transaction", () => {
    const b = openTransaction().poll("audit", "a", ["orders/0@0", "orders/0@1"])
    const message =
      "read_committed member a of audit was delivered orders/0@1, at or past orders/0@1, the first record of tx's transaction still open at this step (the last stable offset)"
    expect(check.always(b.history, configTxn)).toEqual({ step: 5, message })
    b.txnCommit("tp", ["orders/0@2"])
    dumpOrders0(b)
    expect(check.always(b.history, configTxn)).toEqual({ step: 5, message })
  })

  it("dates a record whose acknowledgement was lost by its marker in the dump", () => {
    const b = new HistoryBuilder()
      .init("tp", 0, 0)
      .begin("tp")
      .sendTimedOut("orders/0", { producer: "tp", value: "x" })
      .join("audit", "a", 1, both)
      .pollRecords("audit", "a", [{ topic: "orders", partition: 0, offset: 0, producer: "tp", value: "x", timestampMs: 0 }])
      .txnCommit("tp", ["orders/0@1"])
      .dump("orders/0", [dataEntry(0, { producer: "tp", value: "x", id: [0, 0, 0], transactional: true }), markerEntry(1, "tx", 0, 0, "commit")])
    expect(check.always(b.history, configTxn)?.step).toBe(4)
  })

  it("is n/a without a transactional producer or a read_committed group", () => {
    expect(check.notApplicableReason?.(configTxn)).toBeUndefined()
    expect(check.notApplicableReason?.(configTest)).toContain("needs a transactional producer")
    const uncommitted = { ...configTxn, groups: configTxn.groups.filter((group) => group.name === "billing") }
    expect(check.notApplicableReason?.(uncommitted)).toBe("needs a read_committed group that reads a topic; the config has none")
  })
})
