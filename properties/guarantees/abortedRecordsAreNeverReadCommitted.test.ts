import { describe, expect, it } from "vitest"
import { abortedRecordsAreNeverReadCommitted as check } from "./abortedRecordsAreNeverReadCommitted.ts"
import { configTxn } from "./internal/configTxn.ts"
import { configTest } from "./internal/configTest.ts"
import { dataEntry, HistoryBuilder, markerEntry } from "./internal/historyBuilder.ts"

const both = ["orders/0", "orders/1"]

/** tp writes orders/0@0 in a transaction it aborts (marker at 1); p then writes orders/0@2. */
const abortedThenPlain = () =>
  new HistoryBuilder()
    .init("tp", 0, 0)
    .begin("tp")
    .send("orders/0@0", { producer: "tp", value: "x" })
    .txnAbort("tp", ["orders/0@1"])
    .send("orders/0@2", { producer: "p", value: "y" })

const dumpOrders0 = (b: HistoryBuilder) =>
  b.dump("orders/0", [
    dataEntry(0, { producer: "tp", value: "x", id: [0, 0, 0], transactional: true }),
    markerEntry(1, "tx", 0, 0, "abort"),
    dataEntry(2, { value: "y" })
  ])

describe("AbortedRecordsAreNeverReadCommitted", () => {
  it("holds, and the witness fires, when only the read_uncommitted group gets the aborted record", () => {
    const b = abortedThenPlain()
      .join("audit", "a", 1, both)
      .poll("audit", "a", ["orders/0@2"])
      .join("billing", "b", 1, both)
      .poll("billing", "b", ["orders/0@0", "orders/0@2"])
    dumpOrders0(b)
    expect(check.always(b.history, configTxn)).toBeUndefined()
    expect(check.sometimes(b.history, configTxn)).toBe(true)
  })

  it("is violated by the read-committed-leaks-aborted story, with or without the drain's dump", () => {
    const b = abortedThenPlain().join("audit", "a", 1, both).poll("audit", "a", ["orders/0@0", "orders/0@2"])
    expect(check.always(b.history, configTxn)).toEqual({
      step: 6,
      message: "read_committed member a of audit was delivered orders/0@0, a record of tx's transaction that aborted at step 4"
    })
    dumpOrders0(b)
    expect(check.always(b.history, configTxn)).toEqual({
      step: 6,
      message: "read_committed member a of audit was delivered orders/0@0, a record of tx's transaction that aborted (abort marker at orders/0@1)"
    })
    expect(check.sometimes(b.history, configTxn)).toBe(false)
  })

  it("is n/a without a transactional producer, a read_committed group or a read_uncommitted group", () => {
    expect(check.notApplicableReason?.(configTxn)).toBeUndefined()
    expect(check.notApplicableReason?.(configTest)).toContain("needs a transactional producer")
    const onlyCommitted = { ...configTxn, groups: configTxn.groups.filter((group) => group.name !== "billing") }
    expect(check.notApplicableReason?.(onlyCommitted)).toBe(
      "needs a read_uncommitted group that reads a topic (to witness an aborted read); the config has none"
    )
  })
})
