/**
 * Printing run statistics the way fast-check's `statistics` does: one line
 * per label, dotted out to a column, with its share as a percentage.
 *
 * @module
 */
import { drainRecordsMax } from "../drain.ts"
import { keyClasses } from "../generate/keys.ts"
import { pollSizeBuckets, powerBucketLow, sessionAgeBuckets } from "./internal/buckets.ts"
import { type RunStats, transactionEnds, windowLandings } from "./runStats.ts"

const labelWidth = 36

/** Whether runs of the config can have transactions: a configured transactional producer or an exactly-once group. */
const hasTransactions = (config: RunStats["config"]): boolean =>
  (config.producers ?? []).some((producer) => producer.transactionalId !== undefined) ||
  config.groups.some((group) => group.mode === "exactly-once")

const percent = (part: number, whole: number): string =>
  `${(whole === 0 ? 0 : (100 * part) / whole).toFixed(2).padStart(6)}%`

/** One statistics line: `label.......  12.34%` (and the count, so small shares stay readable). */
export const formatShare = (label: string, part: number, whole: number): string =>
  `    ${`${label} `.padEnd(labelWidth, ".")} ${percent(part, whole)}  (${part.toLocaleString("en-US")})`

const section = (
  title: string,
  counts: ReadonlyMap<string, number>,
  whole: number,
  order?: ReadonlyArray<string>
): Array<string> => {
  const labels = order === undefined
    ? [...counts.keys()].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || a.localeCompare(b))
    : [...order, ...[...counts.keys()].filter((label) => !order.includes(label))]
  return [`  ${title}`, ...labels.map((label) => formatShare(label, counts.get(label) ?? 0, whole))]
}

const sum = (counts: ReadonlyMap<string, number>): number => {
  let total = 0
  for (const n of counts.values()) total += n
  return total
}

const byPowerBucket = (counts: ReadonlyMap<string, number>): ReadonlyArray<string> =>
  [...counts.keys()].sort((a, b) => powerBucketLow(a) - powerBucketLow(b))

/**
 * The statistics as lines of text: command kinds and answers (shares of the
 * commands before the drain), each judged guarantee's witness (share of runs), run
 * lengths and rebalances per run (shares of runs), key classes (of sends),
 * session expiries at the boundary, heartbeat ages and poll sizes; and, for a
 * config with transactional producers or an exactly-once group, how
 * transactions ended (share of ended transactions); for a config with
 * effects, the effect outcomes and where clock advances landed against
 * dedup windows.
 *
 * @example
 * ```text
 * statistics of 200 runs (8,153 commands before the drain):
 *   command kinds (share of commands)
 *     ConsumerProcess ...................  21.09%  (1,719)
 * ```
 */
export const formatRunStats = (stats: RunStats): string => {
  const { config, runs } = stats
  const lines = [
    `statistics of ${runs.toLocaleString("en-US")} ${runs === 1 ? "run" : "runs"} (${stats.commands.toLocaleString("en-US")} commands before the drain):`,
    ...section("command kinds (share of commands)", stats.commandKinds, stats.commands),
    ...section("answers (share of answers)", stats.answers, stats.commands),
    ...section(
      "guarantees witnessed: `sometimes` held (share of runs)",
      stats.witnessed,
      runs,
      stats.guarantees
    ),
    ...section("run length, commands before the drain (share of runs)", stats.runLengths, runs, byPowerBucket(stats.runLengths)),
    ...section("keys of sends (share of sends)", stats.keyClasses, sum(stats.keyClasses), keyClasses),
    ...section("rebalances per run (share of runs)", stats.rebalancesPerRun, runs, byPowerBucket(stats.rebalancesPerRun)),
    `  sessions expired by a clock advance: ${stats.expiries.toLocaleString("en-US")}`,
    formatShare("at the boundary (<= 1 ms past T)", stats.expiriesAtBoundary, stats.expiries),
    formatShare("runs with one at the boundary", stats.runsWithBoundaryExpiry, runs),
    ...section(
      `heartbeats by session age, T = ${config.sessionTimeoutMs} ms (share of heartbeats)`,
      stats.heartbeatAges,
      sum(stats.heartbeatAges),
      sessionAgeBuckets
    ),
    ...section(
      `poll sizes, R = recordsPerPollMax ${config.bounds.recordsPerPollMax}, D = the drain's poll size ${drainRecordsMax} (share of polls)`,
      stats.pollSizes,
      sum(stats.pollSizes),
      pollSizeBuckets
    ),
    ...(hasTransactions(config)
      ? section("transactions ended (share of ended transactions)", stats.transactionEnds, sum(stats.transactionEnds), transactionEnds)
      : []),
    ...(stats.effectOutcomes.size > 0
      ? section("effect outcomes (share of processings with an effect)", stats.effectOutcomes, sum(stats.effectOutcomes))
      : []),
    ...(stats.windowLandings.size > 0
      ? section("clock advances reaching a dedup window's end (share of them)", stats.windowLandings, sum(stats.windowLandings), windowLandings)
      : [])
  ]
  return lines.join("\n")
}
