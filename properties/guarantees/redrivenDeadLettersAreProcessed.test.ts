import { describe, expect, it } from "vitest"
import type { Config } from "../../spec/index.ts"
import { configFailure } from "./internal/configFailure.ts"
import { dataEntry, HistoryBuilder } from "./internal/historyBuilder.ts"
import { redrivenDeadLettersAreProcessed as check } from "./redrivenDeadLettersAreProcessed.ts"

/** configFailure with billing's breaker left out, so its downstream failures only back off. */
const config: Config = {
  ...configFailure,
  groups: configFailure.groups.map((g) => {
    if (g.name !== "billing" || g.failure === undefined) return g
    const { breaker: _breaker, ...failure } = g.failure
    return { ...g, failure }
  })
}
const all = ["orders/0", "orders/1"]

/** billing's downstream is down while member a fails orders/0@0 (key k) three times; it dead-letters it to billing-dlt/0@0 and commits past it. */
const deadLettered = () =>
  new HistoryBuilder()
    .send("orders/0@0", { key: "k" })
    .join("billing", "a", 1, all)
    .poll("billing", "a", ["orders/0@0"])
    .downstream("billing", false)
    .processFailed("billing", "a", "orders/0@0", "downstream", 1, 1000)
    .advance(1000, 1000)
    .processFailed("billing", "a", "orders/0@0", "downstream", 2, 3000)
    .advance(2000, 3000)
    .deadLettered("billing", "a", "orders/0@0", "downstream", 3, "billing-dlt/0@0")
    .commit("billing", "a", 1, ["orders/0@1"])

/** The downstream comes back, the record is redriven to orders/0@1 and processed there. */
const redrivenAndProcessed = () =>
  deadLettered()
    .downstream("billing", true)
    .redrive("billing", [["billing-dlt/0@0", "orders/0@1"]])
    .poll("billing", "a", ["orders/0@1"])
    .process("billing", "a", "orders/0@1")
    .commit("billing", "a", 1, ["orders/0@2"])
    .poll("billing", "a", [])

describe("RedrivenDeadLettersAreProcessed", () => {
  it("holds and is witnessed when a record dead-lettered while the downstream was down is redriven after it came back and processed", () => {
    const b = redrivenAndProcessed().dump("orders/0", [dataEntry(0, { key: "k" }), dataEntry(1, { producer: "dead-letter:billing", key: "k", value: "v0" })])
    expect(config.groups[0].failure?.breaker).toBeUndefined()
    expect(check.undrainedOf?.(b.history, config).has("billing")).toBe(false)
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(true)
  })

  it("is not witnessed when the redrive came while the downstream was still down, or the record was dead-lettered with the downstream up", () => {
    const early = deadLettered()
      .redrive("billing", [["billing-dlt/0@0", "orders/0@1"]])
      .downstream("billing", true)
      .poll("billing", "a", ["orders/0@1"])
      .process("billing", "a", "orders/0@1")
    expect(check.always(early.history, config)).toBeUndefined()
    expect(check.sometimes(early.history, config)).toBe(false)
    const poison = new HistoryBuilder()
      .send("orders/0@0", { value: "poison-0" })
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/0@0"])
      .deadLettered("billing", "a", "orders/0@0", "poison", 3, "billing-dlt/0@0")
      .redrive("billing", [["billing-dlt/0@0", "orders/0@1"]])
      .poll("billing", "a", ["orders/0@1"])
      .deadLettered("billing", "a", "orders/0@1", "poison", 3, "billing-dlt/0@1")
      .commit("billing", "a", 1, ["orders/0@2"])
      .poll("billing", "a", [])
    // A redriven poison record need not be processed: it is dead-lettered again.
    expect(check.always(poison.history, config)).toBeUndefined()
    expect(check.sometimes(poison.history, config)).toBe(false)
  })

  it("is violated by a redrive that leaves out a dead-lettering (mutant:redrive-drops)", () => {
    const b = deadLettered().redrive("billing", [])
    expect(check.always(b.history, config)).toEqual({
      step: 10,
      message: "DeadLetterRedrive of billing listed 0 records, but it had not redriven billing-dlt/0@0 (the dead-lettering of orders/0@0 at step 9) yet"
    })
  })

  it("is violated by a redrive that lists a dead-lettering out of order, twice, or one that is not there", () => {
    const twice = redrivenAndProcessed().redrive("billing", [["billing-dlt/0@0", "orders/0@2"]])
    expect(check.always(twice.history, config)).toEqual({
      step: 16,
      message: "DeadLetterRedrive of billing listed billing-dlt/0@0 1st, but billing has only 0 dead-letterings no earlier redrive listed"
    })
    const other = deadLettered().redrive("billing", [["billing-dlt/0@3", "orders/0@1"]])
    expect(check.always(other.history, config)?.message).toBe(
      "DeadLetterRedrive of billing listed billing-dlt/0@3 1st, but expected billing-dlt/0@0 (the dead-lettering of orders/0@0 at step 9)"
    )
  })

  it("is violated by a redriven record put in another partition, or at a place already taken", () => {
    const moved = deadLettered().redrive("billing", [["billing-dlt/0@0", "orders/1@0"]])
    expect(check.always(moved.history, config)).toEqual({
      step: 10,
      message: "DeadLetterRedrive of billing returned billing-dlt/0@0 to orders/1@0, but its original orders/0@0 came from orders/0"
    })
    const taken = deadLettered().redrive("billing", [["billing-dlt/0@0", "orders/0@0"]])
    expect(check.always(taken.history, config)?.message).toBe(
      "DeadLetterRedrive of billing returned billing-dlt/0@0 to orders/0@0, but orders/0 already held offset 0 (expected a new place at 1 or later)"
    )
  })

  it("is violated by a dump whose entry at the redriven place does not hold the original's key and value", () => {
    const b = redrivenAndProcessed().dump("orders/0", [dataEntry(0, { key: "k" }), dataEntry(1, { producer: "dead-letter:billing", key: "k", value: "other" })])
    expect(check.always(b.history, config)).toEqual({
      step: 16,
      message: "the dump of orders/0 shows key \"k\" and value \"other\" at orders/0@1, but the redrive of step 12 put billing-dlt/0@0 (the dead-lettering of orders/0@0 at step 9) there with key \"k\" and value \"v0\""
    })
    // Retention may delete it before the dump: a dump that starts past it says nothing.
    const retained = redrivenAndProcessed().send("orders/0@2").dumpRetained("orders/0", [dataEntry(2)], 3, 2)
    expect(check.always(retained.history, config)).toBeUndefined()
  })

  it("is violated by a redriven record a drained at-least-once group never processed nor dead-lettered again", () => {
    const b = deadLettered()
      .downstream("billing", true)
      .redrive("billing", [["billing-dlt/0@0", "orders/0@1"]])
      .poll("billing", "a", [])
    expect(check.undrainedOf?.(b.history, config).has("billing")).toBe(false)
    expect(check.always(b.history, config)).toEqual({
      step: b.step - 1,
      message: "at-least-once group billing never processed nor dead-lettered again orders/0@1, where the redrive of step 12 returned billing-dlt/0@0 (the dead-lettering of orders/0@0 at step 9), by the end of the history"
    })
  })

  it("does not hold an at-most-once group to processing a redriven record it skipped with a seek forward (it may lose any record)", () => {
    const b = new HistoryBuilder()
      .send("orders/0@0", { key: "k" })
      .join("audit", "a", 1, all)
      .poll("audit", "a", ["orders/0@0"])
      .commit("audit", "a", 1, ["orders/0@1"])
      .downstream("audit", false)
      .deadLettered("audit", "a", "orders/0@0", "breaker-open", 0, "audit-dlt/0@0")
      .downstream("audit", true)
      .redrive("audit", [["audit-dlt/0@0", "orders/0@1"]])
      .seek("audit", "a", "orders/0@2")
      .commit("audit", "a", 1, ["orders/0@2"])
      .poll("audit", "a", [])
    expect(check.undrainedOf?.(b.history, config).has("audit")).toBe(false)
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(false)
  })
})
