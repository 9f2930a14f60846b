import { describe, expect, it } from "vitest"
import { deliveriesFollowAssignment as check } from "./deliveriesFollowAssignment.ts"
import { configTest } from "./internal/configTest.ts"
import { HistoryBuilder } from "./internal/historyBuilder.ts"

describe("DeliveriesFollowAssignment", () => {
  it("holds, and the witness fires, when a moved partition is read by its new owner only", () => {
    const history = new HistoryBuilder()
      .send("orders/0@0")
      .send("orders/1@0")
      .join("billing", "a", 1, ["orders/0", "orders/1"])
      .join("billing", "b", 2, ["orders/1"])
      .rebalancing("billing", "a", 2, ["orders/0"])
      .poll("billing", "a", ["orders/0@0"])
      .poll("billing", "b", ["orders/1@0"]).history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(true)
  })

  it("holds vacuously when no partition ever moves", () => {
    const history = new HistoryBuilder()
      .send("orders/0@0")
      .join("billing", "a", 1, ["orders/0", "orders/1"])
      .poll("billing", "a", ["orders/0@0"]).history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(false)
  })

  it("is violated when a synced member still reads the partition taken from it", () => {
    const b = new HistoryBuilder()
      .send("orders/1@0")
      .join("billing", "a", 1, ["orders/0", "orders/1"])
      .join("billing", "b", 2, ["orders/1"])
      .rebalancing("billing", "a", 2, ["orders/0"])
      .poll("billing", "a", ["orders/1@0"])
    expect(check.always(b.history, configTest)).toEqual({
      step: 4,
      message: "member a of billing was delivered orders/1@0, but in generation 2 it was told it owns [orders/0]"
    })
  })

  it("is violated by a delivery to a member that never learned an assignment", () => {
    const b = new HistoryBuilder().send("orders/0@0").poll("metrics", "m", ["orders/0@0"])
    const violation = check.always(b.history, configTest)
    expect(violation?.step).toBe(1)
    expect(violation?.message).toContain("in no generation it was told it owns []")
  })
})
