/**
 * Run statistics: what the exploring runs of a check exercised (command
 * kinds, answers, each guarantee's witness, run lengths, key classes,
 * rebalances, session expiries at the boundary, heartbeat ages, poll sizes,
 * and how transactions ended),
 * folded run by run into counters for `qsem check --stats`.
 *
 * Everything but the witnesses counts the generated part of each run (the
 * commands decoded from choices), not the final drain, whose commands are the
 * same mechanical loop in every run.
 *
 * @module
 */
import { catalogue } from "../../spec/catalogue.ts"
import type { Config } from "../../spec/config.ts"
import type { GuaranteeId } from "../../spec/guarantee.ts"
import type { RunVerdicts } from "../check/evaluate.ts"
import { drainRecordsMax } from "../drain.ts"
import type { Driver, MemberView } from "../driver/driver.ts"
import { driverInit } from "../driver/driver.ts"
import { driverObserve } from "../driver/observe.ts"
import { keyClassOf } from "../generate/keys.ts"
import type { Run } from "../run.ts"
import { pollSizeBucketOf, powerBucketOf, sessionAgeBucketOf } from "./internal/buckets.ts"

/** The counters of a check's runs (mutable: {@link runStatsAdd} adds to them). */
export interface RunStats {
  readonly config: Config
  /** The guarantees whose witnesses are listed: the ones the check judges and that apply to the config. */
  readonly guarantees: ReadonlyArray<GuaranteeId>
  /** Runs folded in. */
  runs: number
  /** Commands before the drain, over all runs. */
  commands: number
  /** Commands by `_tag`. */
  readonly commandKinds: Map<string, number>
  /** The target's answers by `_tag`. */
  readonly answers: Map<string, number>
  /** Runs that witnessed each guarantee's `sometimes`. */
  readonly witnessed: Map<GuaranteeId, number>
  /** Runs by length before the drain, in power-of-two bins. */
  readonly runLengths: Map<string, number>
  /** Sends by key class (see `keyClassOf`). */
  readonly keyClasses: Map<string, number>
  /** Runs by how many rebalances (new generations) their answers showed, in power-of-two bins. */
  readonly rebalancesPerRun: Map<string, number>
  /** Sessions expired by a clock advance. */
  expiries: number
  /** Of those, the ones at most 1 ms past `lastHeardMs + sessionTimeoutMs`. */
  expiriesAtBoundary: number
  /** Runs with at least one expiry at the boundary. */
  runsWithBoundaryExpiry: number
  /** Heartbeats of running members by session age (see `sessionAgeBucketOf`). */
  readonly heartbeatAges: Map<string, number>
  /** Polls by `recordsMax` against the limits (see `pollSizeBucketOf`). */
  readonly pollSizes: Map<string, number>
  /** Transactions that ended, by how (see {@link transactionEnds}); empty on configs without transactions. */
  readonly transactionEnds: Map<string, number>
  /** Processings with an effect, by outcome (`applied`, `skipped`, ...; a crashed one as `crashed midway, <outcome>`); empty on configs without effects. */
  readonly effectOutcomes: Map<string, number>
  /** Clock advances (on configs with a dedup window) that crossed, or stopped 1 ms short of, a remembered id's window end (see {@link windowLandings}). */
  readonly windowLandings: Map<string, number>
}

/** Where a clock advance landed against the window end of an id the group remembers: `nowMs - (recordedAtMs + dedupWindowMs)`. */
export const windowLandings = ["1 ms before the end", "at the end", "1 ms after the end", "further past the end"] as const

/** The ways a transaction ends, as `--stats` lists them. */
export const transactionEnds = ["committed", "aborted by its producer", "aborted by a new epoch", "aborted on timeout"] as const

/**
 * Empty counters for runs of `config` that judge `guarantees` (default: every
 * guarantee of the catalogue; pass only the applicable ones a check judges,
 * so the statistics do not list witnesses no run could have).
 */
export const runStatsInit = (
  config: Config,
  guarantees: ReadonlyArray<GuaranteeId> = catalogue.map((guarantee) => guarantee.id)
): RunStats => ({
  config,
  guarantees,
  runs: 0,
  commands: 0,
  commandKinds: new Map(),
  answers: new Map(),
  witnessed: new Map(),
  runLengths: new Map(),
  keyClasses: new Map(),
  rebalancesPerRun: new Map(),
  expiries: 0,
  expiriesAtBoundary: 0,
  runsWithBoundaryExpiry: 0,
  heartbeatAges: new Map(),
  pollSizes: new Map(),
  transactionEnds: new Map(),
  effectOutcomes: new Map(),
  windowLandings: new Map()
})

const bump = <K>(counts: Map<K, number>, key: K, n = 1): void => {
  counts.set(key, (counts.get(key) ?? 0) + n)
}

/**
 * Counts where a clock advance from the view's clock to `nowMs` landed
 * against the window end of each id the view remembers, for the ids whose
 * end (give or take 1 ms) it reached: from before `end + 1` to `end - 1` or later.
 */
const landWindows = (stats: RunStats, driver: Driver, nowMs: number): void => {
  if (nowMs === driver.nowMs) return
  for (const dedup of driver.outside.dedup.values()) {
    if (dedup.windowMs === undefined) continue
    for (const remembered of dedup.remembered) {
      const endMs = remembered.atMs + dedup.windowMs
      if (driver.nowMs >= endMs + 1 || nowMs < endMs - 1) continue
      const past = nowMs - endMs
      bump(stats.windowLandings, past === -1 ? windowLandings[0] : past === 0 ? windowLandings[1] : past === 1 ? windowLandings[2] : windowLandings[3])
    }
  }
}

const memberOf = (driver: Driver, group: string, member: string): MemberView | undefined =>
  driver.groups.find((g) => g.name === group)?.members.find((m) => m.name === member)

/**
 * Adds one run: its first `generatedCount` commands (the ones decoded from
 * choices; the rest is the drain) with the target's answers, followed by the
 * application's view as the run had it, and its verdicts' witnesses.
 *
 * @example
 * ```ts
 * const stats = runStatsInit(configDefault)
 * await checkTarget({ ...options, onRun: (run, verdicts, choices) => runStatsAdd(stats, run, verdicts, choices.length) })
 * console.log(formatRunStats(stats))
 * ```
 */
export const runStatsAdd = (stats: RunStats, run: Run, verdicts: RunVerdicts, generatedCount: number): void => {
  const { config } = stats
  const timeoutMs = config.sessionTimeoutMs
  const length = Math.min(generatedCount, run.actual.length)
  stats.runs += 1
  stats.commands += length
  bump(stats.runLengths, powerBucketOf(length))
  for (const id of verdicts.witnessed) bump(stats.witnessed, id)
  let driver = driverInit(config)
  const generations = new Map<string, number>()
  const generationSeen = (group: string, generation: number) => {
    if (generation > (generations.get(group) ?? 0)) generations.set(group, generation)
  }
  let boundaryExpiries = 0
  for (let i = 0; i < length; i++) {
    const command = run.commands[i]
    const response = run.actual[i]
    bump(stats.commandKinds, command._tag)
    bump(stats.answers, response._tag)
    switch (command._tag) {
      case "ProducerSend":
        bump(stats.keyClasses, keyClassOf(command.key))
        break
      case "ConsumerPoll":
        bump(stats.pollSizes, pollSizeBucketOf(command.recordsMax, config.bounds.recordsPerPollMax, drainRecordsMax))
        break
      case "ConsumerHeartbeat": {
        const member = memberOf(driver, command.group, command.member)
        if (member?.running === true) bump(stats.heartbeatAges, sessionAgeBucketOf(driver.nowMs - member.lastHeardMs, timeoutMs))
        break
      }
    }
    switch (response._tag) {
      case "Joined":
      case "Left":
      case "HeartbeatOk":
      case "RebalanceInProgress":
      case "Committed":
        generationSeen(response.group, response.generation)
        break
      case "StaleGeneration":
        generationSeen(response.group, response.generationCurrent)
        break
      case "TxnCommitted":
        bump(stats.transactionEnds, "committed")
        break
      case "TxnAborted":
        bump(stats.transactionEnds, "aborted by its producer")
        break
      case "ProducerInitialized":
        if (response.aborted !== undefined) bump(stats.transactionEnds, "aborted by a new epoch")
        break
      case "Processed":
      case "ProcessCrashed":
        if (response.effect !== undefined) {
          bump(stats.effectOutcomes, response._tag === "ProcessCrashed" ? `crashed midway, ${response.effect.outcome}` : response.effect.outcome)
        }
        break
      case "ClockAdvanced":
        if (driver.external) landWindows(stats, driver, response.nowMs)
        if (response.transactionsAborted !== undefined) bump(stats.transactionEnds, "aborted on timeout", response.transactionsAborted.length)
        for (const { generation, group } of response.rebalanced) generationSeen(group, generation)
        for (const { group, member } of response.expired) {
          stats.expiries += 1
          const view = memberOf(driver, group, member)
          if (view !== undefined && response.nowMs - (view.lastHeardMs + timeoutMs) <= 1) boundaryExpiries += 1
        }
        break
    }
    driver = driverObserve(driver, command, response)
  }
  let rebalances = 0
  for (const generation of generations.values()) rebalances += generation
  bump(stats.rebalancesPerRun, powerBucketOf(rebalances))
  stats.expiriesAtBoundary += boundaryExpiries
  if (boundaryExpiries > 0) stats.runsWithBoundaryExpiry += 1
}

/** Adds every count of `later` to `counts`, keys new to `counts` in `later`'s order. */
const bumpAll = <K>(counts: Map<K, number>, later: ReadonlyMap<K, number>): void => {
  for (const [key, n] of later) bump(counts, key, n)
}

/**
 * Adds `later`, the counters of the runs that follow `stats`' (folded
 * elsewhere, such as in a worker thread, from the same config and
 * guarantees), to `stats`: the same as adding those runs one by one, in
 * order (every map keeps the order in which its keys first came up).
 */
export const runStatsMerge = (stats: RunStats, later: RunStats): void => {
  stats.runs += later.runs
  stats.commands += later.commands
  bumpAll(stats.commandKinds, later.commandKinds)
  bumpAll(stats.answers, later.answers)
  bumpAll(stats.witnessed, later.witnessed)
  bumpAll(stats.runLengths, later.runLengths)
  bumpAll(stats.keyClasses, later.keyClasses)
  bumpAll(stats.rebalancesPerRun, later.rebalancesPerRun)
  stats.expiries += later.expiries
  stats.expiriesAtBoundary += later.expiriesAtBoundary
  stats.runsWithBoundaryExpiry += later.runsWithBoundaryExpiry
  bumpAll(stats.heartbeatAges, later.heartbeatAges)
  bumpAll(stats.pollSizes, later.pollSizes)
  bumpAll(stats.transactionEnds, later.transactionEnds)
  bumpAll(stats.effectOutcomes, later.effectOutcomes)
  bumpAll(stats.windowLandings, later.windowLandings)
}
