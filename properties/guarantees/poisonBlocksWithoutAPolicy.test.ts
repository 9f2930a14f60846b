import { describe, expect, it } from "vitest"
import type { Config } from "../../spec/index.ts"
import { configFailure as config } from "./internal/configFailure.ts"
import { HistoryBuilder } from "./internal/historyBuilder.ts"
import { poisonBlocksWithoutAPolicy as check } from "./poisonBlocksWithoutAPolicy.ts"

const all = ["orders/0", "orders/1"]

/** naive's member a is delivered the poison record orders/0@0 and orders/0@1 behind it, and fails the poison one twice in place. */
const blocked = () =>
  new HistoryBuilder()
    .send("orders/0@0", { value: "poison-0" })
    .send("orders/0@1")
    .join("naive", "a", 1, all)
    .poll("naive", "a", ["orders/0@0", "orders/0@1"])
    .processFailed("naive", "a", "orders/0@0", "poison", 1)
    .processFailed("naive", "a", "orders/0@0", "poison", 2)

describe("PoisonBlocksWithoutAPolicy", () => {
  it("holds and is witnessed when the drained group stays committed at the poison record with the record behind it unprocessed", () => {
    const b = blocked().commit("naive", "a", 1, ["orders/0@0"]).poll("naive", "a", [])
    expect(check.undrainedOf?.(b.history, config)).toEqual(new Map())
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(true)
  })

  it("is not witnessed when the record behind was processed, nor before the group is drained", () => {
    const processed = blocked().process("naive", "a", "orders/0@1").commit("naive", "a", 1, ["orders/0@0"]).poll("naive", "a", [])
    expect(check.always(processed.history, config)).toBeUndefined()
    expect(check.sometimes(processed.history, config)).toBe(false)
    const undrained = blocked()
    expect(check.undrainedOf?.(undrained.history, config).get("naive")).toContain("polled nothing at its last poll")
    expect(check.sometimes(undrained.history, config)).toBe(false)
  })

  it("is violated by a group with a failure config processing a poison record (mutant:poison-processed)", () => {
    for (const group of ["naive", "billing", "audit"]) {
      const b = new HistoryBuilder()
        .send("orders/1@0", { value: "poison-0" })
        .join(group, "a", 1, all)
        .poll(group, "a", ["orders/1@0"])
        .process(group, "a", "orders/1@0")
      expect(check.always(b.history, config), group).toEqual({
        step: 3,
        message: `member a of ${group} processed the poison record orders/1@0 (value "poison-0"), but a group with a failure config fails every attempt at it`
      })
    }
    // A group without a failure config processes a poison record like any other.
    const reader = new HistoryBuilder().send("billing-dlt/0@0", { value: "poison-0" }).join("reader", "a", 1, ["billing-dlt/0"]).poll("reader", "a", ["billing-dlt/0@0"]).process("reader", "a", "billing-dlt/0@0")
    expect(check.always(reader.history, config)).toBeUndefined()
  })

  it("is violated by a dead-lettering under policy none", () => {
    const b = blocked().deadLettered("naive", "a", "orders/0@0", "poison", 2, "billing-dlt/0@0")
    expect(check.always(b.history, config)).toEqual({
      step: 6,
      message: "member a of naive dead-lettered orders/0@0, but naive's failure policy is none: it retries in place, it has no dead-letter topic"
    })
  })

  it("is violated by a drained policy-none group that committed past a poison record", () => {
    const b = blocked().process("naive", "a", "orders/0@1").commit("naive", "a", 1, ["orders/0@2"]).poll("naive", "a", [])
    expect(check.always(b.history, config)).toEqual({
      step: b.step - 1,
      message: "at-least-once group naive (policy none) committed orders/0 at 2 (step 8, member a), past the poison record orders/0@0 (sent at step 1) it can never process: expected its commits to stay at or below 0"
    })
  })

  it("does not judge a poison record a reset of the group's polls skipped (retention deleted it before the drain read it)", () => {
    const retained: Config = { ...config, topics: config.topics.map((t) => (t.name === "orders" ? { ...t, retentionRecordsMax: 2 } : t)) }
    const crashed = () =>
      new HistoryBuilder()
        .send("orders/0@0", { value: "poison-0" })
        .join("naive", "a", 1, all)
        .poll("naive", "a", ["orders/0@0"])
        .processFailed("naive", "a", "orders/0@0", "poison", 1)
        .commit("naive", "a", 1, ["orders/0@0"])
        .crash("naive", "a")
        .send("orders/0@1")
        .send("orders/0@2")
        .join("naive", "b", 2, all)
    const b = crashed()
      .pollReset("naive", "b", [], [{ topic: "orders", partition: 0, from: 0, to: 3 }])
      .commit("naive", "b", 2, ["orders/0@3"])
      .poll("naive", "b", [])
    expect(check.undrainedOf?.(b.history, retained)).toEqual(new Map())
    expect(check.always(b.history, retained)).toBeUndefined()
    // The same commit without the reset skipping the poison record passes it.
    const unreset = crashed().poll("naive", "b", []).commit("naive", "b", 2, ["orders/0@3"]).poll("naive", "b", [])
    expect(check.always(unreset.history, retained)?.message).toContain("committed orders/0 at 3 (step 11, member b), past the poison record orders/0@0")
  })
})
