import { describe, expect, it } from "vitest"
import { atMostOnceCanLose } from "./atMostOnceCanLose.ts"
import { configEffects } from "./internal/configEffects.ts"
import { configTest } from "./internal/configTest.ts"
import { undrainedGroupsOf } from "./internal/drainedGroups.ts"
import { dataEntry, HistoryBuilder } from "./internal/historyBuilder.ts"
import { noLossUnderAtLeastOnce } from "./noLossUnderAtLeastOnce.ts"
import { retriesWithoutIdempotenceCanDuplicate } from "./retriesWithoutIdempotenceCanDuplicate.ts"

const all = ["orders/0", "orders/1"]

describe("the earlier checkers on histories with crashes midway and services", () => {
  it("drainedGroupsOf: a member whose process crashed midway holds nothing any more, as after a crash", () => {
    const history = new HistoryBuilder()
      .send("orders/0@0")
      .send("orders/0@1")
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/0@0", "orders/0@1"])
      .process("billing", "a", "orders/0@0")
      .commit("billing", "a", 1, ["orders/0@2"])
      .processCrashed("billing", "a", "orders/0@1")
      .join("billing", "b", 2, all)
      .poll("billing", "b", []).history
    expect(undrainedGroupsOf(history, configTest).get("billing")).toBeUndefined()
    // The same history with a crash-free member a that still holds orders/0@1 is not drained.
    const holding = [...history.slice(0, 6), ...history.slice(7)]
    expect(undrainedGroupsOf(holding, configTest).get("billing")).toBe("member a of billing still holds orders/0@1, which billing never processed")
  })

  it("AtMostOnceCanLose: a process that crashed midway after the commit explains the loss, and its client no longer holds the record", () => {
    const history = new HistoryBuilder()
      .send("orders/0@0")
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/0@0"])
      .commit("metrics", "m", 1, ["orders/0@1"])
      .processCrashed("metrics", "m", "orders/0@0")
      .join("metrics", "m", 2, all)
      .poll("metrics", "m", []).history
    expect(atMostOnceCanLose.always(history, configTest)).toBeUndefined()
    expect(atMostOnceCanLose.sometimes(history, configTest)).toBe(true)
  })

  it("RetriesWithoutIdempotenceCanDuplicate: a service's sends (dual write, relay, relay after a crash) explain its records, and only as many as were sent", () => {
    const sent = new HistoryBuilder()
      .serviceWrite("legacy", "l1", { key: "k", sent: "events/0@0" })
      .serviceWrite("shop", "e1", { key: "k" })
      .entry({ _tag: "ServiceWrite", service: "shop", event: "e1", key: "other" }, { _tag: "EventExists", service: "shop", event: "e1" })
      .relay("shop", "e1", "events/0@1", true)
      .relay("shop", "e1", "events/0@2")
    const shop = (offset: number) => dataEntry(offset, { producer: "service:shop", key: "k", value: "e1" })
    const legacy = dataEntry(0, { producer: "service:legacy", key: "k", value: "l1" })
    const config = { ...configEffects, producers: [{ name: "lp", idempotent: false }] }
    // The rejected second write (EventExists) does not change the event's key.
    expect(retriesWithoutIdempotenceCanDuplicate.always(sent.dump("events/0", [legacy, shop(1), shop(2)]).history, config)).toBeUndefined()
    const extra = new HistoryBuilder().serviceWrite("legacy", "l1", { key: "k", sent: "events/0@0" })
      .dump("events/0", [legacy, dataEntry(1, { producer: "service:legacy", key: "k", value: "l1" })])
    expect(retriesWithoutIdempotenceCanDuplicate.always(extra.history, config)?.message).toBe(
      "the log holds 2 of producer service:legacy's records with key \"k\" and value \"l1\" (events/0@0, events/0@1), but the history explains 1: 0 sends answered Sent or SendTimedOut, 0 retries without idempotence, 1 service send"
    )
  })
})

describe("NoLossUnderAtLeastOnce on a topic a service publishes to", () => {
  const config = { ...configTest, services: [{ name: "shop", topic: "orders", publish: "outbox" as const }] }
  const relayed = () =>
    new HistoryBuilder()
      .serviceWrite("shop", "e1", { key: "k" })
      .relay("shop", "e1", "orders/1@0")
      .join("billing", "a", 1, all)

  it("owes the group every event a service sent, as every acknowledged send", () => {
    const processed = relayed().poll("billing", "a", ["orders/1@0"]).process("billing", "a", "orders/1@0").poll("billing", "a", [])
    expect(noLossUnderAtLeastOnce.always(processed.history, config)).toBeUndefined()
    const lost = relayed().poll("billing", "a", [])
    expect(noLossUnderAtLeastOnce.always(lost.history, config)?.message).toMatch(/^at-least-once group billing never processed orders\/1@0 \(sent at step 2\)/)
  })
})
