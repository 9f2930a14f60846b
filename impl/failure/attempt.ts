/**
 * One attempt at processing a buffered record in a group with a `failure`
 * config (spec/command/consumer.ts `ConsumerProcess` step 3a), before the
 * writes of step 4 on:
 *
 * - `BackoffPending` while the member's client holds a retry time for the
 *   place that is still ahead (nothing changes);
 * - a poison record fails, cause `poison` (no downstream call; the breaker is
 *   not touched);
 * - otherwise, while the group's breaker holds attempts back: `BreakerOpen`
 *   (`whileOpen: "pause"`, nothing changes) or the record is dead-lettered at
 *   once, cause `breaker-open`, with the attempts made so far;
 * - otherwise the downstream is called (the half-open probe when the
 *   breaker's cool-down passed): down, the attempt fails, cause
 *   `downstream`, and the breaker counts it; up, the breaker closes, the
 *   place's attempts are forgotten and processing goes on.
 *
 * A failed attempt adds one to the place's count; at `attemptsMax` a
 * `retry-then-dead-letter` policy dead-letters the record, otherwise it stays
 * buffered with its retry time (`nowMs` + the schedule's delay; none under
 * `none`): `ProcessFailed`.
 *
 * @module
 */
import type { FailureConfig } from "../../spec/config.ts"
import type { FailureCause } from "../../spec/failure.ts"
import type { LogRecord } from "../../spec/record.ts"
import type { ResponseOf } from "../../spec/response.ts"
import { BackoffPending, BreakerOpen, type NotDelivered, type UnknownMember, type UnknownTopic } from "../errors.ts"
import type { Services } from "../services.ts"
import { deadLetter } from "./deadLettering.ts"

/** What an attempt ended in: a failure or a dead-lettering answered, or (`undefined`) a successful call, processing goes on. */
export type AttemptOutcome = ResponseOf<"ProcessFailed"> | ResponseOf<"ProcessDeadLettered"> | undefined

/** The errors an attempt throws: its refusals, and the checks of the writes it may make. */
export type AttemptError = BackoffPending | BreakerOpen | UnknownTopic | UnknownMember | NotDelivered

/** The downstream call of a record that is not poison; the cause of its failure, or `undefined` when it succeeded. */
const call = (s: Services, group: string, failure: FailureConfig): FailureCause | undefined => {
  const up = s.downstream.isUp(group)
  const { breaker } = failure
  if (breaker !== undefined) {
    if (up) s.circuitBreaker.succeeded(group, breaker)
    else s.circuitBreaker.failed(group, breaker)
  }
  return up ? undefined : "downstream"
}

/** The attempt of step 3a, for a member's buffered record in a group with a `failure` config; throws an {@link AttemptError}. */
export const attempt = (s: Services, group: string, failure: FailureConfig, member: string, record: LogRecord): AttemptOutcome => {
  const { circuitBreaker: breakers, clock, processAttempts: attempts, poisonCheck: poison, retryPolicy: retries } = s
  const { offset, partition, topic } = record
  const nowMs = clock.nowMs()
  const held = attempts.of(group, member, topic, partition, offset)
  const made = held?.count ?? 0
  if (held?.retryAtMs !== undefined && retries.refuses(held.retryAtMs, nowMs)) {
    throw new BackoffPending({ group, member, topic, partition, offset, retryAtMs: held.retryAtMs })
  }
  const poisoned = poison.isPoison(record)
  const { breaker } = failure
  if (!poisoned && breaker !== undefined) {
    const admission = breakers.admit(group, breaker)
    if (admission._tag === "Held") {
      if (breaker.whileOpen === "pause") {
        throw new BreakerOpen({ group, member, topic, partition, offset, untilMs: admission.untilMs })
      }
      return deadLetter(s, group, failure, member, record, "breaker-open", made)
    }
  }
  const cause = poisoned ? "poison" : call(s, group, failure)
  if (cause === undefined) {
    attempts.forget(group, member, topic, partition, offset)
    return undefined
  }
  const count = made + 1
  if (retries.exhausted(failure, count)) return deadLetter(s, group, failure, member, record, cause, count)
  const retryAtMs = failure.policy === "none" ? undefined : nowMs + retries.delayMs(group, count)
  attempts.set(group, member, topic, partition, offset, { count, retryAtMs })
  return {
    _tag: "ProcessFailed",
    group,
    member,
    topic,
    partition,
    offset,
    cause,
    attempt: count,
    ...(retryAtMs === undefined ? {} : { retryAtMs })
  }
}
