import { describe, expect, it } from "vitest"
import { assignmentIsExclusive as check } from "./assignmentIsExclusive.ts"
import { configTest } from "./internal/configTest.ts"
import { HistoryBuilder } from "./internal/historyBuilder.ts"

describe("AssignmentIsExclusive", () => {
  it("holds, and the witness fires, when a third member sits idle and a partition moves", () => {
    const history = new HistoryBuilder()
      .join("billing", "a", 1, ["orders/0", "orders/1"])
      .join("billing", "b", 2, ["orders/1"])
      .rebalancing("billing", "a", 2, ["orders/0"])
      .join("billing", "c", 3, [])
      .rebalancing("billing", "a", 3, ["orders/0"])
      .rebalancing("billing", "b", 3, ["orders/1"]).history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(true)
  })

  it("sees an idle member in a member told no partition of a subscribed topic, even when the others have not synced", () => {
    const history = new HistoryBuilder()
      .join("billing", "a", 1, ["orders/0", "orders/1"])
      .join("billing", "b", 2, ["orders/1"])
      .join("billing", "c", 3, []).history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(true)
    expect(check.sometimes(history.slice(0, 2), configTest)).toBe(false)
  })

  it("holds vacuously with one member per group", () => {
    const history = new HistoryBuilder()
      .join("billing", "a", 1, ["orders/0", "orders/1"])
      .join("metrics", "a", 1, ["orders/0", "orders/1"])
      .heartbeat("billing", "a", 1, ["orders/0", "orders/1"]).history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(false)
  })

  it("is violated when two members own one partition in one generation", () => {
    const b = new HistoryBuilder()
      .join("billing", "a", 1, ["orders/0", "orders/1"])
      .join("billing", "b", 2, ["orders/0", "orders/1"])
      .rebalancing("billing", "a", 2, ["orders/0"])
    expect(check.always(b.history, configTest)).toEqual({
      step: 2,
      message:
        "member a of billing is told it owns orders/0 in generation 2, but member b was told it owns orders/0 in that generation at step 2"
    })
  })

  it("is violated by a partition of a topic the group does not read, or one that does not exist", () => {
    const unsubscribed = new HistoryBuilder().join("metrics", "m", 1, ["orders/0", "payments/0"])
    expect(check.always(unsubscribed.history, configTest)).toEqual({
      step: 0,
      message: "member m of metrics is told it owns payments/0 in generation 1, but metrics does not subscribe to payments"
    })
    const missing = new HistoryBuilder().join("metrics", "m", 1, ["orders/0"]).heartbeat("metrics", "m", 1, ["orders/2"])
    const violation = check.always(missing.history, configTest)
    expect(violation?.step).toBe(1)
    expect(violation?.message).toContain("orders/2")
  })
})
