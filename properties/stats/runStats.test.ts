import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import type { Command } from "../../spec/command.ts"
import type { Response } from "../../spec/response.ts"
import { configDefault } from "../../spec/config.ts"
import type { RunVerdicts } from "../check/evaluate.ts"
import { modelTarget } from "../modelTarget.ts"
import { type Run, runCommands } from "../run.ts"
import { formatRunStats, formatShare } from "./formatRunStats.ts"
import { runStatsAdd, runStatsInit } from "./runStats.ts"

const config = configDefault

const commands: ReadonlyArray<Command> = [
  { _tag: "GroupJoin", group: "billing", member: "m0" },
  { _tag: "ProducerSend", producer: "p0", topic: "orders", key: "", value: "v0" },
  { _tag: "ProducerSend", producer: "p0", topic: "orders", key: "k1", value: "v1" },
  { _tag: "ProducerSend", producer: "p0", topic: "orders", value: "v2" },
  { _tag: "ConsumerPoll", group: "billing", member: "m0", recordsMax: 1000 },
  { _tag: "ClockAdvance", ms: 29_999 },
  // m0 was heard from at 0 (its poll): its session has 1 ms left.
  { _tag: "ConsumerHeartbeat", group: "billing", member: "m0" },
  { _tag: "GroupJoin", group: "metrics", member: "m0" },
  // Both members were heard from at 29_999: this expires both exactly at the boundary.
  { _tag: "ClockAdvance", ms: 30_000 },
  { _tag: "GroupJoin", group: "billing", member: "m1" },
  // m1 expires 9_999 ms late: not at the boundary.
  { _tag: "ClockAdvance", ms: 40_000 },
  // Past the generated part (the drain): not counted.
  { _tag: "ConsumerPoll", group: "billing", member: "m1", recordsMax: 1 }
]

const verdicts: RunVerdicts = { violations: [], divergence: undefined, witnessed: ["GroupsAreIndependent"], notJudged: [], targetFailed: false }

describe("runStatsAdd", () => {
  it("counts what the generated part of a run exercised", async () => {
    const run = await Effect.runPromise(runCommands(modelTarget, config, commands))
    const stats = runStatsInit(config)
    runStatsAdd(stats, run, verdicts, commands.length - 1)
    expect(stats.runs).toBe(1)
    expect(stats.commands).toBe(11)
    expect(Object.fromEntries(stats.commandKinds)).toEqual({
      GroupJoin: 3,
      ProducerSend: 3,
      ConsumerPoll: 1,
      ClockAdvance: 3,
      ConsumerHeartbeat: 1
    })
    expect(stats.answers.get("ClockAdvanced")).toBe(3)
    expect(Object.fromEntries(stats.keyClasses)).toEqual({ empty: 1, hot: 1, none: 1 })
    expect(Object.fromEntries(stats.pollSizes)).toEqual({ "= D": 1 })
    expect(Object.fromEntries(stats.heartbeatAges)).toEqual({ "T-1 ms (last moment)": 1 })
    expect(Object.fromEntries(stats.witnessed)).toEqual({ GroupsAreIndependent: 1 })
    expect(Object.fromEntries(stats.runLengths)).toEqual({ "8-15": 1 })
    // billing reached generation 4 (join, expiry, join, expiry), metrics 2 (join, expiry).
    expect(Object.fromEntries(stats.rebalancesPerRun)).toEqual({ "4-7": 1 })
    expect([stats.expiries, stats.expiriesAtBoundary, stats.runsWithBoundaryExpiry]).toEqual([3, 2, 1])
  })

  it("adds runs up", async () => {
    const run = await Effect.runPromise(runCommands(modelTarget, config, commands))
    const stats = runStatsInit(config)
    runStatsAdd(stats, run, verdicts, commands.length)
    runStatsAdd(stats, run, { ...verdicts, witnessed: [] }, 4)
    expect([stats.runs, stats.commands, stats.expiries, stats.runsWithBoundaryExpiry]).toEqual([2, 16, 3, 1])
    expect(Object.fromEntries(stats.runLengths)).toEqual({ "8-15": 1, "4-7": 1 })
    expect(stats.witnessed.get("GroupsAreIndependent")).toBe(1)
  })
})

describe("formatRunStats", () => {
  it("prints shares fast-check statistics style, sections in a fixed order", async () => {
    const run = await Effect.runPromise(runCommands(modelTarget, config, commands))
    const stats = runStatsInit(config)
    runStatsAdd(stats, run, verdicts, commands.length - 1)
    const text = formatRunStats(stats)
    expect(text.split("\n")[0]).toBe("statistics of 1 run (11 commands before the drain):")
    expect(text).toContain(formatShare("at the boundary (<= 1 ms past T)", 2, 3))
    expect(formatShare("at the boundary (<= 1 ms past T)", 2, 3)).toBe("    at the boundary (<= 1 ms past T) ...  66.67%  (2)")
    expect(text).toContain(formatShare("GroupsAreIndependent", 1, 1))
    expect(text).toContain(formatShare("NoLossUnderAtLeastOnce", 0, 1))
    const titles = text.split("\n").filter((line) => /^ {2}\S/.test(line)).map((line) => line.trim().split(" ")[0])
    expect(titles).toEqual(["command", "answers", "guarantees", "run", "keys", "rebalances", "sessions", "heartbeats", "poll"])
  })

  it("lists the witnesses of the judged guarantees only (a --guarantees subset, the applicable ones)", async () => {
    const run = await Effect.runPromise(runCommands(modelTarget, config, commands))
    const stats = runStatsInit(config, ["PartitionOrderPreserved", "GroupsAreIndependent"])
    runStatsAdd(stats, run, verdicts, commands.length - 1)
    const text = formatRunStats(stats)
    expect(text).toContain(formatShare("PartitionOrderPreserved", 0, 1))
    expect(text).toContain(formatShare("GroupsAreIndependent", 1, 1))
    expect(text).not.toContain("NoLossUnderAtLeastOnce")
    expect(text).not.toContain("StaleCommitsAreFenced")
  })
})

describe("transactions in the statistics", () => {
  const txConfig = {
    ...configDefault,
    producers: [{ name: "tp", idempotent: true, transactionalId: "tx" }]
  }
  const entries: ReadonlyArray<[Command, Response]> = [
    [{ _tag: "ProducerInit", producer: "tp" }, { _tag: "ProducerInitialized", producer: "tp", producerId: 0, epoch: 0 }],
    [{ _tag: "TxnCommit", producer: "tp" }, { _tag: "TxnCommitted", producer: "tp", markers: [] }],
    [{ _tag: "TxnAbort", producer: "tp" }, { _tag: "TxnAborted", producer: "tp", markers: [] }],
    [{ _tag: "ProducerInit", producer: "tp" }, { _tag: "ProducerInitialized", producer: "tp", producerId: 0, epoch: 1, aborted: [] }],
    [
      { _tag: "ClockAdvance", ms: 60_000 },
      { _tag: "ClockAdvanced", nowMs: 60_000, expired: [], rebalanced: [], transactionsAborted: [{ transactionalId: "tx", epoch: 2, markers: [] }] }
    ]
  ]
  const run: Run = {
    commands: entries.map(([command]) => command),
    expected: entries.map(([, response]) => response),
    actual: entries.map(([, response]) => response),
    divergence: undefined,
    targetFailed: false
  }

  it("counts how transactions ended, and prints the section only for configs with transactions", () => {
    const stats = runStatsInit(txConfig)
    runStatsAdd(stats, run, verdicts, entries.length)
    expect([...stats.transactionEnds]).toEqual([
      ["committed", 1],
      ["aborted by its producer", 1],
      ["aborted by a new epoch", 1],
      ["aborted on timeout", 1]
    ])
    const text = formatRunStats(stats)
    expect(text).toContain("  transactions ended (share of ended transactions)")
    expect(text).toContain(formatShare("aborted on timeout", 1, 4))
    expect(formatRunStats(runStatsInit(configDefault))).not.toContain("transactions ended")
  })
})
