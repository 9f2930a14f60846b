/**
 * The figures of the played retry storm (`retryStormScenario.ts`), per
 * group, read off the answers only: downstream calls per tick (a
 * `ProcessFailed` with cause `downstream` or a `Processed`: each called the
 * downstream), the calls spent on records that failed, the breaker's
 * openings and the attempts it held back, the dead letters (how many, how
 * deep the dead-letter topic got, how old its oldest entry was when the
 * redrive came), and whether every order was processed in the end.
 *
 * @module
 */
import type { Response } from "../../spec/response.ts"
import { FailureReplay } from "../../properties/guarantees/internal/failureReplay.ts"
import { retryStorm, type RetryStormRun } from "./retryStormScenario.ts"

/** What one group did in the run. Ticks are 1-based; per-tick arrays hold tick 1 first. */
export interface RetryStormGroupFacts {
  readonly group: string
  /** Whether the group has a breaker. */
  readonly breaker: boolean
  /** Downstream calls in each tick. */
  readonly callsPerTick: ReadonlyArray<number>
  /** Downstream calls while the downstream was down (ticks `downTick` to `upTick - 1`). */
  readonly callsDuringOutage: number
  /** Orders sent while the downstream was down: the records the outage hit. */
  readonly sentDuringOutage: number
  /** `callsDuringOutage / sentDuringOutage`: downstream calls per record the outage hit, every one of them failed. */
  readonly callsPerOutageRecord: number
  /** Records with at least one failed downstream call. */
  readonly failedRecords: number
  /** Failed downstream calls. */
  readonly failedCalls: number
  /** Times the breaker opened (a failed call that made the consecutive count reach `failuresMax`, or a failed probe). */
  readonly breakerOpenings: number
  /** Attempts the open breaker held back (`BreakerOpen`). */
  readonly heldBack: number
  /** Records dead-lettered. */
  readonly deadLettered: number
  /** The most dead letters waiting (dead-lettered, not redriven) at the end of a tick. */
  readonly deadLetterDepthMax: number
  /** At the redrive, the age of the oldest dead letter (ms; 0 when there was none). */
  readonly oldestDeadLetterAgeMs: number
  /** Records the redrive moved back. */
  readonly redriven: number
  /** Distinct orders processed (by value), of those sent. */
  readonly processed: number
  /** `Processed` answers for an order processed before (a redrive appends to the source topic, which every group reading it gets again). */
  readonly processedTwice: number
  /** Orders sent. */
  readonly sent: number
}

/** What the run showed: one entry per group of `retryStorm.groups`, and the ticks played. */
export interface RetryStormFacts {
  readonly run: RetryStormRun
  readonly ticks: number
  readonly groups: ReadonlyArray<RetryStormGroupFacts>
}

const groupOf = (response: Response): string | undefined => ("group" in response ? response.group : undefined)

const placeOf = (response: { readonly topic: string; readonly partition: number; readonly offset: number }): string =>
  `${response.topic}/${response.partition}@${response.offset}`

/** Reads the figures of one group off the run. */
const groupFactsOf = (run: RetryStormRun, group: string): RetryStormGroupFacts => {
  const failure = run.config.groups.find((g) => g.name === group)?.failure
  const ticks = run.tickStarts.length
  const callsPerTick = new Array<number>(ticks).fill(0)
  const valueAt = new Map<string, string>()
  const failedPlaces = new Set<string>()
  const processedValues = new Set<string>()
  const deadLetteredAt: Array<number> = []
  let redrivenCount = 0
  let failedCalls = 0
  // The breaker's openings as the checkers replay them (`failureReplay.ts`), not counted again here.
  const failures = new FailureReplay(run.config)
  let heldBack = 0
  let deadLetterDepthMax = 0
  let oldestDeadLetterAgeMs = 0
  let nowMs = 0
  let sent = 0
  let sentDuringOutage = 0
  let processedTwice = 0
  let tick = 0
  run.commands.forEach((command, i) => {
    while (tick < ticks && run.tickStarts[tick] <= i) tick++
    const response = run.responses[i]
    failures.apply({ command, response }, i)
    if (response._tag === "ClockAdvanced") nowMs = response.nowMs
    if (command._tag === "ProducerSend" && response._tag === "Sent") {
      sent++
      if (tick >= retryStorm.downTick && tick < retryStorm.upTick) sentDuringOutage++
      valueAt.set(placeOf(response), command.value)
    }
    if (response._tag === "DeadLettersRedriven") {
      for (const record of response.records) {
        const value = valueAt.get(placeOf(record.deadLetter))
        if (value !== undefined) valueAt.set(placeOf(record.source), value)
      }
      if (response.group === group) {
        if (response.records.length > 0) oldestDeadLetterAgeMs = nowMs - deadLetteredAt[redrivenCount]
        redrivenCount += response.records.length
      }
    }
    if (response._tag === "ProcessDeadLettered") {
      valueAt.set(placeOf(response.deadLetter), valueAt.get(placeOf(response)) ?? "")
      if (response.group === group) deadLetteredAt.push(nowMs)
    }
    if (i + 1 === run.tickStarts[tick] || i + 1 === run.commands.length) {
      deadLetterDepthMax = Math.max(deadLetterDepthMax, deadLetteredAt.length - redrivenCount)
    }
    if (groupOf(response) !== group || tick === 0) return
    const isCall = response._tag === "Processed" ||
      ((response._tag === "ProcessFailed" || response._tag === "ProcessDeadLettered") && response.cause === "downstream")
    if (isCall) callsPerTick[tick - 1]++
    if (response._tag === "Processed") {
      const value = valueAt.get(placeOf(response)) ?? placeOf(response)
      if (processedValues.has(value)) processedTwice++
      processedValues.add(value)
    } else if ((response._tag === "ProcessFailed" || response._tag === "ProcessDeadLettered") && response.cause === "downstream") {
      failedCalls++
      failedPlaces.add(placeOf(response))
    } else if (response._tag === "BreakerOpen") {
      heldBack++
    }
  })
  const outage = callsPerTick.slice(retryStorm.downTick - 1, retryStorm.upTick - 1)
  const callsDuringOutage = outage.reduce((sum, n) => sum + n, 0)
  return {
    group,
    breaker: failure?.breaker !== undefined,
    callsPerTick,
    callsDuringOutage,
    sentDuringOutage,
    callsPerOutageRecord: sentDuringOutage === 0 ? 0 : callsDuringOutage / sentDuringOutage,
    failedRecords: failedPlaces.size,
    failedCalls,
    breakerOpenings: failures.group(group).breaker.openings,
    heldBack,
    deadLettered: deadLetteredAt.length,
    deadLetterDepthMax,
    oldestDeadLetterAgeMs,
    redriven: redrivenCount,
    processed: processedValues.size,
    processedTwice,
    sent
  }
}

/** Reads the figures of both groups off the run. */
export const retryStormFactsOf = (run: RetryStormRun): RetryStormFacts => ({
  run,
  ticks: run.tickStarts.length,
  groups: retryStorm.groups.map((group) => groupFactsOf(run, group))
})
