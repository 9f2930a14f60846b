import { describe, expect, it } from "vitest"
import { configKeyOrder } from "./internal/configKeyOrder.ts"
import { configTest } from "./internal/configTest.ts"
import { HistoryBuilder } from "./internal/historyBuilder.ts"
import { keyOrderRegressesOnlyOnRedelivery as check } from "./keyOrderRegressesOnlyOnRedelivery.ts"

const all = ["orders/0", "orders/1"]

/** `a` of billing is delivered and processes both records of key k, in order. */
const processedInOrder = () =>
  new HistoryBuilder()
    .send("orders/0@0", { key: "k" })
    .send("orders/0@1", { key: "k" })
    .join("billing", "a", 1, all)
    .poll("billing", "a", ["orders/0@0", "orders/0@1"])
    .process("billing", "a", "orders/0@0")
    .process("billing", "a", "orders/0@1")

describe("KeyOrderRegressesOnlyOnRedelivery", () => {
  it("holds, and the witness fires, when an older record is processed again after a crash redelivered it", () => {
    const history = processedInOrder()
      .crash("billing", "a")
      .join("billing", "a", 2, all)
      .poll("billing", "a", ["orders/0@0", "orders/0@1"])
      .process("billing", "a", "orders/0@0").history
    expect(check.always(history, configKeyOrder)).toBeUndefined()
    expect(check.sometimes(history, configKeyOrder)).toBe(true)
  })

  it("holds, and the witness fires, after a seek back redelivered the older record", () => {
    const history = processedInOrder()
      .seek("billing", "a", "orders/0@0")
      .poll("billing", "a", ["orders/0@0"])
      .process("billing", "a", "orders/0@0").history
    expect(check.always(history, configKeyOrder)).toBeUndefined()
    expect(check.sometimes(history, configKeyOrder)).toBe(true)
  })

  it("holds without a witness while every key is processed in send order", () => {
    const history = processedInOrder().history
    expect(check.always(history, configKeyOrder)).toBeUndefined()
    expect(check.sometimes(history, configKeyOrder)).toBe(false)
  })

  it("is violated by a redelivery that no crash, leave, join, expiry, rebalance or seek explains", () => {
    const history = processedInOrder()
      .poll("billing", "a", ["orders/0@0", "orders/0@1"])
      .process("billing", "a", "orders/0@0").history
    expect(check.always(history, configKeyOrder)).toEqual({
      step: 7,
      message:
        "billing processed orders/0@0 (key \"k\", sent at step 1; member a) after orders/0@1 (sent later, at step 2; processed at step 6), but its redelivery at step 7 followed no crash, leave, join, expiry, rebalance or seek back in billing since its delivery at step 4"
    })
    expect(check.sometimes(history, configKeyOrder)).toBe(false)
  })

  it("is violated when the older record was never redelivered (one key on two partitions, two members)", () => {
    const history = new HistoryBuilder()
      .send("orders/0@0", { key: "k" })
      .send("orders/1@0", { key: "k" })
      .join("billing", "a", 1, ["orders/0"])
      .join("billing", "b", 1, ["orders/1"])
      .poll("billing", "b", ["orders/1@0"])
      .process("billing", "b", "orders/1@0")
      .poll("billing", "a", ["orders/0@0"])
      .process("billing", "a", "orders/0@0").history
    expect(check.always(history, configKeyOrder)?.message).toContain(
      "but it was never redelivered to billing, and both were delivered with no crash, leave, join, expiry or rebalance in billing between"
    )
    expect(check.always(history, configKeyOrder)?.step).toBe(7)
  })

  it("holds when a member processes what it held from before a rebalance after the new owner processed newer records of the key", () => {
    const history = new HistoryBuilder()
      .send("orders/0@0", { key: "k" })
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/0@0"])
      .commit("metrics", "m", 1, ["orders/0@1"])
      .send("orders/0@1", { key: "k" })
      .join("metrics", "n", 2, ["orders/0"])
      .poll("metrics", "n", ["orders/0@1"])
      .commit("metrics", "n", 2, ["orders/0@2"])
      .process("metrics", "n", "orders/0@1")
      .process("metrics", "m", "orders/0@0").history
    expect(check.always(history, configKeyOrder)).toBeUndefined()
    // Not the witness: nothing was redelivered.
    expect(check.sometimes(history, configKeyOrder)).toBe(false)
  })

  it("keeps one order per key of a topic: the same key in another topic is another stream", () => {
    const bothTopics = { ...configKeyOrder, groups: [{ ...configKeyOrder.groups[0], topics: ["orders", "payments"] }] }
    const history = new HistoryBuilder()
      .send("orders/0@0", { key: "k" })
      .send("payments/0@0", { key: "k" })
      .join("billing", "a", 1, [...all, "payments/0"])
      .poll("billing", "a", ["payments/0@0"])
      .process("billing", "a", "payments/0@0")
      .poll("billing", "a", ["orders/0@0"])
      .process("billing", "a", "orders/0@0").history
    expect(check.always(history, bothTopics)).toBeUndefined()
  })

  it("judges only keyed records of delivery-order groups, and is n/a without such a group", () => {
    const regress = processedInOrder().poll("billing", "a", ["orders/0@0"]).process("billing", "a", "orders/0@0").history
    expect(check.always(regress, configKeyOrder)).toBeDefined()
    expect(check.always(regress, configTest)).toBeUndefined()
    expect(check.notApplicableReason?.(configTest)).toBe(
      "needs an at-most-once or at-least-once group with processingOrder \"delivery\"; the config has none"
    )
    expect(check.notApplicableReason?.(configKeyOrder)).toBeUndefined()
  })
})
