/**
 * `mutant:backoff-linear`: linear backoff where exponential was specified
 * (a delay of `backoffMs * k` after the k-th failed attempt instead of
 * `backoffMs * 2^(k-1)`: the same for the first two, shorter from the
 * third on), the schedule built from `Schedule.spaced` with a growing
 * multiplier. Retries come too soon for a dependency that stays down.
 * Breaks `BackoffSpacesRetries`.
 *
 * @module
 */
import { Duration, Effect, Layer, Schedule } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { makeRetryPolicyWith, RetryPolicy, retryRulesStandard } from "../failure/retryPolicy.ts"
import type { RetryScheduleOf } from "../failure/retrySchedule.ts"
import type { Target } from "../target.ts"

/** `backoffMs`, `2 * backoffMs`, `3 * backoffMs`, …: `Schedule.spaced` (whose output counts the steps from 0) times the step's number. */
export const retryScheduleLinear: RetryScheduleOf = (backoffMs) =>
  Schedule.spaced(Duration.millis(backoffMs)).pipe(
    Schedule.modifyDelay(({ duration, output }) => Effect.succeed(Duration.times(duration, output + 1)))
  )

/** A retry policy with {@link retryScheduleLinear}. */
export const backoffLinearLayer = Layer.effect(RetryPolicy, makeRetryPolicyWith({ ...retryRulesStandard, scheduleOf: retryScheduleLinear }))

/** The built-in broker with {@link backoffLinearLayer}. */
export const backoffLinear: Target = makeBrokerTarget("mutant:backoff-linear", { retryPolicy: backoffLinearLayer })
