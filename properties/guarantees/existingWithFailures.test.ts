import { describe, expect, it } from "vitest"
import type { Config } from "../../spec/index.ts"
import { atMostOnceCanLose } from "./atMostOnceCanLose.ts"
import { groupsAreIndependent } from "./groupsAreIndependent.ts"
import { configFailure } from "./internal/configFailure.ts"
import { configRetention } from "./internal/configRetention.ts"
import { documentedLossesOf } from "./internal/documentedLosses.ts"
import { undrainedGroupsOf } from "./internal/drainedGroups.ts"
import { dataEntry, HistoryBuilder } from "./internal/historyBuilder.ts"
import { KeyedProcessings } from "./internal/keyedProcessing.ts"
import { acknowledgedRecordsOf } from "./internal/sends.ts"
import { noLossUnderAtLeastOnce } from "./noLossUnderAtLeastOnce.ts"
import { partitionOrderPreserved } from "./partitionOrderPreserved.ts"
import { retriesWithoutIdempotenceCanDuplicate } from "./retriesWithoutIdempotenceCanDuplicate.ts"

const all = ["orders/0", "orders/1"]
const events = ["events/0", "events/1"]

/** billing's member a fails the poison record orders/0@0 three times and dead-letters it to billing-dlt/0@0; orders/0@1 waits behind it. */
const billingDeadLettered = () =>
  new HistoryBuilder()
    .send("orders/0@0", { key: "k", value: "poison-0" })
    .send("orders/0@1")
    .join("billing", "a", 1, all)
    .poll("billing", "a", ["orders/0@0", "orders/0@1"])
    .processFailed("billing", "a", "orders/0@0", "poison", 1, 1000)
    .advance(1000, 1000)
    .processFailed("billing", "a", "orders/0@0", "poison", 2, 3000)
    .advance(2000, 3000)
    .deadLettered("billing", "a", "orders/0@0", "poison", 3, "billing-dlt/0@0")

describe("the earlier checkers on histories with failures and retention", () => {
  it("drainedGroupsOf: a dead-lettered record is done with; a record behind one whose last attempt failed is left, a refused attempt is not enough", () => {
    const done = billingDeadLettered().process("billing", "a", "orders/0@1").commit("billing", "a", 1, ["orders/0@2"]).poll("billing", "a", [])
    expect(undrainedGroupsOf(done.history, configFailure).has("billing")).toBe(false)
    const stuck = new HistoryBuilder()
      .send("orders/0@0", { value: "poison-0" })
      .send("orders/0@1")
      .join("naive", "a", 1, all)
      .poll("naive", "a", ["orders/0@0", "orders/0@1"])
      .processFailed("naive", "a", "orders/0@0", "poison", 1)
      .poll("naive", "a", [])
    expect(undrainedGroupsOf(stuck.history, configFailure).has("naive")).toBe(false)
    // A record held in another partition, or before the failed one, is not stuck.
    const other = stuck.send("orders/1@0").poll("naive", "a", ["orders/1@0"]).poll("naive", "a", [])
    expect(undrainedGroupsOf(other.history, configFailure).get("naive")).toBe("member a of naive still holds orders/1@0, which naive never processed")
    // Only a failed attempt sticks a record: billing refused by its backoff still has work to do.
    const pending = new HistoryBuilder()
      .send("orders/0@0")
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/0@0"])
      .backoffPending("billing", "a", "orders/0@0", 1000)
      .poll("billing", "a", [])
    expect(undrainedGroupsOf(pending.history, configFailure).get("billing")).toBe("member a of billing still holds orders/0@0, which billing never processed")
    // A dead-letter publish is an append to its topic: the group reading it must poll it empty afterwards.
    const reader = done.join("reader", "r", 1, ["billing-dlt/0"]).poll("reader", "r", [])
    expect(undrainedGroupsOf(reader.history, configFailure).has("reader")).toBe(false)
    const before = new HistoryBuilder().join("reader", "r", 1, ["billing-dlt/0"]).poll("reader", "r", [])
    for (const entry of billingDeadLettered().history) before.entry(entry.command, entry.response)
    expect(undrainedGroupsOf(before.history, configFailure).get("reader")).toBe(
      "no live member of reader's latest generation that owns billing-dlt/0 polled nothing at its last poll after the last send to it (step 11)"
    )
  })

  it("NoLossUnderAtLeastOnce: dead-lettered counts as handled; a dead-letter record is owed to its topic's readers, a redriven one to its source's", () => {
    const b = billingDeadLettered().process("billing", "a", "orders/0@1").commit("billing", "a", 1, ["orders/0@2"]).poll("billing", "a", [])
    expect(noLossUnderAtLeastOnce.always(b.history, configFailure)).toBeUndefined()
    b.join("reader", "r", 1, ["billing-dlt/0"]).poll("reader", "r", [])
    expect(noLossUnderAtLeastOnce.always(b.history, configFailure)).toEqual({
      step: b.step - 1,
      message: "at-least-once group reader never processed billing-dlt/0@0 (dead-lettered at step 9) by the end of the history"
    })
    const redriven = billingDeadLettered()
      .process("billing", "a", "orders/0@1")
      .commit("billing", "a", 1, ["orders/0@2"])
      .redrive("billing", [["billing-dlt/0@0", "orders/0@2"]])
      .poll("billing", "a", [])
    expect(noLossUnderAtLeastOnce.always(redriven.history, configFailure)?.message).toBe(
      "at-least-once group billing never processed orders/0@2 (redriven at step 12) by the end of the history"
    )
  })

  it("NoLossUnderAtLeastOnce: a policy-none group may leave a poison record and the records behind it, not the records before it or elsewhere", () => {
    const b = new HistoryBuilder()
      .send("orders/0@0")
      .send("orders/0@1", { value: "poison-1" })
      .send("orders/0@2")
      .join("naive", "a", 1, all)
      .poll("naive", "a", ["orders/0@0", "orders/0@1", "orders/0@2"])
      .processFailed("naive", "a", "orders/0@1", "poison", 1)
      .poll("naive", "a", [])
    // orders/0@0, before the poison record, still waits: not drained.
    expect(undrainedGroupsOf(b.history, configFailure).get("naive")).toBe("member a of naive still holds orders/0@0, which naive never processed")
    b.process("naive", "a", "orders/0@0").poll("naive", "a", [])
    expect(undrainedGroupsOf(b.history, configFailure).has("naive")).toBe(false)
    expect(noLossUnderAtLeastOnce.always(b.history, configFailure)).toBeUndefined()
    expect(documentedLossesOf(b.history, configFailure).lossOf(configFailure.groups[2], "orders", 0, 2)).toMatchObject({ kind: "poison", poison: { offset: 1 } })
    // billing (retry-then-dead-letter) gets no such exemption, nor does another partition.
    expect(documentedLossesOf(b.history, configFailure).lossOf(configFailure.groups[0], "orders", 0, 2)).toBeUndefined()
    b.send("orders/1@0").poll("naive", "a", [])
    expect(noLossUnderAtLeastOnce.always(b.history, configFailure)?.message).toBe(
      "at-least-once group naive never processed orders/1@0 (sent at step 10) by the end of the history"
    )
  })

  it("NoLossUnderAtLeastOnce: records a reset skipped, or below a refused poll's log start, or deleted before the group first read the partition, are exempt", () => {
    const reset = new HistoryBuilder()
      .send("events/0@0")
      .send("events/0@1")
      .join("replayer", "a", 1, events)
      .poll("replayer", "a", ["events/0@0"])
      .seek("replayer", "a", "events/0@0")
      .advanceRetaining(20000, 20000, ["events/0@2"])
      .send("events/0@2")
      .pollReset("replayer", "a", ["events/0@2"], [{ topic: "events", partition: 0, from: 0, to: 2 }])
      .process("replayer", "a", "events/0@2")
      .commit("replayer", "a", 1, ["events/0@3"])
      .poll("replayer", "a", [])
    expect(noLossUnderAtLeastOnce.always(reset.history, configRetention)).toBeUndefined()
    const unread = new HistoryBuilder()
      .send("events/1@0")
      .send("events/1@1")
      .send("events/1@2")
      .send("events/1@3")
      .join("tailer", "a", 1, events)
      .poll("tailer", "a", ["events/1@1", "events/1@2", "events/1@3"])
      .process("tailer", "a", "events/1@1")
      .process("tailer", "a", "events/1@2")
      .process("tailer", "a", "events/1@3")
      .commit("tailer", "a", 1, ["events/1@4"])
      .poll("tailer", "a", [])
    expect(documentedLossesOf(unread.history, configRetention).retentionLossOf("tailer", "events", 1, 0)).toEqual({ kind: "unread", step: 5, logStart: 1 })
    expect(noLossUnderAtLeastOnce.always(unread.history, configRetention)).toBeUndefined()
    expect(partitionOrderPreserved.always(unread.history, configRetention)).toBeUndefined()
    const refused = new HistoryBuilder()
      .send("events/0@0")
      .join("strict", "a", 1, events)
      .poll("strict", "a", ["events/0@0"])
      .seek("strict", "a", "events/0@0")
      .advanceRetaining(20000, 20000, ["events/0@1"])
      .pollRefused("strict", "a", "events/0@0", 1, 1)
      .seek("strict", "a", "events/0@1")
      .poll("strict", "a", [])
    expect(noLossUnderAtLeastOnce.always(refused.history, configRetention)).toBeUndefined()
    expect(partitionOrderPreserved.always(refused.history, configRetention)).toBeUndefined()
  })

  it("AtMostOnceCanLose: a record dead-lettered by an at-most-once group is handled, and a reset explains a loss without witnessing one", () => {
    const audit = new HistoryBuilder()
      .send("orders/0@0", { value: "poison-0" })
      .join("audit", "a", 1, all)
      .poll("audit", "a", ["orders/0@0"])
      .commit("audit", "a", 1, ["orders/0@1"])
      .processFailed("audit", "a", "orders/0@0", "poison", 1, 500)
      .advance(500, 500)
      .deadLettered("audit", "a", "orders/0@0", "poison", 2, "audit-dlt/0@0")
      .poll("audit", "a", [])
    expect(atMostOnceCanLose.always(audit.history, configFailure)).toBeUndefined()
    expect(atMostOnceCanLose.sometimes(audit.history, configFailure)).toBe(false)
    const metrics = new HistoryBuilder()
      .send("events/0@0")
      .join("metrics", "a", 1, events)
      .poll("metrics", "a", [])
      .advanceRetaining(20000, 20000, ["events/0@1"])
      .send("events/0@1")
      .seek("metrics", "a", "events/0@0")
      .pollReset("metrics", "a", [], [{ topic: "events", partition: 0, from: 0, to: 2 }])
      .commit("metrics", "a", 1, ["events/0@2"])
      .poll("metrics", "a", [])
    expect(atMostOnceCanLose.always(metrics.history, configRetention)).toBeUndefined()
    // A retention loss is explained, but it is not at-most-once's own loss (a commit past a buffered record, then a crash): no witness.
    expect(atMostOnceCanLose.sometimes(metrics.history, configRetention)).toBe(false)
  })

  it("PartitionOrderPreserved and GroupsAreIndependent: dead-letter and redriven records are appends, a reset starts the partition again", () => {
    const b = billingDeadLettered()
      .process("billing", "a", "orders/0@1")
      .commit("billing", "a", 1, ["orders/0@2"])
      .join("reader", "r", 1, ["billing-dlt/0"])
      .poll("reader", "r", ["billing-dlt/0@0"])
      .redrive("billing", [["billing-dlt/0@0", "orders/0@2"]])
      .poll("billing", "a", ["orders/0@2"])
    expect(b.history[12].response).toMatchObject({ records: [{ producer: "dead-letter:billing", key: "k", value: "poison-0" }] })
    expect(partitionOrderPreserved.always(b.history, configFailure)).toBeUndefined()
    expect(groupsAreIndependent.always(b.history, configFailure)).toBeUndefined()
    expect(acknowledgedRecordsOf(b.history, configFailure).map((r) => [r.topic, r.offset, r.producer, r.value])).toEqual([
      ["orders", 0, "p", "poison-0"],
      ["orders", 1, "p", "v1"],
      ["billing-dlt", 0, "dead-letter:billing", "poison-0"],
      ["orders", 2, "dead-letter:billing", "poison-0"]
    ])
    // A delivery that does not match the dead-letter publish is caught as before.
    const wrong = billingDeadLettered().join("reader", "r", 1, ["billing-dlt/0"])
    wrong.pollRecords("reader", "r", [{ topic: "billing-dlt", partition: 0, offset: 0, producer: "dead-letter:billing", key: "k", value: "v0", timestampMs: 0 }])
    expect(partitionOrderPreserved.always(wrong.history, configFailure)?.message).toBe(
      "member r of reader was delivered billing-dlt/0@0, but it carries value \"v0\", but the record sent there (step 9) has \"poison-0\""
    )
    const reset = new HistoryBuilder()
      .send("events/0@0")
      .send("events/0@1")
      .send("events/0@2")
      .join("tailer", "a", 1, events)
      .poll("tailer", "a", ["events/0@0"])
      .seek("tailer", "a", "events/0@0")
      .advance(10000, 10000)
      .send("events/0@3")
      .advanceRetaining(10000, 20000, ["events/0@3"])
      .send("events/0@4")
      .pollReset("tailer", "a", ["events/0@4"], [{ topic: "events", partition: 0, from: 0, to: 4 }])
    expect(partitionOrderPreserved.always(reset.history, configRetention)).toBeUndefined()
    expect(groupsAreIndependent.always(reset.history, configRetention)).toBeUndefined()
  })

  it("RetriesWithoutIdempotenceCanDuplicate: dead-letter publishes and redrives explain their records in the dumps", () => {
    const config: Config = { ...configFailure, producers: [{ name: "p", idempotent: false }] }
    const b = billingDeadLettered()
      .redrive("billing", [["billing-dlt/0@0", "orders/0@2"]])
      .dump("orders/0", [dataEntry(0, { key: "k", value: "poison-0" }), dataEntry(1), dataEntry(2, { producer: "dead-letter:billing", key: "k", value: "poison-0" })])
      .dump("billing-dlt/0", [dataEntry(0, { producer: "dead-letter:billing", key: "k", value: "poison-0" })])
    expect(retriesWithoutIdempotenceCanDuplicate.always(b.history, config)).toBeUndefined()
    b.dump("billing-dlt/0", [dataEntry(0, { producer: "dead-letter:billing", key: "k", value: "poison-0" }), dataEntry(1, { producer: "dead-letter:billing", key: "k", value: "poison-0" })])
    expect(retriesWithoutIdempotenceCanDuplicate.always(b.history, config)?.message).toBe(
      "the log holds 2 of producer dead-letter:billing's records with key \"k\" and value \"poison-0\" (billing-dlt/0@0, billing-dlt/0@1), but the history explains 1: 0 sends answered Sent or SendTimedOut, 0 retries without idempotence, 1 dead-letter publish or redrive"
    )
  })

  it("KeyedProcessings: a dead-lettering uses up its delivery, so a redelivered copy is processed from its own delivery", () => {
    const config: Config = { ...configFailure, groups: configFailure.groups.map((g) => (g.name === "billing" ? { ...g, processingOrder: "delivery" as const } : g)) }
    const b = billingDeadLettered()
      .process("billing", "a", "orders/0@1")
      .seek("billing", "a", "orders/0@0")
      .poll("billing", "a", ["orders/0@0"])
    const keyed = new KeyedProcessings(config)
    b.history.forEach((entry, step) => keyed.observe(entry, step))
    b.process("billing", "a", "orders/0@0")
    const processing = keyed.observe(b.history[b.step - 1], b.step - 1)
    expect(processing).toMatchObject({ key: "k", sentStep: 0, epochStart: 10 })
  })
})
