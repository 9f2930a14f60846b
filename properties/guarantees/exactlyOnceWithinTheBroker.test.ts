import { describe, expect, it } from "vitest"
import { exactlyOnceWithinTheBroker as check } from "./exactlyOnceWithinTheBroker.ts"
import { configTxn } from "./internal/configTxn.ts"
import { drainedGroupsOf, undrainedGroupsOf } from "./internal/drainedGroups.ts"
import { dataEntry, HistoryBuilder, markerEntry } from "./internal/historyBuilder.ts"

const result = (offset: number, producer: string, producerId: number, epoch: number, input: string) =>
  dataEntry(offset, { producer, value: input, id: [producerId, epoch, 0], transactional: true })

/**
 * eo's member a processes payments/0@0 and crashes mid-transaction; it
 * rejoins, its producer's new epoch aborts the open transaction, and it
 * processes the input again and commits result and offsets together.
 */
const crashAndRedo = () =>
  new HistoryBuilder()
    .send("payments/0@0", { value: "pay" })
    .join("eo", "a", 1, ["payments/0"])
    .init("eo/a", 0, 0)
    .begin("eo/a")
    .poll("eo", "a", ["payments/0@0"])
    .processTo("eo", "a", "payments/0@0", "results/0@0")
    .crash("eo", "a")
    .join("eo", "a", 2, ["payments/0"])
    .init("eo/a", 0, 1, ["results/0@1"])
    .begin("eo/a")
    .poll("eo", "a", ["payments/0@0"])
    .processTo("eo", "a", "payments/0@0", "results/0@2")
    .sendOffsets("eo/a", "eo", "a", 2, ["payments/0@1"])
    .txnCommit("eo/a", ["results/0@3"])
    .poll("eo", "a", [])

const dumps = (b: HistoryBuilder, results: Parameters<HistoryBuilder["dump"]>[1]) =>
  b.dump("payments/0", [dataEntry(0, { value: "pay" })]).dump("results/0", results).fetched("eo", ["payments/0@1"])

describe("ExactlyOnceWithinTheBroker", () => {
  it("holds, and the witness fires, when an aborted input was processed again and has one committed result", () => {
    const b = dumps(crashAndRedo(), [
      result(0, "eo/a", 0, 0, "payments/0@0"),
      markerEntry(1, "eo/a", 0, 1, "abort"),
      result(2, "eo/a", 0, 1, "payments/0@0"),
      markerEntry(3, "eo/a", 0, 1, "commit")
    ])
    expect(drainedGroupsOf(b.history, configTxn).has("eo")).toBe(true)
    expect(check.always(b.history, configTxn)).toBeUndefined()
    expect(check.sometimes(b.history, configTxn)).toBe(true)
  })

  it("does not witness in a history whose drain does not cover the group (always does not judge it either)", () => {
    const b = crashAndRedo().dump("results/0", [
      result(0, "eo/a", 0, 0, "payments/0@0"),
      markerEntry(1, "eo/a", 0, 1, "abort"),
      result(2, "eo/a", 0, 1, "payments/0@0"),
      markerEntry(3, "eo/a", 0, 1, "commit")
    ])
    expect(undrainedGroupsOf(b.history, configTxn).get("eo")).toBe("no dump of payments/0 shows it whole after its last append")
    expect(check.always(b.history, configTxn)).toBeUndefined()
    expect(check.sometimes(b.history, configTxn)).toBe(false)
  })

  it("is violated when an input has no committed result, and when the aborted result is stored as committed", () => {
    const none = dumps(crashAndRedo(), [
      result(0, "eo/a", 0, 0, "payments/0@0"),
      markerEntry(1, "eo/a", 0, 1, "abort"),
      result(2, "eo/a", 0, 1, "payments/0@0"),
      markerEntry(3, "eo/a", 0, 1, "abort")
    ])
    expect(check.always(none.history, configTxn)).toEqual({
      step: none.history.length - 1,
      message: "exactly-once group eo's input payments/0@0 has no committed result in results by the end of the history"
    })
    const two = dumps(crashAndRedo(), [
      result(0, "eo/a", 0, 0, "payments/0@0"),
      markerEntry(1, "eo/a", 0, 1, "commit"),
      result(2, "eo/a", 0, 1, "payments/0@0"),
      markerEntry(3, "eo/a", 0, 1, "commit")
    ])
    expect(check.always(two.history, configTxn)?.message).toBe(
      "exactly-once group eo's input payments/0@0 has 2 committed results (results/0@0, results/0@2) in results by the end of the history"
    )
    expect(check.sometimes(two.history, configTxn)).toBe(false)
  })

  it("is violated by the offsets-ignore-generation story: a zombie's stale offsets commit a second result", () => {
    const b = new HistoryBuilder()
      .send("payments/0@0", { value: "pay" })
      .join("eo", "a", 1, ["payments/0"])
      .init("eo/a", 0, 0)
      .begin("eo/a")
      .poll("eo", "a", ["payments/0@0"])
      .processTo("eo", "a", "payments/0@0", "results/0@0")
      .advance(1000, 1000, [{ group: "eo", member: "a" }], [{ group: "eo", generation: 2 }])
      .join("eo", "b", 3, ["payments/0"])
      .init("eo/b", 1, 0)
      .begin("eo/b")
      .poll("eo", "b", ["payments/0@0"])
      .processTo("eo", "b", "payments/0@0", "results/0@1")
      .sendOffsets("eo/b", "eo", "b", 3, ["payments/0@1"])
      .txnCommit("eo/b", ["results/0@2"])
      .sendOffsets("eo/a", "eo", "a", 1, ["payments/0@1"])
      .txnCommit("eo/a", ["results/0@3"])
      .poll("eo", "b", [])
    dumps(b, [
      result(0, "eo/a", 0, 0, "payments/0@0"),
      result(1, "eo/b", 1, 0, "payments/0@0"),
      markerEntry(2, "eo/b", 1, 0, "commit"),
      markerEntry(3, "eo/a", 0, 0, "commit")
    ])
    expect(check.always(b.history, configTxn)?.message).toBe(
      "exactly-once group eo's input payments/0@0 has 2 committed results (results/0@0, results/0@1) in results by the end of the history"
    )
  })

  it("is violated by a committed result of no input", () => {
    const b = dumps(crashAndRedo(), [
      result(0, "eo/a", 0, 0, "payments/0@9"),
      markerEntry(1, "eo/a", 0, 1, "abort"),
      result(2, "eo/a", 0, 1, "payments/0@0"),
      markerEntry(3, "eo/a", 0, 1, "commit"),
      result(4, "eo/a", 0, 1, "payments/0@7"),
      markerEntry(5, "eo/a", 0, 1, "commit")
    ])
    expect(check.always(b.history, configTxn)?.message).toBe(
      'results/0@4, a committed result of exactly-once group eo (value "payments/0@7"), is the result of no input eo reads'
    )
  })

  it("judges no group whose results the history does not show (no dump, an open transaction not yet timed out), but judges the timeout-never-fires story", () => {
    const undumped = crashAndRedo()
    expect(undrainedGroupsOf(undumped.history, configTxn).get("eo")).toBe("no dump of payments/0 shows it whole after its last append")
    expect(check.always(undumped.history, configTxn)).toBeUndefined()
    const open = new HistoryBuilder()
      .send("payments/0@0", { value: "pay" })
      .join("eo", "a", 1, ["payments/0"])
      .init("eo/a", 0, 0)
      .begin("eo/a")
      .poll("eo", "a", ["payments/0@0"])
      .processTo("eo", "a", "payments/0@0", "results/0@0")
      .sendOffsets("eo/a", "eo", "a", 1, ["payments/0@1"])
      .poll("eo", "a", [])
    // Sessions outlive the transaction timeout here, so only the transaction can time out.
    const config = { ...configTxn, sessionTimeoutMs: 10_000 }
    expect(undrainedGroupsOf(open.history, config).get("eo")).toBe(
      "eo/a's transaction, open since step 6 and not timed out, holds offsets of eo"
    )
    open.advance(5000, 5000).poll("eo", "a", [])
    dumps(open, [result(0, "eo/a", 0, 0, "payments/0@0")])
    expect(check.always(open.history, config)?.message).toBe(
      "exactly-once group eo's input payments/0@0 has no committed result in results by the end of the history"
    )
  })
})
