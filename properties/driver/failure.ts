/**
 * The application's view of its groups' failure handling (spec/failure.ts),
 * learned from the answers only: each client's failed attempts per record
 * place with their retry times, each group's downstream and breaker as far
 * as the answers showed them, and the dead letters not redriven yet.
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import type { FailurePolicy, GroupConfig } from "../../spec/config.ts"
import type { PartitionOffset } from "../../spec/record.ts"
import type { Response } from "../../spec/response.ts"
import type { Driver, GroupView, MemberView } from "./driver.ts"
import { partitionKey } from "./driver.ts"
import { updateMember, withGroup } from "./internal/update.ts"

/** A client's failed attempts at one record place: how many, and when the policy lets it try again (absent: at once). */
export interface FailedAttempt {
  readonly attempts: number
  readonly retryAtMs?: number
}

/** A group's failure handling, as the answers showed it. */
export interface FailureView {
  readonly policy: FailurePolicy
  /** `attemptsMax` of a `retry-then-dead-letter` policy (0 for `none`). */
  readonly attemptsMax: number
  /** Whether the group has a breaker. */
  readonly breaker: boolean
  /** The group's downstream is up, as the last `DownstreamSet` said (up at the start). */
  readonly downstreamUp: boolean
  /** The end of the breaker's cool-down the last `BreakerOpen` told (0: none known; a success closes it). */
  readonly breakerUntilMs: number
  /** Records dead-lettered and not redriven since. */
  readonly deadLetters: number
}

/** The failure view of a group at the start, `undefined` for a group without a `failure` config. */
export const failureInit = (group: GroupConfig): FailureView | undefined =>
  group.failure === undefined
    ? undefined
    : {
        policy: group.failure.policy,
        attemptsMax: group.failure.attemptsMax ?? 0,
        breaker: group.failure.breaker !== undefined,
        downstreamUp: true,
        breakerUntilMs: 0,
        deadLetters: 0
      }

/** The key of a record place in {@link MemberView.attempts}: `topic/partition@offset`. */
export const placeKey = (place: { readonly topic: string; readonly partition: number; readonly offset: number }): string =>
  `${partitionKey(place.topic, place.partition)}@${place.offset}`

/** The member's failed attempts at a place, if any. */
export const attemptOf = (member: MemberView, place: { readonly topic: string; readonly partition: number; readonly offset: number }): FailedAttempt | undefined =>
  member.attempts.size === 0 ? undefined : member.attempts.get(placeKey(place))

/**
 * How many failed attempts at one record the drain makes before it gives the
 * record (and its partition) up as blocked: `attemptsMax + 2` under
 * `retry-then-dead-letter` (a correct target dead-letters at `attemptsMax`),
 * 3 under `none` (the naive consumer would go on forever).
 */
export const attemptsGivenUpAt = (failure: { readonly policy: FailurePolicy; readonly attemptsMax?: number | undefined }): number =>
  failure.policy === "none" ? 3 : (failure.attemptsMax ?? 0) + 2

const withFailure = (driver: Driver, group: string, f: (failure: FailureView) => FailureView): Driver =>
  withGroup(driver, group, (view: GroupView) => (view.failure === undefined ? view : { ...view, failure: f(view.failure) }))

const withAttempts = (member: MemberView, place: PartitionOffset, attempt: FailedAttempt | undefined): MemberView => {
  const attempts = new Map(member.attempts)
  if (attempt === undefined) attempts.delete(placeKey(place))
  else attempts.set(placeKey(place), attempt)
  return { ...member, attempts }
}

/**
 * The view after a failure answer (the rest of the answer, the buffer and the
 * high watermarks, is the general observer's): a failed attempt is counted
 * with its retry time, a refusal by the backoff teaches the retry time, one
 * by the breaker its cool-down, a processing or a dead-lettering forgets the
 * place (a success also closes the breaker), a `DownstreamSet` the
 * downstream, a redrive empties the dead letters.
 */
export const failureObserve = (driver: Driver, command: Command, response: Response): Driver => {
  switch (response._tag) {
    case "ProcessFailed":
      return updateMember(driver, response, (member) =>
        withAttempts(member, response, response.retryAtMs === undefined ? { attempts: response.attempt } : { attempts: response.attempt, retryAtMs: response.retryAtMs }))
    case "BackoffPending":
      return updateMember(driver, response, (member) =>
        withAttempts(member, response, { attempts: attemptOf(member, response)?.attempts ?? 1, retryAtMs: response.retryAtMs }))
    case "BreakerOpen":
      return withFailure(driver, response.group, (failure) => ({ ...failure, breakerUntilMs: response.untilMs }))
    case "Processed": {
      if (command._tag !== "ConsumerProcess") return driver
      const forgot = updateMember(driver, response, (member) => (attemptOf(member, response) === undefined ? member : withAttempts(member, response, undefined)))
      return withFailure(forgot, response.group, (failure) => (failure.breakerUntilMs === 0 ? failure : { ...failure, breakerUntilMs: 0 }))
    }
    case "ProcessDeadLettered": {
      const forgot = updateMember(driver, response, (member) => (attemptOf(member, response) === undefined ? member : withAttempts(member, response, undefined)))
      return withFailure(forgot, response.group, (failure) => ({ ...failure, deadLetters: failure.deadLetters + 1 }))
    }
    case "DownstreamSet":
      return withFailure(driver, response.group, (failure) => ({ ...failure, downstreamUp: response.up }))
    case "DeadLettersRedriven":
      return withFailure(driver, response.group, (failure) => ({ ...failure, deadLetters: 0 }))
    default:
      return driver
  }
}

/** Where an answer of the failure handling says records were appended: the dead-letter publish, a redrive's new places. */
export const failureAppendsOf = (response: Response): ReadonlyArray<PartitionOffset> => {
  switch (response._tag) {
    case "ProcessDeadLettered":
      return [response.deadLetter]
    case "DeadLettersRedriven":
      return response.records.map((record) => record.source)
    default:
      return []
  }
}
