/**
 * The guarantees that predate transactions, on histories with transactions:
 * marker gaps, aborted records skipped under read_committed, timed-out sends
 * and retries, exactly-once results, KIP-447 waits, and records owed to no
 * group (aborted or still open).
 */
import { describe, expect, it } from "vitest"
import { groupsAreIndependent } from "./groupsAreIndependent.ts"
import { configTxn } from "./internal/configTxn.ts"
import { dataEntry, HistoryBuilder, markerEntry } from "./internal/historyBuilder.ts"
import { noLossUnderAtLeastOnce } from "./noLossUnderAtLeastOnce.ts"
import { partitionOrderPreserved } from "./partitionOrderPreserved.ts"

const both = ["orders/0", "orders/1"]
const record = (offset: number, producer: string, value: string) => ({ topic: "orders", partition: 0, offset, producer, value, timestampMs: 0 })

/** orders/0: tp's committed x at 0 (commit marker 1), tp2's aborted y at 2 (abort marker 3), p's z at 4 (each producer's first unkeyed send goes to partition 0). */
const committedAbortedPlain = () =>
  new HistoryBuilder()
    .init("tp", 0, 0)
    .begin("tp")
    .send("orders/0@0", { producer: "tp", value: "x" })
    .txnCommit("tp", ["orders/0@1"])
    .init("tp2", 0, 1)
    .begin("tp2")
    .send("orders/0@2", { producer: "tp2", value: "y" })
    .txnAbort("tp2", ["orders/0@3"])
    .send("orders/0@4", { value: "z" })

describe("PartitionOrderPreserved with transactions", () => {
  it("steps over markers under read_uncommitted and over aborted records too under read_committed", () => {
    const b = committedAbortedPlain()
      .join("billing", "u", 1, both)
      .poll("billing", "u", ["orders/0@0", "orders/0@2", "orders/0@4"])
      .join("audit", "c", 1, both)
      .poll("audit", "c", ["orders/0@0", "orders/0@4"])
    expect(partitionOrderPreserved.always(b.history, configTxn)).toBeUndefined()
  })

  it("still finds a gap: read_uncommitted skipping an aborted record, or anyone skipping a data record", () => {
    const skipsAborted = committedAbortedPlain().join("billing", "u", 1, both).poll("billing", "u", ["orders/0@0", "orders/0@4"])
    expect(partitionOrderPreserved.always(skipsAborted.history, configTxn)?.message).toBe(
      "member u of billing was delivered orders/0@4 right after orders/0@0 in the same poll (expected offset 2)"
    )
    const skipsData = committedAbortedPlain().send("orders/0@5", { value: "w" }).join("audit", "c", 1, both).poll("audit", "c", ["orders/0@0", "orders/0@5"])
    expect(partitionOrderPreserved.always(skipsData.history, configTxn)?.message).toBe(
      "member c of audit was delivered orders/0@5 right after orders/0@0 in the same poll (expected offset 4)"
    )
  })

  it("accepts a record a timed-out send or a retry put there, and an exactly-once result", () => {
    const b = new HistoryBuilder()
      .sendTimedOut("orders/0", { producer: "lp", value: "a" })
      .retry("lp", "orders/0@1", { value: "a" })
      .sendTimedOut("orders/0", { producer: "ip", value: "b" })
      .retry("ip", "orders/0@2", { value: "b" })
      .join("billing", "u", 1, both)
      .pollRecords("billing", "u", [record(0, "lp", "a"), record(1, "lp", "a"), record(2, "ip", "b")])
    expect(partitionOrderPreserved.always(b.history, configTxn)).toBeUndefined()
    const wrong = new HistoryBuilder()
      .sendTimedOut("orders/0", { producer: "lp", value: "a" })
      .join("billing", "u", 1, both)
      .pollRecords("billing", "u", [record(0, "lp", "other")])
    expect(partitionOrderPreserved.always(wrong.history, configTxn)?.message).toBe(
      "member u of billing was delivered orders/0@0, but no Sent answer put a record there"
    )
    const results = new HistoryBuilder()
      .send("payments/0@0", { value: "pay" })
      .join("eo", "a", 1, ["payments/0"])
      .init("eo/a", 0, 0)
      .begin("eo/a")
      .poll("eo", "a", ["payments/0@0"])
      .processTo("eo", "a", "payments/0@0", "results/0@0")
      .send("results/0@1", { producer: "p", value: "later" })
    expect(partitionOrderPreserved.always(results.history, configTxn)).toBeUndefined()
  })
})

describe("GroupsAreIndependent with transactions", () => {
  it("stops a read_committed poll at the last stable offset", () => {
    const b = new HistoryBuilder()
      .send("orders/0@0", { value: "plain" })
      .init("tp", 0, 0)
      .begin("tp")
      .send("orders/0@1", { producer: "tp", value: "x" })
      .join("audit", "c", 1, both)
      .join("billing", "u", 1, both)
      .commit("billing", "u", 1, ["orders/0@2"])
      .poll("audit", "c", ["orders/0@0"])
    b.entry({ _tag: "ConsumerPoll", group: "audit", member: "c", recordsMax: 3 }, { _tag: "Polled", group: "audit", member: "c", records: [] })
    expect(groupsAreIndependent.always(b.history, configTxn)).toBeUndefined()
  })

  it("lets a new read_committed owner wait for the transaction holding its group's offsets (KIP-447), then start at them", () => {
    const b = new HistoryBuilder()
      .send("orders/0@0", { value: "a" })
      .join("audit", "c", 1, both)
      .poll("audit", "c", ["orders/0@0"])
      .init("tp", 0, 0)
      .begin("tp")
      .sendOffsets("tp", "audit", "c", 1, ["orders/0@1"])
      .advance(1000, 1000, [{ group: "audit", member: "c" }], [{ group: "audit", generation: 2 }])
      .join("audit", "d", 3, both)
      .join("billing", "u", 1, both)
      .commit("billing", "u", 1, ["orders/0@1"])
    b.entry({ _tag: "ConsumerPoll", group: "audit", member: "d", recordsMax: 3 }, { _tag: "Polled", group: "audit", member: "d", records: [] })
    b.txnCommit("tp", []).send("orders/0@1", { producer: "q", value: "b" }).poll("audit", "d", ["orders/0@1"])
    expect(groupsAreIndependent.always(b.history, configTxn)).toBeUndefined()
    expect(partitionOrderPreserved.always(b.history, configTxn)).toBeUndefined()
  })
})

describe("NoLossUnderAtLeastOnce with transactions", () => {
  it("owes a read_committed group the committed and plain records, not the aborted one", () => {
    const b = committedAbortedPlain()
      .join("audit", "c", 1, both)
      .poll("audit", "c", ["orders/0@0", "orders/0@4"])
      .process("audit", "c", "orders/0@0")
      .process("audit", "c", "orders/0@4")
      .commit("audit", "c", 1, ["orders/0@5"])
      .poll("audit", "c", [])
    expect(noLossUnderAtLeastOnce.always(b.history, configTxn)).toBeUndefined()
    const lost = committedAbortedPlain()
      .join("audit", "c", 1, both)
      .poll("audit", "c", ["orders/0@4"])
      .process("audit", "c", "orders/0@4")
      .poll("audit", "c", [])
    expect(noLossUnderAtLeastOnce.always(lost.history, configTxn)?.message).toBe(
      "at-least-once group audit never processed orders/0@0 (sent at step 3) by the end of the history"
    )
  })
})

describe("the dump as a source of appends", () => {
  it("places a timed-out send by the dump when no delivery matched it", () => {
    const b = new HistoryBuilder()
      .sendTimedOut("orders/0", { producer: "lp", value: "a" })
      .join("billing", "u", 1, both)
      .pollRecords("billing", "u", [record(0, "lp", "a")])
      .dump("orders/0", [dataEntry(0, { producer: "lp", value: "a" }), markerEntry(1, "tx", 0, 0, "abort")])
    expect(partitionOrderPreserved.always(b.history, configTxn)).toBeUndefined()
  })
})

describe("PartitionOrderPreserved and retries", () => {
  it("takes an idempotent retry's answer as the timed-out send's place, not as a new send after the key's later sends", () => {
    const b = new HistoryBuilder()
      .sendTimedOut("orders/1", { producer: "ip", key: "k2", value: "v0" })
      .send("orders/1@1", { producer: "p", key: "k2", value: "v1" })
      .retry("ip", "orders/1@0", { key: "k2", value: "v0" })
    expect(partitionOrderPreserved.always(b.history, configTxn)).toBeUndefined()
  })
})

describe("PartitionOrderPreserved leaves aborted reads to AbortedRecordsAreNeverReadCommitted", () => {
  it("does not call a read_committed delivery of an aborted record a gap, but names the offset past the skipped ones", () => {
    const b = committedAbortedPlain().join("audit", "c", 1, both).poll("audit", "c", ["orders/0@0", "orders/0@2", "orders/0@4"])
    expect(partitionOrderPreserved.always(b.history, configTxn)).toBeUndefined()
    const late = committedAbortedPlain().send("orders/1@0", { producer: "q", value: "w" }).send("orders/0@5", { producer: "q", value: "v" })
      .join("audit", "c", 1, both)
      .poll("audit", "c", ["orders/0@0"])
      .poll("audit", "c", ["orders/0@5"])
    expect(partitionOrderPreserved.always(late.history, configTxn)?.message).toBe(
      "member c of audit was delivered orders/0@5 right after orders/0@0 in an earlier poll of the same generation, with no seek between (expected offset 4)"
    )
    const committedPast = committedAbortedPlain().send("orders/1@0", { producer: "q", value: "w" }).send("orders/0@5", { producer: "q", value: "v" })
      .join("audit", "c", 1, both)
      .commit("audit", "c", 1, ["orders/0@1"])
      .poll("audit", "c", ["orders/0@5"])
    expect(partitionOrderPreserved.always(committedPast.history, configTxn)?.message).toBe(
      "member c of audit was delivered orders/0 from orders/0@5, but its own group's history puts it at offset 4: audit committed it at step 13, and offsets 1 to 3 hold only markers or records it skips"
    )
  })
})
