import { describe, expect, it } from "vitest"
import { guaranteeById } from "../../spec/index.ts"
import { notApplicableReasonOf } from "./applicability.ts"
import { exactlyOnceStopsAtExternalEffects as check } from "./exactlyOnceStopsAtExternalEffects.ts"
import { configEffects, withEffect } from "./internal/configEffects.ts"
import { configTxn } from "./internal/configTxn.ts"
import { drainedGroupsOf, undrainedGroupsOf } from "./internal/drainedGroups.ts"
import { dataEntry, HistoryBuilder, markerEntry } from "./internal/historyBuilder.ts"

const applied = { outcome: "applied", id: "pay" } as const
const result = (offset: number, epoch: number) => dataEntry(offset, { producer: "eo/a", value: "payments/0@0", id: [0, epoch, 0], transactional: true })

/** eo's member a charges for payments/0@0 inside its transaction (result at results/0@0). */
const charged = () =>
  new HistoryBuilder()
    .send("payments/0@0", { value: "pay" })
    .join("eo", "a", 1, ["payments/0"])
    .init("eo/a", 0, 0)
    .begin("eo/a")
    .poll("eo", "a", ["payments/0@0"])
    .processEffect("eo", "a", "payments/0@0", applied, "results/0@0")

/** After the first transaction ended without a commit, a charges again and commits. */
const redoneAfter = (end: (b: HistoryBuilder) => HistoryBuilder) =>
  end(charged())
    .join("eo", "a", 2, ["payments/0"])
    .init("eo/a", 0, 1, ["results/0@1"])
    .begin("eo/a")
    .poll("eo", "a", ["payments/0@0"])
    .processEffect("eo", "a", "payments/0@0", applied, "results/0@2")
    .sendOffsets("eo/a", "eo", "a", 2, ["payments/0@1"])
    .txnCommit("eo/a", ["results/0@3"])
    .poll("eo", "a", [])

/** The drain's observations: both logs whole, the offsets, and the ledger with these entries. */
const observed = (b: HistoryBuilder, ledgerEntries: number, committedFirst = false) =>
  b
    .dump("payments/0", [dataEntry(0, { value: "pay" })])
    .dump("results/0", [result(0, 0), markerEntry(1, "eo/a", 0, 1, committedFirst ? "commit" : "abort"), result(2, 1), markerEntry(3, "eo/a", 0, 1, "commit")])
    .fetched("eo", ["payments/0@1"])
    .effects("eo", { applied: Array.from({ length: ledgerEntries }, () => ({ id: "pay", atMs: 0 })) })

describe("ExactlyOnceStopsAtExternalEffects", () => {
  it("holds and is witnessed: a crash repeats the charge, the output topic keeps one committed result", () => {
    const b = observed(redoneAfter((b) => b.crash("eo", "a")), 2)
    expect(drainedGroupsOf(b.history, configEffects).has("eo")).toBe(true)
    expect(check.always(b.history, configEffects)).toBeUndefined()
    expect(check.sometimes(b.history, configEffects)).toBe(true)
  })

  it("accepts every end of a transaction without a commit before a repeated charge", () => {
    const ends: ReadonlyArray<(b: HistoryBuilder) => HistoryBuilder> = [
      (b) => b.crash("eo", "a"),
      (b) => b.txnAbort("eo/a", ["results/0@1"]),
      (b) => b.producerError({ _tag: "TxnCommit", producer: "eo/a" }, "ProducerFenced", "eo/a"),
      (b) => b.advanceTimingOut(5000, 5000, [{ transactionalId: "eo/a", epoch: 1, markers: [{ topic: "results", partition: 0, offset: 1 }] }])
    ]
    for (const end of ends) expect(check.always(redoneAfter(end).history, configEffects)).toBeUndefined()
    // A new epoch's init aborts the open transaction by itself.
    expect(check.always(redoneAfter((b) => b).history, configEffects)).toBeUndefined()
    // A process that crashed midway (after the charge, its first write) ends its transaction too.
    const midway = new HistoryBuilder()
      .send("payments/0@0", { value: "pay" })
      .join("eo", "a", 1, ["payments/0"])
      .init("eo/a", 0, 0)
      .begin("eo/a")
      .poll("eo", "a", ["payments/0@0"])
      .processCrashed("eo", "a", "payments/0@0", { effect: applied })
      .join("eo", "a", 2, ["payments/0"])
      .init("eo/a", 0, 1)
      .begin("eo/a")
      .poll("eo", "a", ["payments/0@0"])
      .processEffect("eo", "a", "payments/0@0", applied, "results/0@0")
    expect(check.always(midway.history, configEffects)).toBeUndefined()
  })

  it("is violated by a second charge inside the same open transaction", () => {
    const b = charged().processEffect("eo", "a", "payments/0@0", applied, "results/0@1")
    expect(check.always(b.history, configEffects)).toEqual({
      step: 6,
      message:
        "exactly-once group eo applied the effect of payments/0@0 (id \"pay\", member a) a 2nd time, but its application at step 6 (member a) was followed by no crash, abort or fence of its transaction: its transaction had not ended and no rebalance handed the input over (both applying clients are of generation 1)"
    })
  })

  it("holds when a rebalance hands the input to another member while the first transaction is still open (the new owner reads from the committed offsets)", () => {
    const b = charged()
      .join("eo", "b", 2, [])
      .init("eo/b", 1, 0)
      .begin("eo/b")
      .processEffect("eo", "b", "payments/0@0", applied, "results/0@1")
    expect(check.always(b.history, configEffects)).toBeUndefined()
    // A zombie of the older generation charging after the handover, then the new owner: still explained.
    const zombieFirst = new HistoryBuilder()
      .send("payments/0@0", { value: "pay" })
      .join("eo", "a", 1, ["payments/0"])
      .init("eo/a", 0, 0)
      .begin("eo/a")
      .poll("eo", "a", ["payments/0@0"])
      .join("eo", "b", 2, ["payments/0"])
      .processEffect("eo", "a", "payments/0@0", applied, "results/0@0")
      .init("eo/b", 1, 0)
      .begin("eo/b")
      .poll("eo", "b", ["payments/0@0"])
      .processEffect("eo", "b", "payments/0@0", applied, "results/0@1")
    expect(check.always(zombieFirst.history, configEffects)).toBeUndefined()
    // A zombie that fetched the input before the handover may charge even after the new owner committed (its own transaction is fenced).
    const zombieAfterCommit = new HistoryBuilder()
      .send("payments/0@0", { value: "pay" })
      .join("eo", "a", 1, ["payments/0"])
      .init("eo/a", 0, 0)
      .poll("eo", "a", ["payments/0@0"])
      .join("eo", "b", 2, ["payments/0"])
      .init("eo/b", 1, 0)
      .begin("eo/b")
      .poll("eo", "b", ["payments/0@0"])
      .processEffect("eo", "b", "payments/0@0", applied, "results/0@0")
      .sendOffsets("eo/b", "eo", "b", 2, ["payments/0@1"])
      .txnCommit("eo/b", ["results/0@1"])
      .begin("eo/a")
      .processEffect("eo", "a", "payments/0@0", applied, "results/0@2")
    expect(check.always(zombieAfterCommit.history, configEffects)).toBeUndefined()
    // Two clients of one generation: the second charge is a violation.
    const sameGeneration = charged().join("eo", "b", 1, []).init("eo/b", 1, 0).begin("eo/b").processEffect("eo", "b", "payments/0@0", applied, "results/0@1")
    expect(check.always(sameGeneration.history, configEffects)?.step).toBe(9)
  })

  it("is violated by a second charge after the transaction that applied the first committed", () => {
    const b = charged()
      .sendOffsets("eo/a", "eo", "a", 1, ["payments/0@1"])
      .txnCommit("eo/a", ["results/0@1"])
      .begin("eo/a")
      .processEffect("eo", "a", "payments/0@0", applied, "results/0@2")
    expect(check.always(b.history, configEffects)?.message).toBe(
      "exactly-once group eo applied the effect of payments/0@0 (id \"pay\", member a) a 2nd time, but its application at step 6 (member a) was followed by no crash, abort or fence of its transaction: its transaction committed at step 8"
    )
  })

  it("is violated by a drained ledger that does not hold one entry per applied outcome", () => {
    const b = observed(redoneAfter((b) => b.crash("eo", "a")), 1)
    expect(check.always(b.history, configEffects)).toEqual({
      step: b.history.length - 1,
      message: "exactly-once group eo's ledger (EffectsListed at step 19) holds 1 entry of id \"pay\", but the answers report 2 applied outcomes of it (steps 6, 12)"
    })
  })

  it("does not judge the ledger of a group whose effect store is not listed after its last processing, nor witness there", () => {
    const b = redoneAfter((b) => b.crash("eo", "a"))
      .dump("payments/0", [dataEntry(0, { value: "pay" })])
      .dump("results/0", [result(0, 0), markerEntry(1, "eo/a", 0, 1, "abort"), result(2, 1), markerEntry(3, "eo/a", 0, 1, "commit")])
    expect(undrainedGroupsOf(b.history, configEffects).get("eo")).toBe("no ObserverEffects lists eo's effect store after its last processing (step 12)")
    expect(check.always(b.history, configEffects)).toBeUndefined()
    expect(check.sometimes(b.history, configEffects)).toBe(false)
  })

  it("does not witness a single charge, nor a repeated one whose input has two committed results", () => {
    const once = charged().sendOffsets("eo/a", "eo", "a", 1, ["payments/0@1"]).txnCommit("eo/a", ["results/0@1"]).poll("eo", "a", [])
      .dump("payments/0", [dataEntry(0, { value: "pay" })]).dump("results/0", [result(0, 0), markerEntry(1, "eo/a", 0, 0, "commit")])
      .effects("eo", { applied: [{ id: "pay", atMs: 0 }] })
    expect(drainedGroupsOf(once.history, configEffects).has("eo")).toBe(true)
    expect(check.sometimes(once.history, configEffects)).toBe(false)
    const twice = observed(redoneAfter((b) => b.crash("eo", "a")), 2, true)
    expect(check.sometimes(twice.history, configEffects)).toBe(false)
  })

  it("does not judge an exactly-once group whose effect has another remedy", () => {
    const keyed = withEffect("eo", { remedy: "idempotency-key" })
    expect(check.always(charged().processEffect("eo", "a", "payments/0@0", applied, "results/0@1").history, keyed)).toBeUndefined()
  })

  it("is n/a without an exactly-once group whose effect has remedy none", () => {
    const reason = (config: typeof configTxn) => notApplicableReasonOf(guaranteeById(check.id), check, config)
    expect(reason(configEffects)).toBeUndefined()
    expect(reason(configTxn)).toBe("needs an exactly-once group that reads a topic with an effect of remedy \"none\"; the config has none")
  })
})
