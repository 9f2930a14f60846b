/**
 * Retries: what processing failures and retention did in a check's runs, the
 * figures the domain text's poison messages, retry storms and circuit
 * breakers turn on. Per group with a `failure` config: failed attempts by
 * cause, downstream calls, failed records (distinct record places with at
 * least one failed attempt in their run), and of them the records that
 * failed on the downstream with the downstream calls made for them per such
 * record (the retry storm a breaker cuts short), dead-letterings,
 * breaker openings, attempts held back (`BackoffPending`, `BreakerOpen`),
 * and at each run's end the dead letters not redriven (dead-lettered minus
 * redriven) and the age of the oldest of them. Per group that reads a topic
 * with retention: its resets, its refused polls (`autoOffsetReset: none`)
 * and the records they skipped.
 *
 * Read from the target's answers only, drain included (the drain brings
 * every downstream back and retries what failed until its policy gives up,
 * so its attempts are part of what a failure costs), through the failure
 * replay the checkers use (`properties/guarantees/internal/failureReplay.ts`):
 * a failed attempt is a `ProcessFailed`, or a `ProcessDeadLettered` with
 * cause `poison` or `downstream` (the last attempt); a downstream call is a
 * failed attempt with cause `downstream` or a `Processed` of a group with a
 * `failure` config; the breaker's openings count its re-openings after a
 * failed probe.
 *
 * @module
 */
import type { Config, FailurePolicy } from "../../spec/config.ts"
import type { HistoryEntry } from "../../spec/history.ts"
import { FailureReplay } from "../guarantees/internal/failureReplay.ts"
import { hasRetention } from "../guarantees/internal/logStarts.ts"
import type { RunAnswers } from "./partitionLoad.ts"

/** One group's retry figures over a check's runs (mutable: {@link retriesAdd} adds to it). */
export interface GroupRetries {
  readonly group: string
  readonly policy: FailurePolicy
  readonly hasBreaker: boolean
  /** Failed attempts with cause `poison` (`ProcessFailed`, and the last attempt's `ProcessDeadLettered`). */
  failedPoison: number
  /** Failed attempts with cause `downstream` (`ProcessFailed`, and the last attempt's `ProcessDeadLettered`). */
  failedDownstream: number
  /** Downstream calls: failed attempts with cause `downstream`, and `Processed`. */
  downstreamCalls: number
  /** Distinct record places with at least one failed attempt, summed over runs. */
  failedRecords: number
  /** Of those, the places with at least one failed downstream call. */
  downstreamFailedRecords: number
  /** The downstream calls made for those (failed ones and the one that got through). */
  downstreamCallsOnDownstreamFailed: number
  /** `ProcessDeadLettered` answers. */
  deadLettered: number
  /** Times its breaker opened (again, after a failed probe, included). */
  breakerOpenings: number
  /** Attempts refused with `BackoffPending`. */
  heldBackByBackoff: number
  /** Attempts refused with `BreakerOpen`. */
  heldBackByBreaker: number
  /** Per run: its dead letters no redrive returned by the run's end. */
  readonly deadLettersLeftPerRun: Array<number>
  /** Per run: the age of the oldest of those at the run's end (the run's clock minus its dead-lettering's), 0 when none. */
  readonly oldestDeadLetterAgeMsPerRun: Array<number>
}

/** One group's losses by retention over a check's runs. */
export interface GroupResets {
  readonly group: string
  /** Partitions its polls reset (`Polled.resets`). */
  resets: number
  /** Its polls refused with `OffsetOutOfRange` below the log start (`autoOffsetReset: none`). */
  refusals: number
  /** Records they skipped: `to - from` of each reset, and the log start minus the refused start of each refusal. */
  skipped: number
}

/** The retry and retention figures of a check's runs. */
export interface Retries {
  /** Runs folded in. */
  runs: number
  /** Per group with a `failure` config that reads a topic, in config order. */
  readonly groups: ReadonlyArray<GroupRetries>
  /** Per group that reads a topic with retention, in config order. */
  readonly retention: ReadonlyArray<GroupResets>
}

/** No runs yet: a series per group with a `failure` config, and per group that reads a topic with retention. */
export const retriesInit = (config: Config): Retries => {
  const retained = new Set(config.topics.filter(hasRetention).map((t) => t.name))
  return {
    runs: 0,
    groups: config.groups.flatMap((group) =>
      group.failure === undefined || group.topics.length === 0
        ? []
        : [{
          group: group.name,
          policy: group.failure.policy,
          hasBreaker: group.failure.breaker !== undefined,
          failedPoison: 0,
          failedDownstream: 0,
          downstreamCalls: 0,
          failedRecords: 0,
          downstreamFailedRecords: 0,
          downstreamCallsOnDownstreamFailed: 0,
          deadLettered: 0,
          breakerOpenings: 0,
          heldBackByBackoff: 0,
          heldBackByBreaker: 0,
          deadLettersLeftPerRun: [],
          oldestDeadLetterAgeMsPerRun: []
        }]
    ),
    retention: config.groups.filter((group) => group.topics.some((topic) => retained.has(topic))).map((group) => ({
      group: group.name,
      resets: 0,
      refusals: 0,
      skipped: 0
    }))
  }
}

const placeKey = (topic: string, partition: number, offset: number): string => `${topic}\u0000${partition}\u0000${offset}`

/** Adds one run's answers (drain included). */
export const retriesAdd = (retries: Retries, config: Config, run: RunAnswers): void => {
  retries.runs += 1
  if (retries.groups.length === 0 && retries.retention.length === 0) return
  const byGroup = new Map(retries.groups.map((figures) => [figures.group, figures]))
  const resetsByGroup = new Map(retries.retention.map((figures) => [figures.group, figures]))
  /** Per group: downstream calls per place, the places that failed, and those that failed on the downstream. */
  const calls = new Map<string, Map<string, number>>()
  const failed = new Map<string, Set<string>>()
  const failedDownstream = new Map<string, Set<string>>()
  for (const name of byGroup.keys()) {
    calls.set(name, new Map())
    failed.set(name, new Set())
    failedDownstream.set(name, new Set())
  }
  const failures = new FailureReplay(config)
  const length = Math.min(run.commands.length, run.actual.length)
  for (let step = 0; step < length; step++) {
    const entry: HistoryEntry = { command: run.commands[step], response: run.actual[step] }
    const answer = entry.response
    switch (answer._tag) {
      case "ProcessFailed":
      case "ProcessDeadLettered":
      case "Processed": {
        const figures = byGroup.get(answer.group)
        if (figures === undefined) break
        const place = placeKey(answer.topic, answer.partition, answer.offset)
        if (answer._tag === "ProcessDeadLettered") figures.deadLettered += 1
        if (answer._tag !== "Processed" && answer.cause !== "breaker-open") {
          failed.get(answer.group)!.add(place)
          if (answer.cause === "poison") figures.failedPoison += 1
          else {
            figures.failedDownstream += 1
            failedDownstream.get(answer.group)!.add(place)
          }
        }
        if (answer._tag === "Processed" || answer.cause === "downstream") {
          figures.downstreamCalls += 1
          const perPlace = calls.get(answer.group)!
          perPlace.set(place, (perPlace.get(place) ?? 0) + 1)
        }
        break
      }
      case "BackoffPending": {
        const figures = byGroup.get(answer.group)
        if (figures !== undefined) figures.heldBackByBackoff += 1
        break
      }
      case "BreakerOpen": {
        const figures = byGroup.get(answer.group)
        if (figures !== undefined) figures.heldBackByBreaker += 1
        break
      }
      case "Polled": {
        const figures = resetsByGroup.get(answer.group)
        if (figures === undefined) break
        for (const reset of answer.resets ?? []) {
          figures.resets += 1
          figures.skipped += Math.max(0, reset.to - reset.from)
        }
        break
      }
      case "OffsetOutOfRange": {
        const command = entry.command
        if (command._tag !== "ConsumerPoll" || answer.logStartOffset === undefined) break
        const figures = resetsByGroup.get(command.group)
        if (figures === undefined) break
        figures.refusals += 1
        figures.skipped += Math.max(0, answer.logStartOffset - answer.offset)
        break
      }
      default:
        break
    }
    failures.apply(entry, step)
  }
  for (const figures of retries.groups) {
    const group = failures.group(figures.group)
    figures.failedRecords += failed.get(figures.group)!.size
    const places = failedDownstream.get(figures.group)!
    figures.downstreamFailedRecords += places.size
    for (const [place, n] of calls.get(figures.group)!) if (places.has(place)) figures.downstreamCallsOnDownstreamFailed += n
    figures.breakerOpenings += group.breaker.openings
    const left = group.pendingRedrive()
    figures.deadLettersLeftPerRun.push(left.length)
    figures.oldestDeadLetterAgeMsPerRun.push(left.reduce((oldest, d) => Math.max(oldest, failures.nowMs - d.atMs), 0))
  }
}

/**
 * Appends `later`, the figures of the runs that follow `retries`' (folded
 * elsewhere, such as in a worker thread), to `retries`: the same as adding
 * those runs one by one, in order.
 */
export const retriesMerge = (retries: Retries, later: Retries): void => {
  retries.runs += later.runs
  retries.groups.forEach((figures, g) => {
    const other = later.groups[g]
    figures.failedPoison += other.failedPoison
    figures.failedDownstream += other.failedDownstream
    figures.downstreamCalls += other.downstreamCalls
    figures.failedRecords += other.failedRecords
    figures.downstreamFailedRecords += other.downstreamFailedRecords
    figures.downstreamCallsOnDownstreamFailed += other.downstreamCallsOnDownstreamFailed
    figures.deadLettered += other.deadLettered
    figures.breakerOpenings += other.breakerOpenings
    figures.heldBackByBackoff += other.heldBackByBackoff
    figures.heldBackByBreaker += other.heldBackByBreaker
    for (const left of other.deadLettersLeftPerRun) figures.deadLettersLeftPerRun.push(left)
    for (const ageMs of other.oldestDeadLetterAgeMsPerRun) figures.oldestDeadLetterAgeMsPerRun.push(ageMs)
  })
  retries.retention.forEach((figures, g) => {
    const other = later.retention[g]
    figures.resets += other.resets
    figures.refusals += other.refusals
    figures.skipped += other.skipped
  })
}

const count = (n: number): string => n.toLocaleString("en-US")

const sum = (values: ReadonlyArray<number>): number => values.reduce((total, n) => total + n, 0)

const max = (values: ReadonlyArray<number>): number => values.reduce((most, n) => Math.max(most, n), 0)

const plural = (n: number, one: string, many = `${one}s`): string => `${count(n)} ${n === 1 ? one : many}`

/** One group's figures in a few words: `billing 12 failed attempts (7 poison, 5 downstream) on 4 records, 40 downstream calls, 9 for the 3 records that failed on it (3.0 each), ...`. */
const formatGroup = (figures: GroupRetries): string => {
  const failedTotal = figures.failedPoison + figures.failedDownstream
  const perRecord = figures.downstreamFailedRecords === 0 ? "0" : (figures.downstreamCallsOnDownstreamFailed / figures.downstreamFailedRecords).toFixed(1)
  const parts = [
    `${figures.group} ${plural(failedTotal, "failed attempt")} (${count(figures.failedPoison)} poison, ${count(figures.failedDownstream)} downstream) on ${plural(figures.failedRecords, "record")}`,
    `${plural(figures.downstreamCalls, "downstream call")}, ${count(figures.downstreamCallsOnDownstreamFailed)} for the ${
      plural(figures.downstreamFailedRecords, "record")
    } that failed on it (${perRecord} each)`
  ]
  if (figures.policy === "retry-then-dead-letter") {
    parts.push(`${count(figures.deadLettered)} dead-lettered`)
    parts.push(`held back ${count(figures.heldBackByBackoff)} by backoff${figures.hasBreaker ? `, ${count(figures.heldBackByBreaker)} by the breaker` : ""}`)
  } else if (figures.hasBreaker) {
    parts.push(`held back ${count(figures.heldBackByBreaker)} by the breaker`)
  }
  if (figures.hasBreaker) parts.push(`breaker opened ${count(figures.breakerOpenings)}x`)
  if (figures.policy === "retry-then-dead-letter") {
    parts.push(
      `dead letters left at the end ${count(sum(figures.deadLettersLeftPerRun))} (up to ${count(max(figures.deadLettersLeftPerRun))} in a run, the oldest ${
        count(max(figures.oldestDeadLetterAgeMsPerRun))
      } ms old)`
    )
  }
  return parts.join(", ")
}

/** One group's losses by retention in a few words: `replayer 3 resets, 1 refused poll, 7 records skipped`. */
const formatResets = (figures: GroupResets): string =>
  `${figures.group} ${plural(figures.resets, "reset")}, ${plural(figures.refusals, "refused poll")}, ${plural(figures.skipped, "record")} skipped`

/**
 * The compact summary: a `retries` line for a config with a group with a
 * `failure` config, a `retention` line for a config with a topic with
 * retention that a group reads (joined by a newline), `undefined` for a
 * config with neither. Totals over the runs, drain included.
 *
 * @example
 * ```text
 * retries over 100 runs (drain included): billing 12 failed attempts (7 poison, 5 downstream) on 4 records, 40 downstream calls, 9 for the 3 records that failed on it (3.0 each), 3 dead-lettered, held back 2 by backoff, 1 by the breaker, breaker opened 2x, dead letters left at the end 3 (up to 1 in a run, the oldest 12,000 ms old); storm ...
 * retention over 100 runs (drain included): replayer 3 resets, 0 refused polls, 7 records skipped; strict 0 resets, 1 refused poll, 2 records skipped
 * ```
 */
export const formatRetries = (retries: Retries): string | undefined => {
  const lines: Array<string> = []
  const runs = `over ${plural(retries.runs, "run")} (drain included)`
  if (retries.groups.length > 0) lines.push(`retries ${runs}: ${retries.groups.map(formatGroup).join("; ")}`)
  if (retries.retention.length > 0) lines.push(`retention ${runs}: ${retries.retention.map(formatResets).join("; ")}`)
  return lines.length === 0 ? undefined : lines.join("\n")
}
