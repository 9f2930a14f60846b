/**
 * Step 3a of `ConsumerProcess` (spec/command/consumer.ts) in a group with a
 * `failure` config: the attempt. In order: the client's retry time for the
 * record's place refuses an early attempt (`BackoffPending`); a poison record
 * fails (cause `poison`) without calling the downstream; an open breaker
 * within its cool-down holds the attempt back (`BreakerOpen`, or with
 * `whileOpen: "dead-letter"` the record is dead-lettered at once, cause
 * `breaker-open`); otherwise the attempt calls the downstream (the half-open
 * probe when the breaker is open): down, it fails (cause `downstream`) and
 * the breaker counts it; up, the breaker closes and processing goes on.
 * A failed attempt counts for the place; under `retry-then-dead-letter` the
 * `attemptsMax`-th is dead-lettered, otherwise the record stays buffered with
 * its retry time (none under `none`): `ProcessFailed`.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import type { FailureConfig } from "../../spec/config.ts"
import { retryDelayMsOf } from "../../spec/config.ts"
import type { FailureCause } from "../../spec/failure.ts"
import { isPoison } from "../../spec/failure.ts"
import type { LogRecord } from "../../spec/record.ts"
import { clientTake, clientWithAttempts, clientsPut } from "../client.ts"
import type { Client } from "../client.ts"
import type { Session } from "../internal/session.ts"
import type { ModelState, Transition } from "../state.ts"
import { withFailure, withGroup } from "../state.ts"
import { attemptsAt, attemptsWith, attemptsWithout } from "./attempts.ts"
import type { Breaker } from "./breaker.ts"
import { breakerAfterCall, breakerHeldUntilMs } from "./breaker.ts"
import { publishDeadLetter } from "./deadLetter.ts"
import { downstreamAnswers } from "./downstream.ts"
import type { FailureState } from "./failureState.ts"

/** The attempt succeeded: processing goes on from this state (the breaker closed) with step 4. */
export interface Proceed {
  readonly proceed: ModelState
}

/** What an attempt came to: an answer (refused, failed or dead-lettered), or {@link Proceed}. */
export type Attempted = Transition | Proceed

/** Whether the attempt succeeded and processing goes on. */
export const isProceed = (attempted: Attempted): attempted is Proceed => "proceed" in attempted

/** The state with the session's client replaced by `client`. */
const withClient = (state: ModelState, session: Session, client: Client): ModelState => {
  const group = state.groups[session.groupIndex]
  return withGroup(state, session.groupIndex, {
    membership: group.membership,
    committed: group.committed,
    clients: clientsPut(group.clients, session.clientIndex, client),
    sink: group.sink
  })
}

/** The failure state with `breaker` (the same object when it did not change). */
const withBreaker = (failure: FailureState, breaker: Breaker): FailureState =>
  breaker === failure.breaker ? failure : { downstreamUp: failure.downstreamUp, breaker, deadLetters: failure.deadLetters }

/**
 * Dead-letters the buffered record at `index`: published to the group's
 * dead-letter topic (see ./deadLetter.ts), the first matching buffer entry
 * removed (not to the sink), the place's attempts forgotten, the breaker set
 * to `breaker`. Answers `ProcessDeadLettered`.
 */
const deadLettered = (
  state: ModelState,
  command: CommandOf<"ConsumerProcess">,
  session: Session,
  index: number,
  record: LogRecord,
  deadLetterTopic: string,
  failureState: FailureState,
  breaker: Breaker,
  cause: FailureCause,
  attempts: number
): Transition => {
  const { group, member, topic, partition, offset } = command
  const published = publishDeadLetter(state, group, deadLetterTopic, record, cause, attempts, failureState.deadLetters)
  const client = session.client
  let next = withClient(published.state, session, clientTake(client, index, attemptsWithout(client.attempts, topic, partition, offset)))
  next = withFailure(next, session.groupIndex, { downstreamUp: failureState.downstreamUp, breaker, deadLetters: published.ledger })
  return {
    state: next,
    response: { _tag: "ProcessDeadLettered", group, member, topic, partition, offset, cause, attempts, deadLetter: published.deadLetter }
  }
}

/**
 * Runs step 3a for the buffered `record` at `index` of the session's client
 * (a group with the `failure` config `failure`). Answers `BackoffPending` or
 * `BreakerOpen` (nothing changes), `ProcessFailed` or `ProcessDeadLettered`;
 * or {@link Proceed} when the downstream call succeeded (`crashMidway`
 * applies only then, in the caller).
 */
export const attemptProcess = (
  state: ModelState,
  command: CommandOf<"ConsumerProcess">,
  session: Session,
  index: number,
  record: LogRecord,
  failure: FailureConfig
): Attempted => {
  const { group, member, topic, partition, offset } = command
  const nowMs = state.nowMs
  const failureState = state.failures[session.groupIndex]!
  const client = session.client
  const placed = attemptsAt(client.attempts, topic, partition, offset)
  if (placed !== undefined && nowMs < placed.retryAtMs) {
    return { state, response: { _tag: "BackoffPending", group, member, topic, partition, offset, retryAtMs: placed.retryAtMs } }
  }
  const breakerConfig = failure.breaker
  let breaker = failureState.breaker
  let cause: FailureCause
  if (isPoison(record.value)) cause = "poison"
  else {
    if (breakerConfig !== undefined) {
      const untilMs = breakerHeldUntilMs(breaker, breakerConfig, nowMs)
      if (untilMs >= 0) {
        if (breakerConfig.whileOpen === "pause") {
          return { state, response: { _tag: "BreakerOpen", group, member, topic, partition, offset, untilMs } }
        }
        return deadLettered(state, command, session, index, record, failure.deadLetterTopic!, failureState, breaker, "breaker-open", placed?.count ?? 0)
      }
    }
    const succeeded = downstreamAnswers(failureState)
    if (breakerConfig !== undefined) breaker = breakerAfterCall(breaker, breakerConfig, succeeded, nowMs)
    if (succeeded) return { proceed: withFailure(state, session.groupIndex, withBreaker(failureState, breaker)) }
    cause = "downstream"
  }
  const count = (placed?.count ?? 0) + 1
  if (failure.policy === "retry-then-dead-letter" && count >= failure.attemptsMax!) {
    return deadLettered(state, command, session, index, record, failure.deadLetterTopic!, failureState, breaker, cause, count)
  }
  const retrying = failure.policy === "retry-then-dead-letter"
  const retryAtMs = retrying ? nowMs + retryDelayMsOf(failure, count) : -1
  const next = withClient(state, session, clientWithAttempts(client, attemptsWith(client.attempts, { topic, partition, offset, count, retryAtMs })))
  const base = { _tag: "ProcessFailed", group, member, topic, partition, offset, cause, attempt: count } as const
  return {
    state: withFailure(next, session.groupIndex, withBreaker(failureState, breaker)),
    response: retrying ? { ...base, retryAtMs } : base
  }
}
