/**
 * Model-based checks of the Redis Streams target, per setting, with the
 * shipped config (guarantees-only: Redis's answers to stale
 * acknowledgements, and to anything after a lossy restart, are not the
 * model's). Each asserts what the check finds: the guarantees that hold are
 * held and witnessed; a violation Redis really has is found and saved as a
 * trace (its failing run, rerun once to confirm), and the trace fails again
 * when replayed.
 *
 * The seeds are chosen so that a few runs reach the interesting case: under
 * seed 10 the first runs restart the broker while at-least-once messages are
 * unprocessed; under seed 6 the third run acknowledges a stale receipt.
 */
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { checkTarget, type CheckReport } from "../../properties/check/checkTarget.ts"
import { exampleConfig } from "../../properties/exampleConfigs.ts"
import { guaranteeCheckById } from "../../properties/guarantees/index.ts"
import { historyOf, runCommands } from "../../properties/run.ts"
import type { GuaranteeId } from "../../spec/guarantee.ts"
import type { RedisSetting } from "./server.ts"
import { makeRedisStreamsTarget, type RedisStreamsTarget } from "./target.ts"

const config = exampleConfig("brokers/redis-streams")
const queueGuarantees: ReadonlyArray<GuaranteeId> = ["QueueNoLossUnderAtLeastOnce", "VisibilityTimeoutRedelivers", "StaleReceiptsDoNotDelete"]

const tallyOf = (report: CheckReport, id: GuaranteeId) => report.tallies.find((tally) => tally.guarantee.id === id)!

/**
 * A guarantees-only check without shrinking: a run on Redis takes about a
 * second of real time, so the default budgets (hundreds of shrinking runs)
 * would take minutes; the failing run is rerun once and reported as it is.
 */
const check = (target: RedisStreamsTarget, runs: number, seed: number, guarantees: ReadonlyArray<GuaranteeId>): Promise<CheckReport> =>
  checkTarget({ target, config, runs, seed, guarantees, conformance: false, shrinkAttemptsMax: 0, minimizeAttemptsMax: 0 })

/** The failure's commands, replayed as they are on the same target: the guarantee's checker flags them again. */
const replayFails = async (target: RedisStreamsTarget, report: CheckReport, id: GuaranteeId): Promise<boolean> => {
  const trace = report.failure!
  const replayed = await Effect.runPromise(runCommands(target, trace.config, trace.commands))
  return !replayed.targetFailed && guaranteeCheckById(id).always(historyOf(replayed), trace.config) !== undefined
}

const withTarget = (setting: RedisSetting, body: (target: () => RedisStreamsTarget) => void) =>
  describe(`redis-streams:${setting} checked`, () => {
    let target: RedisStreamsTarget
    beforeAll(async () => {
      target = makeRedisStreamsTarget(setting)
      await target.prepare()
    })
    afterAll(async () => {
      await target?.close()
    })
    body(() => target)
  })

withTarget("aof-everysec", (target) => {
  it("keeps every acknowledged send across restarts, and redelivers only after the visibility timeout: held and witnessed", async () => {
    const report = await check(target(), 6, 10, ["QueueNoLossUnderAtLeastOnce", "VisibilityTimeoutRedelivers"])
    expect(report.failure).toBeUndefined()
    expect(report.runsDone).toBe(6)
    for (const id of ["QueueNoLossUnderAtLeastOnce", "VisibilityTimeoutRedelivers"] as const) {
      expect(tallyOf(report, id)).toMatchObject({ applicable: true, violatedRuns: 0, notJudgedRuns: 0 })
      expect(tallyOf(report, id).witnessedRuns).toBeGreaterThan(0)
    }
    expect(target().restartTimesMs.length).toBeGreaterThan(0)
  })
})

withTarget("aof-always", (target) => {
  it("violates StaleReceiptsDoNotDelete (XACK acknowledges by entry id, whoever holds it); its trace fails again", async () => {
    const report = await check(target(), 3, 6, queueGuarantees)
    expect(report.failure?.verdict).toMatchObject({ _tag: "GuaranteeViolated", guarantee: "StaleReceiptsDoNotDelete" })
    expect(report.failure?.verdict._tag === "GuaranteeViolated" && report.failure.verdict.message).toMatch(/with deleted: true, but the receipt was stale/)
    expect(tallyOf(report, "QueueNoLossUnderAtLeastOnce")).toMatchObject({ violatedRuns: 0 })
    expect(tallyOf(report, "VisibilityTimeoutRedelivers")).toMatchObject({ violatedRuns: 0 })
    expect(tallyOf(report, "VisibilityTimeoutRedelivers").witnessedRuns).toBeGreaterThan(0)
    expect(await replayFails(target(), report, "StaleReceiptsDoNotDelete")).toBe(true)
  })
})

withTarget("rdb", (target) => {
  it("violates QueueNoLossUnderAtLeastOnce (a restart goes back to the last snapshot: none within a run); its trace fails again", async () => {
    const report = await check(target(), 3, 10, ["QueueNoLossUnderAtLeastOnce"])
    expect(report.failure?.verdict).toMatchObject({ _tag: "GuaranteeViolated", guarantee: "QueueNoLossUnderAtLeastOnce" })
    expect(report.failure!.commands.some((command) => command._tag === "BrokerRestart")).toBe(true)
    expect(await replayFails(target(), report, "QueueNoLossUnderAtLeastOnce")).toBe(true)
  })
})
