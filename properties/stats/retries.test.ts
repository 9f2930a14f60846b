import { describe, expect, it } from "vitest"
import type { Config } from "../../spec/config.ts"
import type { History } from "../../spec/history.ts"
import { configFailure } from "../guarantees/internal/configFailure.ts"
import { configRetention } from "../guarantees/internal/configRetention.ts"
import { HistoryBuilder } from "../guarantees/internal/historyBuilder.ts"
import { formatRetries, retriesAdd, retriesInit } from "./retries.ts"

const all = ["orders/0", "orders/1"]
const runOf = (history: History) => ({ commands: history.map((e) => e.command), actual: history.map((e) => e.response) })

/**
 * billing: a poison record fails three times and is dead-lettered; orders/0@1
 * fails twice on the downstream (opening the breaker), is held back once by
 * the breaker and once by its backoff, and gets through on the probe.
 */
const billingRun = () =>
  new HistoryBuilder()
    .send("orders/0@0", { value: "poison-0" })
    .send("orders/0@1")
    .join("billing", "a", 1, all)
    .poll("billing", "a", ["orders/0@0", "orders/0@1"])
    .downstream("billing", false)
    .processFailed("billing", "a", "orders/0@0", "poison", 1, 1000)
    .processFailed("billing", "a", "orders/0@1", "downstream", 1, 1000)
    .backoffPending("billing", "a", "orders/0@1", 1000)
    .advance(1000, 1000)
    .processFailed("billing", "a", "orders/0@0", "poison", 2, 3000)
    .processFailed("billing", "a", "orders/0@1", "downstream", 2, 3000)
    .advance(2000, 3000)
    .deadLettered("billing", "a", "orders/0@0", "poison", 3, "billing-dlt/0@0")
    .breakerOpen("billing", "a", "orders/0@1", 6000)
    .downstream("billing", true)
    .advance(3000, 6000)
    .process("billing", "a", "orders/0@1")
    .advance(4000, 10000)

describe("retries", () => {
  it("counts a group's failures by cause, its calls for failed records, dead letters left and their age, breaker openings and held-back attempts", () => {
    const retries = retriesInit(configFailure)
    expect(retries.groups.map((g) => g.group)).toEqual(["billing", "audit", "naive"])
    expect(retries.retention).toEqual([])
    retriesAdd(retries, configFailure, runOf(billingRun().history))
    expect(retries.groups[0]).toEqual({
      group: "billing",
      policy: "retry-then-dead-letter",
      hasBreaker: true,
      failedPoison: 3,
      failedDownstream: 2,
      downstreamCalls: 3,
      failedRecords: 2,
      downstreamFailedRecords: 1,
      downstreamCallsOnDownstreamFailed: 3,
      deadLettered: 1,
      breakerOpenings: 1,
      heldBackByBackoff: 1,
      heldBackByBreaker: 1,
      deadLettersLeftPerRun: [1],
      oldestDeadLetterAgeMsPerRun: [7000]
    })
    // A redrive empties the dead letters of the next run.
    retriesAdd(retries, configFailure, runOf(billingRun().redrive("billing", [["billing-dlt/0@0", "orders/0@2"]]).history))
    expect(retries.groups[0].deadLettersLeftPerRun).toEqual([1, 0])
    expect(retries.groups[0].oldestDeadLetterAgeMsPerRun).toEqual([7000, 0])
    expect(formatRetries(retries)).toBe(
      "retries over 2 runs (drain included): billing 10 failed attempts (6 poison, 4 downstream) on 4 records, 6 downstream calls, 6 for the 2 records that failed on it (3.0 each), 2 dead-lettered, held back 2 by backoff, 2 by the breaker, breaker opened 2x, dead letters left at the end 1 (up to 1 in a run, the oldest 7,000 ms old); " +
        "audit 0 failed attempts (0 poison, 0 downstream) on 0 records, 0 downstream calls, 0 for the 0 records that failed on it (0 each), 0 dead-lettered, held back 0 by backoff, 0 by the breaker, breaker opened 0x, dead letters left at the end 0 (up to 0 in a run, the oldest 0 ms old); " +
        "naive 0 failed attempts (0 poison, 0 downstream) on 0 records, 0 downstream calls, 0 for the 0 records that failed on it (0 each)"
    )
  })

  it("counts only the calls of records that failed on the downstream in the storm's ratio, and a naive group's retries in place", () => {
    const retries = retriesInit(configFailure)
    const run = new HistoryBuilder()
      .send("orders/1@0")
      .send("orders/1@1", { value: "poison-1" })
      .join("naive", "a", 1, all)
      .poll("naive", "a", ["orders/1@0", "orders/1@1"])
      .process("naive", "a", "orders/1@0")
      .processFailed("naive", "a", "orders/1@1", "poison", 1)
      .processFailed("naive", "a", "orders/1@1", "poison", 2)
    retriesAdd(retries, configFailure, runOf(run.history))
    expect(retries.groups[2]).toMatchObject({ failedPoison: 2, downstreamCalls: 1, failedRecords: 1, downstreamFailedRecords: 0, downstreamCallsOnDownstreamFailed: 0, deadLettered: 0 })
  })

  it("counts resets, refused polls and the records they skipped, per group reading a topic with retention", () => {
    const retries = retriesInit(configRetention)
    expect(retries.groups).toEqual([])
    expect(retries.retention.map((g) => g.group)).toEqual(["replayer", "tailer", "strict", "metrics"])
    const run = new HistoryBuilder()
      .send("events/0@0")
      .send("events/0@1")
      .send("events/0@2")
      .join("tailer", "a", 1, ["events/0", "events/1"])
      .join("strict", "s", 1, ["events/0", "events/1"])
      .advanceRetaining(20000, 20000, ["events/0@3"])
      .send("events/0@3")
      .pollReset("tailer", "a", [], [{ topic: "events", partition: 0, from: 1, to: 4 }])
      .pollRefused("strict", "s", "events/0@0", 4, 3)
    retriesAdd(retries, configRetention, runOf(run.history))
    expect(retries.retention.find((g) => g.group === "tailer")).toEqual({ group: "tailer", resets: 1, refusals: 0, skipped: 3 })
    expect(retries.retention.find((g) => g.group === "strict")).toEqual({ group: "strict", resets: 0, refusals: 1, skipped: 3 })
    expect(formatRetries(retries)).toBe(
      "retention over 1 run (drain included): replayer 0 resets, 0 refused polls, 0 records skipped; tailer 1 reset, 0 refused polls, 3 records skipped; strict 0 resets, 1 refused poll, 3 records skipped; metrics 0 resets, 0 refused polls, 0 records skipped"
    )
  })

  it("prints nothing for a config without failures or retention", () => {
    const plain: Config = { ...configFailure, groups: configFailure.groups.map(({ failure: _failure, ...group }) => group) }
    const retries = retriesInit(plain)
    retriesAdd(retries, plain, runOf(billingRun().history))
    expect(formatRetries(retries)).toBeUndefined()
  })
})
