import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { checkTarget, type CheckReport } from "../../properties/check/checkTarget.ts"
import { exampleConfig } from "../../properties/exampleConfigs.ts"
import { guaranteeCheckById } from "../../properties/guarantees/index.ts"
import { historyOf, runCommands } from "../../properties/run.ts"
import type { GuaranteeId } from "../../spec/guarantee.ts"
import type { BrokerTarget } from "../brokerTarget.ts"
import { natsConfigFile, natsJetStreamEntry } from "./index.ts"
import { testTimeScale } from "./internal/testScripts.ts"
import type { NatsSetting } from "./settings.ts"

// Model-based checks of the shipped config, guarantees-only, a few short runs per setting (real time: about a
// second a run). The full picture (20+ runs per setting) is in the profile and the report; these pin what must
// hold and what the broker really violates, with traces that still fail when replayed.
const config = exampleConfig(natsConfigFile.replace(/^examples\/configs\//, "").replace(/\.json$/, ""))
const targets = new Map<NatsSetting, BrokerTarget>()

beforeAll(async () => {
  for (const setting of ["file", "memory"] as const) {
    const target = natsJetStreamEntry.make(setting, { timeScale: testTimeScale })
    targets.set(setting, target)
    await target.prepare()
  }
})

afterAll(async () => {
  for (const target of targets.values()) await target.close()
})

const check = (setting: NatsSetting, guarantees: ReadonlyArray<GuaranteeId>, runs: number, seed: number): Promise<CheckReport> =>
  checkTarget({
    target: targets.get(setting)!,
    config,
    runs,
    seed,
    commandsMax: 30,
    conformance: false,
    guarantees,
    // Small budgets: each run takes real seconds; the trace need only fail again, not be minimal.
    shrinkAttemptsMax: 1,
    minimizeAttemptsMax: 2
  })

const tally = (report: CheckReport, guarantee: GuaranteeId) => report.tallies.find((entry) => entry.guarantee.id === guarantee)!

/** Replays a report's trace on the same target and judges it again: the violation must recur. */
const replayed = async (setting: NatsSetting, report: CheckReport, guarantee: GuaranteeId): Promise<string | undefined> => {
  const trace = report.failure!
  const run = await Effect.runPromise(runCommands(targets.get(setting)!, trace.config, trace.commands))
  expect(run.targetFailed).toBe(false)
  return guaranteeCheckById(guarantee).always(historyOf(run), trace.config)?.message
}

describe("nats-jetstream: model-based checks of examples/configs/brokers/nats-jetstream.json", () => {
  it("the profile leaves out what JetStream has no equivalent for, and the config exercises the rest", () => {
    const profile = targets.get("file")!.profile
    expect(profile.conformance).toBe("guarantees-only")
    expect(Object.keys(profile.notApplicable)).toEqual(
      expect.arrayContaining(["PoisonMessagesEndInTheDeadLetterQueue", "RedriveReturnsDeadLetters", "FifoGroupOrderPreserved"])
    )
  })

  it("file storage: no acknowledged send is lost (witnessed), and StaleReceiptsDoNotDelete is violated, with a trace that fails again when replayed", async () => {
    const report = await check("file", ["QueueNoLossUnderAtLeastOnce", "StaleReceiptsDoNotDelete"], 8, 1)
    // The check stops at its first failing run: every run up to it kept every acknowledged send, and some witnessed a redelivery.
    expect(tally(report, "QueueNoLossUnderAtLeastOnce").violatedRuns).toBe(0)
    expect(tally(report, "QueueNoLossUnderAtLeastOnce").witnessedRuns).toBeGreaterThan(0)
    const verdict = report.failure?.verdict
    expect(verdict).toMatchObject({ _tag: "GuaranteeViolated", guarantee: "StaleReceiptsDoNotDelete" })
    expect(verdict?._tag === "GuaranteeViolated" ? verdict.message : "").toMatch(/with deleted: true, but the receipt was stale/)
    expect(await replayed("file", report, "StaleReceiptsDoNotDelete")).toMatch(/with deleted: true, but the receipt was stale/)
    console.log(`nats-jetstream file: StaleReceiptsDoNotDelete violated after ${report.runsDone} runs, trace of ${report.failure!.commands.length} commands`)
  })

  it("memory storage: QueueNoLossUnderAtLeastOnce is violated (a SIGKILL loses acknowledged sends), with a trace that fails again when replayed", async () => {
    const report = await check("memory", ["QueueNoLossUnderAtLeastOnce"], 8, 13)
    const verdict = report.failure?.verdict
    expect(verdict).toMatchObject({ _tag: "GuaranteeViolated", guarantee: "QueueNoLossUnderAtLeastOnce" })
    expect(report.failure!.commands.some((command) => command._tag === "BrokerRestart")).toBe(true)
    expect(await replayed("memory", report, "QueueNoLossUnderAtLeastOnce")).toMatch(/enqueued message \d+ at step \d+, but no QueueProcessed names it/)
    console.log(`nats-jetstream memory: QueueNoLossUnderAtLeastOnce violated after ${report.runsDone} runs, trace of ${report.failure!.commands.length} commands`)
  })
})
