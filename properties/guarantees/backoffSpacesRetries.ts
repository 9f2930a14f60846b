/**
 * BackoffSpacesRetries: under a `retry-then-dead-letter` policy a member
 * retries a failed record no sooner than its exponential backoff says
 * (`backoffMs * 2^(k-1)` after its k-th failed attempt), and an attempt
 * before then is refused with `BackoffPending`.
 *
 * @module
 */
import { type Config, type GroupConfig, type History, retryDelayMsOf } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { failureNeeds } from "./internal/failureConfigs.ts"
import { memberKey, ordinal, recordKey, showRecord } from "./internal/keys.ts"
import type { ClientView, PlaceAttempts } from "./internal/replay.ts"
import { Replay } from "./internal/replay.ts"

/** The answers that are attempts at a place (numbered 1, 2, ... per client and place). */
const attemptTags: ReadonlySet<string> = new Set(["ProcessFailed", "ProcessDeadLettered", "Processed"])

const failureGroupsByName = (config: Config): ReadonlyMap<string, GroupConfig> =>
  new Map(config.groups.filter((group) => group.failure !== undefined).map((group) => [group.name, group]))

const showFailed = (attempts: PlaceAttempts): string =>
  `its ${ordinal(attempts.failed)} failed attempt (step ${attempts.lastFailedStep + 1}, at ${attempts.lastFailedAtMs} ms)`

/**
 * The first, in history order, of (for a group with a `failure` config): a
 * `ProcessFailed` whose `attempt` is not the client's number of attempts at
 * the place so far plus one (its count starts at its first attempt and ends
 * with a crash, a leave or the place's processing or dead-lettering), or
 * whose `retryAtMs` is not its clock plus `backoffMs * 2^(k-1)` under
 * `retry-then-dead-letter` (or is present under `none`); a
 * `ProcessDeadLettered` after attempts (cause other than `breaker-open`)
 * whose `attempts` is not that number; an attempt (`ProcessFailed`,
 * `ProcessDeadLettered` with a cause other than `breaker-open`,
 * `Processed`) before the retry time the client holds for the place; and a
 * `BackoffPending` when the client holds no retry time for the place still
 * ahead, or that carries another one.
 */
const always = (history: History, config: Config): Violation | undefined => {
  const groups = failureGroupsByName(config)
  if (groups.size === 0) return undefined
  const replay = new Replay(config)
  for (let step = 0; step < history.length; step++) {
    const entry = history[step]
    const response = entry.response
    if ("group" in response && "member" in response && "topic" in response && "offset" in response && groups.has(response.group)) {
      const group = groups.get(response.group)!
      const failure = group.failure!
      const nowMs = replay.nowMs
      const client = replay.client(response.group, response.member)
      const where = showRecord(response.topic, response.partition, response.offset)
      const who = `member ${response.member} of ${response.group}`
      const attempts = client.attempts.get(recordKey(response.topic, response.partition, response.offset))
      const number = (attempts?.failed ?? 0) + 1
      const isAttempt = attemptTags.has(response._tag) && !(response._tag === "ProcessDeadLettered" && response.cause === "breaker-open")
      if (isAttempt && attempts?.retryAtMs !== undefined && nowMs < attempts.retryAtMs) {
        return {
          step,
          message: `${who} attempted ${where} at ${nowMs} ms (${response._tag}), before the retry time ${attempts.retryAtMs} ms that ${showFailed(attempts)} set`
        }
      }
      if (response._tag === "ProcessFailed") {
        if (response.attempt !== number) {
          return {
            step,
            message: `${who} failed ${where} as attempt ${response.attempt}, but it is the client's ${ordinal(number)} attempt at it (${
              attempts === undefined ? "no failed attempt before" : `${showFailed(attempts)} before`
            })`
          }
        }
        const expected = failure.policy === "none" ? undefined : nowMs + retryDelayMsOf(failure, number)
        if (response.retryAtMs !== expected) {
          return {
            step,
            message: expected === undefined
              ? `${who} failed ${where} (attempt ${number}) with retry time ${response.retryAtMs} ms, but ${response.group}'s policy none retries at once`
              : `${who} failed ${where} (attempt ${number}) at ${nowMs} ms with retry time ${
                response.retryAtMs === undefined ? "none" : `${response.retryAtMs} ms`
              }, expected ${expected} ms (${nowMs} + backoffMs ${failure.backoffMs} · 2^${number - 1})`
          }
        }
      } else if (response._tag === "ProcessDeadLettered" && response.cause !== "breaker-open" && response.attempts !== number) {
        return {
          step,
          message: `${who} dead-lettered ${where} after ${response.attempts} attempts, but that was the client's ${ordinal(number)} attempt at it`
        }
      } else if (response._tag === "BackoffPending") {
        if (attempts?.retryAtMs === undefined || nowMs >= attempts.retryAtMs || response.retryAtMs !== attempts.retryAtMs) {
          return {
            step,
            message: `${who} was refused ${where} at ${nowMs} ms with BackoffPending until ${response.retryAtMs} ms, but ${
              attempts === undefined
                ? "the client made no failed attempt at it"
                : attempts.retryAtMs === undefined
                ? `${showFailed(attempts)} set no retry time`
                : `${showFailed(attempts)} set the retry time ${attempts.retryAtMs} ms`
            }`
          }
        }
      }
    }
    replay.apply(entry, step)
  }
  return undefined
}

/** A `BackoffPending` refused an attempt, and the same client then attempted the place at or after its retry time. */
const sometimes = (history: History, config: Config): boolean => {
  const groups = failureGroupsByName(config)
  if (groups.size === 0) return false
  const replay = new Replay(config)
  const refused = new Map<string, { readonly client: ClientView; readonly retryAtMs: number }>()
  for (let step = 0; step < history.length; step++) {
    const entry = history[step]
    const response = entry.response
    if ("group" in response && "member" in response && "topic" in response && "offset" in response && groups.has(response.group)) {
      const key = `${memberKey(response.group, response.member)}\u0000${recordKey(response.topic, response.partition, response.offset)}`
      const client = replay.client(response.group, response.member)
      if (response._tag === "BackoffPending") refused.set(key, { client, retryAtMs: response.retryAtMs })
      else if (attemptTags.has(response._tag) && !(response._tag === "ProcessDeadLettered" && response.cause === "breaker-open")) {
        const earlier = refused.get(key)
        if (earlier !== undefined && earlier.client === client && replay.nowMs >= earlier.retryAtMs) return true
      }
    }
    replay.apply(entry, step)
  }
  return false
}

/** The checker of BackoffSpacesRetries. */
export const backoffSpacesRetries: GuaranteeCheck = { id: "BackoffSpacesRetries", always, sometimes, notApplicableReason: failureNeeds.backoff }
