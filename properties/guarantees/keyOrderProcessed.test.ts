import { describe, expect, it } from "vitest"
import { configKeyOrder } from "./internal/configKeyOrder.ts"
import { configTest } from "./internal/configTest.ts"
import { HistoryBuilder } from "./internal/historyBuilder.ts"
import { keyOrderProcessed as check } from "./keyOrderProcessed.ts"

const all = ["orders/0", "orders/1"]

const keyedPair = () =>
  new HistoryBuilder()
    .send("orders/0@0", { key: "k" })
    .send("orders/0@1", { key: "k" })
    .join("billing", "a", 1, all)
    .poll("billing", "a", ["orders/0@0", "orders/0@1"])

describe("KeyOrderProcessed", () => {
  it("holds, and the witness fires, when a member processes two records of one key in send order", () => {
    const history = keyedPair().process("billing", "a", "orders/0@0").process("billing", "a", "orders/0@1").history
    expect(check.always(history, configKeyOrder)).toBeUndefined()
    expect(check.sometimes(history, configKeyOrder)).toBe(true)
  })

  it("is violated when a member processes a key's later record first, in one client epoch", () => {
    const history = keyedPair().process("billing", "a", "orders/0@1").process("billing", "a", "orders/0@0").history
    expect(check.always(history, configKeyOrder)).toEqual({
      step: 5,
      message:
        "member a of billing processed orders/0@0 (key \"k\", sent at step 1) after orders/0@1 (sent at step 2, processed at step 5) in one client epoch (since step 3, no seek between)"
    })
    expect(check.sometimes(history, configKeyOrder)).toBe(false)
  })

  it("is violated when one key lands on two partitions and a poll delivers the later send first", () => {
    const history = new HistoryBuilder()
      .send("orders/0@0", { key: "k" })
      .send("orders/1@0", { key: "k" })
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/1@0", "orders/0@0"])
      .commit("metrics", "m", 1, ["orders/0@1", "orders/1@1"])
      .process("metrics", "m", "orders/1@0")
      .process("metrics", "m", "orders/0@0").history
    expect(check.always(history, configKeyOrder)?.step).toBe(6)
  })

  it("restarts the order at a seek, a sync and a rejoin: a redelivered older record starts its key over", () => {
    const afterSeek = keyedPair()
      .process("billing", "a", "orders/0@0")
      .process("billing", "a", "orders/0@1")
      .seek("billing", "a", "orders/0@0")
      .poll("billing", "a", ["orders/0@0"])
      .process("billing", "a", "orders/0@0").history
    expect(check.always(afterSeek, configKeyOrder)).toBeUndefined()
    const afterSync = keyedPair()
      .process("billing", "a", "orders/0@0")
      .rebalancing("billing", "a", 2, all)
      .poll("billing", "a", ["orders/0@0", "orders/0@1"])
      // The copy of 0@1 delivered before the sync is processed first, in its own epoch; then the new epoch's copies, in order.
      .process("billing", "a", "orders/0@1")
      .process("billing", "a", "orders/0@0")
      .process("billing", "a", "orders/0@1").history
    expect(check.always(afterSync, configKeyOrder)).toBeUndefined()
    expect(check.sometimes(afterSync, configKeyOrder)).toBe(true)
    const afterRejoin = keyedPair()
      .process("billing", "a", "orders/0@1")
      .crash("billing", "a")
      .join("billing", "a", 2, all)
      .poll("billing", "a", ["orders/0@0"])
      .process("billing", "a", "orders/0@0").history
    expect(check.always(afterRejoin, configKeyOrder)).toBeUndefined()
  })

  it("keeps one order per key of a topic: the same key in another topic is another stream", () => {
    const bothTopics = { ...configKeyOrder, groups: [{ ...configKeyOrder.groups[0], topics: ["orders", "payments"] }] }
    const history = new HistoryBuilder()
      .send("orders/0@0", { key: "k" })
      .send("payments/0@0", { key: "k" })
      .join("billing", "a", 1, [...all, "payments/0"])
      .poll("billing", "a", ["payments/0@0", "orders/0@0"])
      .process("billing", "a", "payments/0@0")
      .process("billing", "a", "orders/0@0").history
    expect(check.always(history, bothTopics)).toBeUndefined()
    expect(check.sometimes(history, bothTopics)).toBe(false)
  })

  it("judges only keyed records of delivery-order groups", () => {
    const unkeyed = new HistoryBuilder()
      .send("orders/0@0")
      .send("orders/0@1")
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/0@0", "orders/0@1"])
      .process("billing", "a", "orders/0@1")
      .process("billing", "a", "orders/0@0").history
    expect(check.always(unkeyed, configKeyOrder)).toBeUndefined()
    const anyOrder = keyedPair().process("billing", "a", "orders/0@1").process("billing", "a", "orders/0@0").history
    expect(check.always(anyOrder, configTest)).toBeUndefined()
  })

  it("orders a timed-out send by its SendTimedOut answer and an idempotent retry by the send it repeats", () => {
    const history = new HistoryBuilder()
      .sendTimedOut("orders/0", { key: "k", value: "a" })
      .send("orders/0@1", { key: "k", value: "b" })
      .join("billing", "a", 1, all)
      .pollRecords("billing", "a", [
        { topic: "orders", partition: 0, offset: 0, producer: "p", key: "k", value: "a", timestampMs: 0 },
        { topic: "orders", partition: 0, offset: 1, producer: "p", key: "k", value: "b", timestampMs: 0 }
      ])
      .process("billing", "a", "orders/0@0")
      .process("billing", "a", "orders/0@1").history
    expect(check.always(history, configKeyOrder)).toBeUndefined()
    expect(check.sometimes(history, configKeyOrder)).toBe(true)
  })

  it("places appends whose acknowledgement was lost at the partition's next offset, a plain retry's copy after the send it repeats", () => {
    const copy = (offset: number, value: string) => ({ topic: "orders", partition: 0, offset, producer: "p", key: "k", value, timestampMs: 0 })
    const lost = () =>
      new HistoryBuilder()
        .sendTimedOut("orders/0", { key: "k", value: "a" })
        .retry("p", "orders/0", { key: "k", value: "a" }, true)
        .send("orders/0@2", { key: "k", value: "b" })
        .join("billing", "a", 1, all)
        .pollRecords("billing", "a", [copy(0, "a"), copy(1, "a"), copy(2, "b")])
    const inOrder = lost().process("billing", "a", "orders/0@0").process("billing", "a", "orders/0@1").process("billing", "a", "orders/0@2").history
    expect(check.always(inOrder, configKeyOrder)).toBeUndefined()
    expect(check.sometimes(inOrder, configKeyOrder)).toBe(true)
    const copyFirst = lost().process("billing", "a", "orders/0@1").process("billing", "a", "orders/0@0").history
    expect(check.always(copyFirst, configKeyOrder)?.message).toContain("processed orders/0@0 (key \"k\", sent at step 1) after orders/0@1 (sent at step 2")
  })

  it("applies only to configs with an at-most-once or at-least-once group processing in delivery order that reads a topic", () => {
    expect(check.notApplicableReason?.(configKeyOrder)).toBeUndefined()
    expect(check.notApplicableReason?.(configTest)).toBe(
      "needs an at-most-once or at-least-once group with processingOrder \"delivery\"; the config has none"
    )
    const idle = { ...configKeyOrder, groups: configKeyOrder.groups.map((group) => ({ ...group, topics: [] })) }
    expect(check.notApplicableReason?.(idle)).toBe(
      "needs an at-most-once or at-least-once group with processingOrder \"delivery\" that reads a topic; \"billing\", \"metrics\" read none"
    )
  })
})
