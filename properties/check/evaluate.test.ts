import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import type { Target } from "../../impl/target.ts"
import type { Command } from "../../spec/command.ts"
import { configDefault } from "../../spec/config.ts"
import { guaranteeChecks } from "../guarantees/index.ts"
import { modelTarget } from "../modelTarget.ts"
import { runCommands } from "../run.ts"
import { evaluateRun, failsLike, verdictOf } from "./evaluate.ts"

const config = configDefault

/** The model, except that its session dies on its third ConsumerPoll. */
const diesOnThirdPoll: Target = {
  name: "dies-on-third-poll",
  open: (config) =>
    Effect.map(modelTarget.open(config), (session) => {
      let polls = 0
      return {
        execute: (command: Command) =>
          command._tag === "ConsumerPoll" && ++polls === 3 ? Effect.die(new Error("connection reset")) : session.execute(command)
      }
    })
}

const poll: Command = { _tag: "ConsumerPoll", group: "billing", member: "a", recordsMax: 3 }
const commands: ReadonlyArray<Command> = [
  { _tag: "ProducerSend", producer: "p0", topic: "payments", value: "v0" },
  { _tag: "ProducerSend", producer: "p0", topic: "orders", value: "v1" },
  { _tag: "GroupJoin", group: "billing", member: "a" },
  { _tag: "GroupJoin", group: "metrics", member: "m" },
  poll,
  poll,
  poll,
  poll
]

describe("evaluateRun judges drained-history guarantees group by group", () => {
  it("judges the groups the history shows drained and reports the others as not judged", async () => {
    const polled = await Effect.runPromise(runCommands(modelTarget, config, commands.slice(0, 5)))
    const delivered = polled.actual[4]
    if (delivered._tag !== "Polled") throw new Error(`expected Polled, got ${delivered._tag}`)
    expect(delivered.records.length).toBe(2)
    const processAll: ReadonlyArray<Command> = delivered.records.map(({ offset, partition, topic }) => ({
      _tag: "ConsumerProcess",
      group: "billing",
      member: "a",
      topic,
      partition,
      offset
    }))
    // billing's member holds what it was given: billing is not drained yet, nor is metrics (m never polled).
    const holding = evaluateRun(await Effect.runPromise(runCommands(modelTarget, config, [...commands.slice(0, 5), poll])), config, guaranteeChecks)
    expect(holding.notJudged.map((entry) => entry.guarantee)).toEqual(["NoLossUnderAtLeastOnce", "AtMostOnceCanLose"])
    expect(holding.notJudged[0].reason).toMatch(/^billing is not shown drained: member a of billing still holds (orders|payments)\/\d@0, which billing never processed$/)
    // Once a processed everything and polled nothing, billing is drained and judged; metrics still is not.
    const drained = evaluateRun(
      await Effect.runPromise(runCommands(modelTarget, config, [...commands.slice(0, 5), ...processAll, poll])),
      config,
      guaranteeChecks
    )
    expect(drained.violations).toEqual([])
    expect(drained.notJudged.map((entry) => entry.guarantee)).toEqual(["AtMostOnceCanLose"])
  })
})

describe("evaluateRun and verdictOf on a target that failed", () => {
  it("does not judge a cut-short history by the drained-history checkers, and reports the divergence", async () => {
    const run = await Effect.runPromise(runCommands(diesOnThirdPoll, config, commands))
    expect(run.targetFailed).toBe(true)
    expect(run.divergence).toEqual({ step: 6, message: "target failed on ConsumerPoll: Error: connection reset" })
    const verdicts = evaluateRun(run, config, guaranteeChecks)
    expect(verdicts.violations).toEqual([])
    expect(verdicts.witnessed).not.toContain("AtMostOnceCanLose")
    expect(verdicts.notJudged.map((entry) => entry.guarantee)).toEqual(["NoLossUnderAtLeastOnce", "AtMostOnceCanLose"])
    expect(verdicts.notJudged.map((entry) => entry.groups)).toEqual([["billing"], ["metrics"]])
    expect(verdicts.notJudged[1].reason).toBe(
      "metrics is not shown drained: no live member of metrics's latest generation that owns orders/0 polled nothing at its last poll after the last send to it (step 2)"
    )
    for (const conformance of [true, false]) {
      expect(verdictOf(verdicts, conformance)).toEqual({ _tag: "Diverged", ...run.divergence, targetFailed: true })
    }
  })

  it("shrinks a failing target's run only towards runs where the target fails too", async () => {
    const failing = evaluateRun(await Effect.runPromise(runCommands(diesOnThirdPoll, config, commands)), config, guaranteeChecks)
    const verdict = verdictOf(failing, false)
    if (verdict === undefined) throw new Error("no verdict")
    const diverging = { ...failing, targetFailed: false }
    expect(failsLike(failing, failing, verdict)).toBe(true)
    expect(failsLike(diverging, failing, verdict)).toBe(false)
    expect(failsLike(failing, diverging, verdict)).toBe(true)
  })
})

describe("verdictOf names the claim the history breaks first", () => {
  const violation = (guarantee: "NoLossUnderAtLeastOnce" | "GroupsAreIndependent" | "PartitionOrderPreserved", step: number) =>
    ({ _tag: "GuaranteeViolated", guarantee, step, message: guarantee } as const)
  const divergence = { _tag: "Diverged", step: 1, message: "d" } as const

  it("picks the earliest violation, not the first in catalogue order, and the catalogue's order at a tie", () => {
    const verdicts = {
      violations: [violation("NoLossUnderAtLeastOnce", 9), violation("GroupsAreIndependent", 4), violation("PartitionOrderPreserved", 4)],
      divergence,
      witnessed: [],
      notJudged: [],
      targetFailed: false
    }
    expect(verdictOf(verdicts, true)).toEqual(violation("GroupsAreIndependent", 4))
    expect(verdictOf({ ...verdicts, violations: [] }, true)).toEqual(divergence)
    expect(verdictOf({ ...verdicts, violations: [] }, false)).toBeUndefined()
  })

  it("at a tie, names the claim about the step itself before a loss judged on the drained history", () => {
    const verdicts = {
      violations: [violation("NoLossUnderAtLeastOnce", 9), violation("GroupsAreIndependent", 9)],
      divergence,
      witnessed: [],
      notJudged: [],
      targetFailed: false
    }
    expect(verdictOf(verdicts, true)).toEqual(violation("GroupsAreIndependent", 9))
    const earlier = { ...verdicts, violations: [violation("NoLossUnderAtLeastOnce", 8), violation("GroupsAreIndependent", 9)] }
    expect(verdictOf(earlier, true)).toEqual(violation("NoLossUnderAtLeastOnce", 8))
  })
})

describe("evaluateRun judges the service guarantees service by service", () => {
  const withServices = {
    ...config,
    topics: [...config.topics, { name: "events", partitions: 1 }],
    services: [
      { name: "shop", topic: "events", publish: "outbox" as const },
      { name: "legacy", topic: "events", publish: "commit-then-send" as const }
    ]
  }
  const written: ReadonlyArray<Command> = [
    { _tag: "ServiceWrite", service: "shop", event: "e1" },
    { _tag: "ServiceWrite", service: "legacy", event: "l1" }
  ]
  const drain: ReadonlyArray<Command> = [
    { _tag: "RelayPublish", service: "shop" },
    { _tag: "RelayPublish", service: "shop" },
    { _tag: "ObserverDump", topic: "events", partition: 0, offset: 0, entriesMax: 1000 },
    { _tag: "ObserverService", service: "shop" },
    { _tag: "ObserverService", service: "legacy" }
  ]
  const serviceChecks = guaranteeChecks.filter((check) => check.id === "OutboxNeverLosesACommittedEvent" || check.id === "DualWriteCanLoseOrInventEvents")

  it("names the services whose drain the history does not show, with the reason, and not the groups", async () => {
    const run = await Effect.runPromise(runCommands(modelTarget, withServices, written))
    const verdicts = evaluateRun(run, withServices, serviceChecks)
    expect(verdicts.violations).toEqual([])
    expect(verdicts.notJudged).toEqual([
      {
        guarantee: "OutboxNeverLosesACommittedEvent",
        groups: ["shop"],
        reason: "shop is not shown drained: no RelayPublish of service shop answered OutboxEmpty after its last write (step 1)"
      },
      {
        guarantee: "DualWriteCanLoseOrInventEvents",
        groups: ["legacy"],
        reason: "legacy is not shown drained: no ObserverService lists service legacy after its last write or relay (step 2)"
      }
    ])
  })

  it("judges every service once the drain relays, dumps and lists them", async () => {
    const run = await Effect.runPromise(runCommands(modelTarget, withServices, [...written, ...drain]))
    const verdicts = evaluateRun(run, withServices, serviceChecks)
    expect(verdicts.violations).toEqual([])
    expect(verdicts.notJudged).toEqual([])
  })
})
