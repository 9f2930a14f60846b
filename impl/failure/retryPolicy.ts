/**
 * The application's retry policy (spec/config.ts `FailurePolicy`): when a
 * failed record may be tried again (`BackoffPending` before its retry
 * time), how long it waits after each failed attempt (see
 * `retrySchedule.ts`), and when a `retry-then-dead-letter` policy gives up
 * and dead-letters it (at `attemptsMax` attempts).
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import type { FailureConfig } from "../../spec/config.ts"
import { BrokerConfig, type BrokerConfigShape } from "../brokerConfig.ts"
import { type RetryDelays, retryDelaysOf, retryScheduleExponential, type RetryScheduleOf } from "./retrySchedule.ts"

/**
 * The parts of a retry policy a mutant may swap: the refusal of an early
 * attempt, the end of the retries and the schedule of delays. The correct
 * rules are {@link retryRulesStandard}.
 */
export interface RetryRules {
  /** Whether an attempt at `nowMs` at a place whose retry time is `retryAtMs` is refused (`BackoffPending`). */
  readonly refuses: (retryAtMs: number, nowMs: number) => boolean
  /** Whether `attempts` failed attempts end a `retry-then-dead-letter` policy's retries: the record is dead-lettered. */
  readonly exhausted: (failure: FailureConfig, attempts: number) => boolean
  /** The schedule of delays of a `retry-then-dead-letter` policy with this `backoffMs`. */
  readonly scheduleOf: RetryScheduleOf
}

/** The spec's rules: refused while `nowMs < retryAtMs`, dead-lettered at `attemptsMax`, exponential backoff. */
export const retryRulesStandard: RetryRules = {
  refuses(retryAtMs, nowMs) {
    return nowMs < retryAtMs
  },
  exhausted(failure, attempts) {
    return failure.attemptsMax !== undefined && attempts >= failure.attemptsMax
  },
  scheduleOf: retryScheduleExponential
}

/** The retry policies of the broker's groups (every method expects a group with a `failure` config). */
export interface RetryPolicyShape {
  /** Whether an attempt at `nowMs` at a place whose retry time is `retryAtMs` is refused (`BackoffPending`). */
  readonly refuses: (retryAtMs: number, nowMs: number) => boolean
  /** Whether `attempts` failed attempts end the policy's retries: the record is dead-lettered. */
  readonly exhausted: (failure: FailureConfig, attempts: number) => boolean
  /** The delay after the group's `attempt`-th failed attempt at a place (0 under the `none` policy: it retries at once). */
  readonly delayMs: (group: string, attempt: number) => number
}

/** The retry policies of the configured groups, following `rules` (one schedule per `retry-then-dead-letter` group). */
export const retryPolicyOf = ({ config }: BrokerConfigShape, rules: RetryRules = retryRulesStandard): RetryPolicyShape => {
  const delays = new Map<string, RetryDelays>()
  for (const group of config.groups) {
    const failure = group.failure
    if (failure?.policy !== "retry-then-dead-letter" || failure.backoffMs === undefined) continue
    delays.set(group.name, retryDelaysOf(rules.scheduleOf(failure.backoffMs)))
  }
  return {
    refuses: rules.refuses,
    exhausted(failure, attempts) {
      return failure.policy === "retry-then-dead-letter" && rules.exhausted(failure, attempts)
    },
    delayMs(group, attempt) {
      return delays.get(group)?.delayMs(attempt) ?? 0
    }
  }
}

/** {@link retryPolicyOf} the broker's config, as an Effect. */
export const makeRetryPolicyWith = (rules: RetryRules): Effect.Effect<RetryPolicyShape, never, BrokerConfig> =>
  Effect.gen(function*() {
    return retryPolicyOf(yield* BrokerConfig, rules)
  })

/** The groups' retry policies. */
export class RetryPolicy extends Context.Service<RetryPolicy, RetryPolicyShape>()("qsem/impl/RetryPolicy") {
  /** The spec's policies. */
  static readonly layer: Layer.Layer<RetryPolicy, never, BrokerConfig> = Layer.effect(RetryPolicy, makeRetryPolicyWith(retryRulesStandard))
}
