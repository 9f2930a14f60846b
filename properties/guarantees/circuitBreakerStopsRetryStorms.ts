/**
 * CircuitBreakerStopsRetryStorms: after `failuresMax` consecutive failed
 * downstream calls a group's breaker opens and no downstream call is made
 * until its cool-down passed; then one probe closes it or opens it again.
 * The breaker is replayed from the answers (see `internal/failureReplay.ts`).
 *
 * @module
 */
import type { Config, History, Response } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { failureNeeds } from "./internal/failureConfigs.ts"
import { FailureReplay, type GroupFailures } from "./internal/failureReplay.ts"
import { showRecord } from "./internal/keys.ts"

/** The breaker's last opening, in words: `opened at step 7 (2000 ms), cooling down until 7000 ms`. */
const showOpening = (group: GroupFailures): string =>
  `${group.name}'s breaker opened at step ${group.breaker.openedStep + 1} (${group.breaker.openedAtMs} ms) and cools down until ${
    group.breaker.openedAtMs + (group.breakerConfig?.coolDownMs ?? 0)
  } ms`

/** Why the breaker is not holding attempts back at `nowMs`, in words. */
const notCooling = (group: GroupFailures, nowMs: number): string =>
  !group.breaker.open
    ? `${group.name}'s breaker is closed (${group.breaker.failures} consecutive failed calls of ${group.breakerConfig?.failuresMax})`
    : `${group.name}'s breaker, opened at step ${group.breaker.openedStep + 1} (${group.breaker.openedAtMs} ms), had cooled down at ${
      group.breaker.openedAtMs + (group.breakerConfig?.coolDownMs ?? 0)
    } ms (now ${nowMs} ms)`

/** Why a downstream call (the answer of an attempt that called it) came while its group's breaker cooled down, or `undefined`. */
const callViolation = (failures: FailureReplay, response: Response, nowMs: number): string | undefined => {
  if (response._tag !== "Processed" && response._tag !== "ProcessFailed" && response._tag !== "ProcessDeadLettered") return undefined
  const group = failures.group(response.group)
  if (group.failure === undefined || (response._tag !== "Processed" && response.cause !== "downstream")) return undefined
  if (!group.coolingAt(nowMs)) return undefined
  const call = response._tag === "Processed" ? "a successful call" : response._tag === "ProcessFailed" ? "a failed call" : "a failed call, then dead-lettered"
  return `member ${response.member} of ${response.group} called its downstream for ${
    showRecord(response.topic, response.partition, response.offset)
  } at ${nowMs} ms (${call}), but ${showOpening(group)}`
}

/** Why an attempt held back by the breaker (`BreakerOpen`, or a dead-lettering with cause `breaker-open`) was not due, or `undefined`. */
const heldBackViolation = (failures: FailureReplay, response: Response, nowMs: number): string | undefined => {
  if (response._tag !== "BreakerOpen" && !(response._tag === "ProcessDeadLettered" && response.cause === "breaker-open")) return undefined
  const group = failures.group(response.group)
  const breaker = group.breakerConfig
  const what = `member ${response.member} of ${response.group} was ${
    response._tag === "BreakerOpen" ? "held back by BreakerOpen" : "dead-lettered with cause breaker-open"
  } for ${showRecord(response.topic, response.partition, response.offset)} at ${nowMs} ms`
  const wanted = response._tag === "BreakerOpen" ? "pause" : "dead-letter"
  if (breaker === undefined) return `${what}, but ${response.group} has no breaker`
  if (breaker.whileOpen !== wanted) return `${what}, but ${response.group}'s breaker is whileOpen ${breaker.whileOpen}`
  if (!group.coolingAt(nowMs)) return `${what}, but ${notCooling(group, nowMs)}`
  if (response._tag === "BreakerOpen" && response.untilMs !== group.breaker.openedAtMs + breaker.coolDownMs) {
    return `${what} until ${response.untilMs} ms, but ${showOpening(group)}`
  }
  return undefined
}

/**
 * The first, in history order, of: a downstream call (a `ProcessFailed` or
 * `ProcessDeadLettered` with cause `downstream`, or a `Processed` of a group
 * with a `failure` config) while its group's breaker is open and cooling
 * down; a `BreakerOpen` or a
 * `ProcessDeadLettered` with cause `breaker-open` of a group without a
 * breaker, of a breaker whose `whileOpen` is the other one, or while the
 * breaker is not open and cooling down; a `BreakerOpen` whose `untilMs` is
 * not the opening's clock plus `coolDownMs`.
 */
const always = (history: History, config: Config): Violation | undefined => {
  if (!config.groups.some((group) => group.failure !== undefined)) return undefined
  const failures = new FailureReplay(config)
  for (let step = 0; step < history.length; step++) {
    const entry = history[step]
    const message = callViolation(failures, entry.response, failures.nowMs) ?? heldBackViolation(failures, entry.response, failures.nowMs)
    if (message !== undefined) return { step, message }
    failures.apply(entry, step)
  }
  return undefined
}

/** Some group's breaker opened, held back an attempt, and closed after a successful probe. */
const sometimes = (history: History, config: Config): boolean => {
  if (!config.groups.some((group) => group.failure?.breaker !== undefined)) return false
  const failures = new FailureReplay(config)
  history.forEach((entry, step) => failures.apply(entry, step))
  for (const group of failures.allGroups()) if (group.breaker.cycled) return true
  return false
}

/** The checker of CircuitBreakerStopsRetryStorms. */
export const circuitBreakerStopsRetryStorms: GuaranteeCheck = {
  id: "CircuitBreakerStopsRetryStorms",
  always,
  sometimes,
  notApplicableReason: failureNeeds.breaker
}
