import { describe, expect, it } from "vitest"
import { configTxn } from "./internal/configTxn.ts"
import { dataEntry, HistoryBuilder, markerEntry } from "./internal/historyBuilder.ts"
import { retriesWithoutIdempotenceCanDuplicate as check } from "./retriesWithoutIdempotenceCanDuplicate.ts"

const lp = (offset: number, value = "a") => dataEntry(offset, { producer: "lp", value })

describe("RetriesWithoutIdempotenceCanDuplicate", () => {
  it("holds, and the witness fires, when a plain producer's retry after a lost acknowledgement left a second copy", () => {
    const history = new HistoryBuilder()
      .sendTimedOut("orders/0", { producer: "lp", value: "a" })
      .retry("lp", "orders/0@1", { value: "a" })
      .dump("orders/0", [lp(0), lp(1)]).history
    expect(check.always(history, configTxn)).toBeUndefined()
    expect(check.sometimes(history, configTxn)).toBe(true)
  })

  it("counts sends answered Sent and exactly-once results: one copy each, no witness", () => {
    const history = new HistoryBuilder()
      .send("payments/0@0", { producer: "p", key: "k", value: "pay" })
      .send("payments/0@1", { producer: "p", key: "k", value: "pay" })
      .join("eo", "a", 1, ["payments/0"])
      .init("eo/a", 0, 0)
      .begin("eo/a")
      .poll("eo", "a", ["payments/0@0"])
      .processTo("eo", "a", "payments/0@0", "results/0@0")
      .txnCommit("eo/a", ["results/0@1"])
      .dump("payments/0", [dataEntry(0, { key: "k", value: "pay" }), dataEntry(1, { key: "k", value: "pay" })])
      .dump("results/0", [
        dataEntry(0, { producer: "eo/a", key: "k", value: "payments/0@0", id: [0, 0, 0], transactional: true }),
        markerEntry(1, "eo/a", 0, 0, "commit")
      ]).history
    expect(check.always(history, configTxn)).toBeUndefined()
    expect(check.sometimes(history, configTxn)).toBe(false)
  })

  it("is violated by the duplicate-on-timeout story: a second copy no retry explains", () => {
    const history = new HistoryBuilder()
      .sendTimedOut("orders/0", { producer: "lp", value: "a" })
      .dump("orders/0", [lp(0), lp(1)]).history
    expect(check.always(history, configTxn)).toEqual({
      step: 1,
      message:
        'the log holds 2 of producer lp\'s records with no key and value "a" (orders/0@0, orders/0@1), but the history explains 1: 1 send answered Sent or SendTimedOut, 0 retries without idempotence'
    })
  })

  it("does not count an idempotent producer's retry as an append", () => {
    const history = new HistoryBuilder()
      .sendTimedOut("orders/1", { producer: "ip", value: "a" })
      .retry("ip", "orders/1@0", { value: "a" })
      .dump("orders/1", [dataEntry(0, { producer: "ip", value: "a", id: [0, 0, 0] }), dataEntry(1, { producer: "ip", value: "a", id: [0, 0, 0] })]).history
    expect(check.always(history, configTxn)?.message).toContain("the history explains 1: 1 send answered Sent or SendTimedOut, 0 retries")
  })

  it("is n/a without a configured plain producer", () => {
    expect(check.notApplicableReason?.(configTxn)).toBeUndefined()
    expect(check.notApplicableReason?.({ ...configTxn, producers: [] })).toContain("needs a configured producer that is not idempotent")
  })
})
