import { describe, expect, it } from "vitest"
import { atLeastOnceCanDuplicate as check } from "./atLeastOnceCanDuplicate.ts"
import { configTest } from "./internal/configTest.ts"
import { HistoryBuilder } from "./internal/historyBuilder.ts"

const all = ["orders/0", "orders/1"]

describe("AtLeastOnceCanDuplicate", () => {
  it("holds, and the witness fires, when a record processed but not committed is redelivered after a crash", () => {
    const history = new HistoryBuilder()
      .send("orders/0@0")
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/0@0"])
      .process("billing", "a", "orders/0@0")
      .crash("billing", "a")
      .advance(1000, 1000, [{ group: "billing", member: "a" }], [{ group: "billing", generation: 2 }])
      .join("billing", "drainer", 3, all)
      .poll("billing", "drainer", ["orders/0@0"])
      .process("billing", "drainer", "orders/0@0")
      .commit("billing", "drainer", 3, ["orders/0@1"]).history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(true)
  })

  it("accepts a duplicate after a seek back, and two copies held across a rebalance", () => {
    const history = new HistoryBuilder()
      .send("orders/0@0")
      .send("orders/1@0")
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/0@0", "orders/1@0"])
      .process("billing", "a", "orders/0@0")
      .seek("billing", "a", "orders/0@0")
      .poll("billing", "a", ["orders/0@0"])
      .process("billing", "a", "orders/0@0")
      .join("billing", "b", 2, ["orders/1"])
      .leave("billing", "b", 3)
      .rebalancing("billing", "a", 3, all)
      .poll("billing", "a", ["orders/0@0", "orders/1@0"])
      .process("billing", "a", "orders/1@0")
      .process("billing", "a", "orders/1@0").history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(true)
  })

  it("holds vacuously when every record is processed once", () => {
    const history = new HistoryBuilder()
      .send("orders/0@0")
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/0@0"])
      .process("billing", "a", "orders/0@0")
      .commit("billing", "a", 1, ["orders/0@1"]).history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(false)
  })

  it("is violated by a reprocessing after a redelivery that nothing explains", () => {
    const b = new HistoryBuilder()
      .send("orders/0@0")
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/0@0"])
      .process("billing", "a", "orders/0@0")
      .commit("billing", "a", 1, ["orders/0@1"])
      .poll("billing", "a", ["orders/0@0"])
      .process("billing", "a", "orders/0@0")
    expect(check.always(b.history, configTest)).toEqual({
      step: 6,
      message:
        "at-least-once group billing processed orders/0@0 a 2nd time (member a), but its redelivery at step 6 followed no crash, leave, join, expiry, rebalance or seek back in billing since its delivery at step 3"
    })
  })

  it("is violated by a reprocessing without any new delivery", () => {
    const b = new HistoryBuilder()
      .send("orders/1@0")
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/1@0"])
      .process("billing", "a", "orders/1@0")
      .crash("billing", "a")
      .process("billing", "a", "orders/1@0")
    const violation = check.always(b.history, configTest)
    expect(violation?.step).toBe(5)
    expect(violation?.message).toContain("orders/1@0")
    expect(violation?.message).toContain("delivered to billing only 1 time(s)")
  })

  it("is violated when the seek between deliveries went to a later offset", () => {
    const b = new HistoryBuilder()
      .send("orders/0@0")
      .send("orders/0@1")
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/0@0", "orders/0@1"])
      .process("billing", "a", "orders/0@0")
      .seek("billing", "a", "orders/0@1")
      .poll("billing", "a", ["orders/0@0"])
      .process("billing", "a", "orders/0@0")
    const violation = check.always(b.history, configTest)
    expect(violation?.step).toBe(7)
    expect(violation?.message).toContain("redelivery at step 7")
  })
})
