import { describe, expect, it } from "vitest"
import type { Config } from "../../spec/index.ts"
import { configFailure as config } from "./internal/configFailure.ts"
import { HistoryBuilder } from "./internal/historyBuilder.ts"
import { poisonMessagesDoNotBlockThePartition as check } from "./poisonMessagesDoNotBlockThePartition.ts"

const all = ["orders/0", "orders/1"]

/** billing's member a is delivered the poison record orders/0@0 and orders/0@1 behind it, and fails the poison one three times. */
const failedThrice = () =>
  new HistoryBuilder()
    .send("orders/0@0", { value: "poison-0" })
    .send("orders/0@1")
    .join("billing", "a", 1, all)
    .poll("billing", "a", ["orders/0@0", "orders/0@1"])
    .processFailed("billing", "a", "orders/0@0", "poison", 1, 1000)
    .advance(1000, 1000)
    .processFailed("billing", "a", "orders/0@0", "poison", 2, 3000)
    .advance(2000, 3000)

describe("PoisonMessagesDoNotBlockThePartition", () => {
  it("holds and is witnessed when the poison record is dead-lettered, the one behind it processed, and the commit passes both", () => {
    const b = failedThrice()
      .deadLettered("billing", "a", "orders/0@0", "poison", 3, "billing-dlt/0@0")
      .process("billing", "a", "orders/0@1")
      .commit("billing", "a", 1, ["orders/0@2"])
      .poll("billing", "a", [])
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(true)
    expect(check.undrainedOf?.(b.history, config)).toEqual(new Map())
  })

  it("is not witnessed when the record behind was processed before the poison record was dead-lettered", () => {
    const b = failedThrice()
      .process("billing", "a", "orders/0@1")
      .deadLettered("billing", "a", "orders/0@0", "poison", 3, "billing-dlt/0@0")
      .commit("billing", "a", 1, ["orders/0@2"])
      .poll("billing", "a", [])
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(false)
  })

  it("is violated by a poison record that was never dead-lettered (mutant:dead-letter-never): the group is stuck on it, and drained so", () => {
    const b = failedThrice()
      .processFailed("billing", "a", "orders/0@0", "poison", 3, 7000)
      .poll("billing", "a", [])
    expect(check.undrainedOf?.(b.history, config)).toEqual(new Map())
    expect(check.always(b.history, config)).toEqual({
      step: b.step - 1,
      message: "at-least-once group billing never dead-lettered the poison record orders/0@0 (sent at step 1) by the end of the history"
    })
  })

  it("is violated by a poison record processed", () => {
    const b = new HistoryBuilder()
      .send("orders/1@0", { value: "poison-0" })
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/1@0"])
      .process("billing", "a", "orders/1@0")
      .commit("billing", "a", 1, ["orders/1@1"])
      .poll("billing", "a", [])
    expect(check.always(b.history, config)).toEqual({
      step: 5,
      message: "at-least-once group billing processed the poison record orders/1@0 (sent at step 1)"
    })
  })

  it("is violated by a record behind the poison record neither processed nor dead-lettered", () => {
    const b = new HistoryBuilder()
      .send("orders/0@0", { value: "poison-0" })
      .send("orders/0@1")
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/0@0"])
      .processFailed("billing", "a", "orders/0@0", "poison", 1, 1000)
      .advance(1000, 1000)
      .processFailed("billing", "a", "orders/0@0", "poison", 2, 3000)
      .advance(2000, 3000)
      .deadLettered("billing", "a", "orders/0@0", "poison", 3, "billing-dlt/0@0")
      .commit("billing", "a", 1, ["orders/0@2"])
      .poll("billing", "a", [])
    expect(check.always(b.history, config)).toEqual({
      step: b.step - 1,
      message: "at-least-once group billing never processed nor dead-lettered orders/0@1 (sent at step 2), behind the poison record orders/0@0, by the end of the history"
    })
  })

  it("is violated when the group's last commit does not pass the poison record", () => {
    const stuck = failedThrice()
      .deadLettered("billing", "a", "orders/0@0", "poison", 3, "billing-dlt/0@0")
      .process("billing", "a", "orders/0@1")
      .commit("billing", "a", 1, ["orders/0@0"])
      .poll("billing", "a", [])
    expect(check.always(stuck.history, config)).toEqual({
      step: stuck.step - 1,
      message: "at-least-once group billing dead-lettered the poison record orders/0@0 (sent at step 1), but its last commit of orders/0 (step 11) is at 0, not past it"
    })
    const never = failedThrice()
      .deadLettered("billing", "a", "orders/0@0", "poison", 3, "billing-dlt/0@0")
      .process("billing", "a", "orders/0@1")
      .poll("billing", "a", [])
    expect(check.always(never.history, config)?.message).toBe(
      "at-least-once group billing dead-lettered the poison record orders/0@0 (sent at step 1), but its last commit of orders/0 never happened, not past it"
    )
  })

  it("does not judge a poison record, nor the records behind it, that a reset of the group's polls skipped", () => {
    const retained: Config = { ...config, topics: config.topics.map((t) => (t.name === "orders" ? { ...t, retentionRecordsMax: 1 } : t)) }
    const skipped = (reset: boolean) => {
      const b = new HistoryBuilder()
        .join("billing", "a", 1, all)
        .poll("billing", "a", [])
        .send("orders/0@0", { value: "poison-0" })
        .send("orders/0@1")
        .send("orders/0@2")
        .seek("billing", "a", "orders/0@0")
      if (reset) b.pollReset("billing", "a", ["orders/0@2"], [{ topic: "orders", partition: 0, from: 0, to: 2 }])
      else b.poll("billing", "a", ["orders/0@2"])
      return b.process("billing", "a", "orders/0@2").commit("billing", "a", 1, ["orders/0@3"]).poll("billing", "a", [])
    }
    expect(check.undrainedOf?.(skipped(true).history, retained)).toEqual(new Map())
    expect(check.always(skipped(true).history, retained)).toBeUndefined()
    // Without the reset, the poison record is owed a dead-lettering.
    expect(check.always(skipped(false).history, retained)?.message).toBe(
      "at-least-once group billing never dead-lettered the poison record orders/0@0 (sent at step 3) by the end of the history"
    )
  })

  it("judges a redriven poison record like a sent one, and only drained groups", () => {
    const b = failedThrice()
      .deadLettered("billing", "a", "orders/0@0", "poison", 3, "billing-dlt/0@0")
      .process("billing", "a", "orders/0@1")
      .commit("billing", "a", 1, ["orders/0@2"])
      .redrive("billing", [["billing-dlt/0@0", "orders/0@2"]])
      .poll("billing", "a", ["orders/0@2"])
      .process("billing", "a", "orders/0@2")
      .commit("billing", "a", 1, ["orders/0@3"])
    expect(check.undrainedOf?.(b.history, config).get("billing")).toContain("polled nothing at its last poll")
    expect(check.always(b.history, config)).toBeUndefined()
    b.poll("billing", "a", [])
    expect(check.always(b.history, config)).toEqual({
      step: b.step - 1,
      message: "at-least-once group billing processed the poison record orders/0@2 (redriven at step 12)"
    })
  })
})
