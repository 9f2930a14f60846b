import { describe, expect, it } from "vitest"
import type { DeadLetterHeader } from "../../spec/index.ts"
import { deadLettersAreNeverLost as check } from "./deadLettersAreNeverLost.ts"
import { configFailure as config } from "./internal/configFailure.ts"
import { dataEntry, HistoryBuilder } from "./internal/historyBuilder.ts"

const all = ["orders/0", "orders/1"]
const header: DeadLetterHeader = { group: "billing", topic: "orders", partition: 0, offset: 0, cause: "poison", attempts: 3 }
const published = dataEntry(0, { producer: "dead-letter:billing", key: "k", value: "poison-0", deadLetter: header })

/** billing's member a fails the poison record orders/0@0 (key k) three times, backing off, and dead-letters it to billing-dlt/0@0 at 3000 ms. */
const deadLettered = () =>
  new HistoryBuilder()
    .send("orders/0@0", { key: "k", value: "poison-0" })
    .join("billing", "a", 1, all)
    .poll("billing", "a", ["orders/0@0"])
    .processFailed("billing", "a", "orders/0@0", "poison", 1, 1000)
    .advance(1000, 1000)
    .processFailed("billing", "a", "orders/0@0", "poison", 2, 3000)
    .advance(2000, 3000)
    .deadLettered("billing", "a", "orders/0@0", "poison", 3, "billing-dlt/0@0")

describe("DeadLettersAreNeverLost", () => {
  it("holds and is witnessed when the dump of the dead-letter topic holds the record with its header", () => {
    const b = deadLettered().dump("billing-dlt/0", [published]).dump("audit-dlt/0", [])
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(true)
    expect(check.undrainedOf?.(b.history, config)).toEqual(new Map())
  })

  it("is not judged on the dump, nor witnessed, before the dead-letter topics are dumped", () => {
    const b = deadLettered()
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(false)
    expect(check.undrainedOf?.(b.history, config)).toEqual(new Map([
      ["billing", "no dump of billing-dlt/0 shows it whole after its last append"],
      ["audit", "no dump of audit-dlt/0 shows it whole after its last append"]
    ]))
  })

  it("is not witnessed by a breaker-open dead-lettering alone", () => {
    const b = new HistoryBuilder()
      .send("orders/0@0")
      .join("audit", "a", 1, all)
      .poll("audit", "a", ["orders/0@0"])
      .deadLettered("audit", "a", "orders/0@0", "breaker-open", 0, "audit-dlt/0@0")
      .dump("audit-dlt/0", [dataEntry(0, { producer: "dead-letter:audit", deadLetter: { group: "audit", topic: "orders", partition: 0, offset: 0, cause: "breaker-open", attempts: 0 } })])
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(false)
  })

  it("is violated by a dead-lettering outside the group's dead-letter topic, or by a group without one", () => {
    const other = deadLettered().history.slice(0, -1)
    const b = new HistoryBuilder()
    for (const entry of other) b.entry(entry.command, entry.response)
    b.deadLettered("billing", "a", "orders/0@0", "poison", 3, "audit-dlt/0@0")
    expect(check.always(b.history, config)).toEqual({
      step: 7,
      message: "member a of billing dead-lettered orders/0@0 to audit-dlt/0@0, but billing's dead-letter topic is billing-dlt"
    })
    const naive = new HistoryBuilder()
      .send("orders/0@0", { value: "poison-0" })
      .join("naive", "a", 1, all)
      .poll("naive", "a", ["orders/0@0"])
      .deadLettered("naive", "a", "orders/0@0", "poison", 1, "billing-dlt/0@0")
    expect(check.always(naive.history, config)?.message).toBe(
      "member a of naive dead-lettered orders/0@0 to billing-dlt/0@0, but naive's dead-letter topic is none (its policy has none)"
    )
  })

  it("is violated by a place another dead-lettering named", () => {
    const b = deadLettered()
      .send("orders/1@0", { value: "poison-0" })
      .poll("billing", "a", ["orders/1@0"])
      .processFailed("billing", "a", "orders/1@0", "poison", 1, 4000)
      .advance(1000, 4000)
      .processFailed("billing", "a", "orders/1@0", "poison", 2, 6000)
      .advance(2000, 6000)
      .deadLettered("billing", "a", "orders/1@0", "poison", 3, "billing-dlt/0@0")
    expect(check.always(b.history, config)).toEqual({
      step: 14,
      message: "member a of billing dead-lettered orders/1@0 to billing-dlt/0@0, but the dead-lettering of orders/0@0 by member a of billing (step 8) already named that place"
    })
  })

  it("is violated by a cause that does not match the record (poison exactly for a poison record)", () => {
    const wrong = new HistoryBuilder()
      .send("orders/0@0", { value: "poison-0" })
      .join("audit", "a", 1, all)
      .poll("audit", "a", ["orders/0@0"])
      .processFailed("audit", "a", "orders/0@0", "poison", 1, 500)
      .advance(500, 500)
      .deadLettered("audit", "a", "orders/0@0", "downstream", 2, "audit-dlt/0@0")
    expect(check.always(wrong.history, config)).toEqual({
      step: 5,
      message: "member a of audit dead-lettered orders/0@0 to audit-dlt/0@0 with cause downstream, but its value \"poison-0\" is poison"
    })
    const plain = new HistoryBuilder()
      .send("orders/0@0")
      .join("audit", "a", 1, all)
      .poll("audit", "a", ["orders/0@0"])
      .deadLettered("audit", "a", "orders/0@0", "poison", 2, "audit-dlt/0@0")
    expect(check.always(plain.history, config)?.message).toBe(
      "member a of audit dead-lettered orders/0@0 to audit-dlt/0@0 with cause poison, but its value \"v0\" is not poison"
    )
  })

  it("is violated by attempts other than attemptsMax (mutant:dead-letter-attempts-wrong), or, for breaker-open, than the attempts made", () => {
    const b = new HistoryBuilder()
      .send("orders/0@0", { value: "poison-0" })
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/0@0"])
      .processFailed("billing", "a", "orders/0@0", "poison", 1, 1000)
      .advance(1000, 1000)
      .deadLettered("billing", "a", "orders/0@0", "poison", 2, "billing-dlt/0@0")
    expect(check.always(b.history, config)).toEqual({
      step: 5,
      message: "member a of billing dead-lettered orders/0@0 to billing-dlt/0@0 after 2 attempts (cause poison), but billing's attemptsMax is 3"
    })
    const breaker = new HistoryBuilder()
      .send("orders/0@0")
      .join("audit", "a", 1, all)
      .poll("audit", "a", ["orders/0@0"])
      .processFailed("audit", "a", "orders/0@0", "downstream", 1, 500)
      .deadLettered("audit", "a", "orders/0@0", "breaker-open", 0, "audit-dlt/0@0")
    expect(check.always(breaker.history, config)?.message).toBe(
      "member a of audit dead-lettered orders/0@0 to audit-dlt/0@0 with cause breaker-open after 0 attempts, but the client had made 1 (attemptsMax 2)"
    )
  })

  it("is violated by a dump that does not hold the published record (mutant:dead-letter-unpublished)", () => {
    const b = deadLettered().dump("billing-dlt/0", [])
    expect(check.always(b.history, config)).toEqual({
      step: 8,
      message: "the dump of billing-dlt/0@0 shows nothing there, but the dead-lettering of orders/0@0 by member a of billing (step 8) published its record there"
    })
  })

  it("is violated by a dumped record without the original's key and value, the answer's header, or the group's producer", () => {
    const value = deadLettered().dump("billing-dlt/0", [dataEntry(0, { producer: "dead-letter:billing", key: "k", value: "v0", deadLetter: header })])
    expect(check.always(value.history, config)?.message).toBe(
      "the dump of billing-dlt/0@0 shows a record with key \"k\" and value \"v0\", not the original's key \"k\" and value \"poison-0\", published by the dead-lettering of orders/0@0 by member a of billing (step 8)"
    )
    const wrongHeader = deadLettered().dump("billing-dlt/0", [dataEntry(0, { producer: "dead-letter:billing", key: "k", value: "poison-0", deadLetter: { ...header, attempts: 1 } })])
    expect(check.always(wrongHeader.history, config)?.message).toBe(
      "the dump of billing-dlt/0@0 shows a record with header { group billing, orders/0@0, cause poison, attempts 1 }, not header { group billing, orders/0@0, cause poison, attempts 3 }, published by the dead-lettering of orders/0@0 by member a of billing (step 8)"
    )
    const noHeader = deadLettered().dump("billing-dlt/0", [dataEntry(0, { producer: "dead-letter:billing", key: "k", value: "poison-0" })])
    expect(check.always(noHeader.history, config)?.message).toContain("shows a record with no header, not header {")
    const producer = deadLettered().dump("billing-dlt/0", [dataEntry(0, { key: "k", value: "poison-0", deadLetter: header })])
    expect(check.always(producer.history, config)?.message).toContain("shows a record with producer p, not dead-letter:billing")
  })

  it("is violated by a record of a dead-letter topic that no dead-lettering names", () => {
    const b = new HistoryBuilder().send("billing-dlt/0@0").dump("billing-dlt/0", [dataEntry(0)])
    expect(check.always(b.history, config)).toEqual({
      step: 1,
      message: "the dump of dead-letter topic billing-dlt shows a record by p at billing-dlt/0@0, but no dead-lettering of billing before it names that place"
    })
  })
})
