/**
 * Retry delays as an Effect `Schedule`: the `retry-then-dead-letter` policy
 * waits `backoffMs * 2^(k-1)` after the k-th failed attempt, which is
 * `Schedule.exponential(backoffMs)` (factor 2). The schedule is driven by
 * hand (`Schedule.toStep`), never slept on: each step gives the next delay
 * (run synchronously: these schedules read neither input nor clock), and the
 * delays found are remembered, so an attempt costs one lookup.
 *
 * @module
 */
import { Duration, Effect, Schedule } from "effect"

/** The schedule a policy with this `backoffMs` retries by (only its delays are read, not its outputs). */
export type RetryScheduleOf = (backoffMs: number) => Schedule.Schedule<unknown>

/** Exponential backoff, factor 2: `backoffMs`, `2 * backoffMs`, `4 * backoffMs`, … (the spec's `retryDelayMsOf`). */
export const retryScheduleExponential: RetryScheduleOf = (backoffMs) => Schedule.exponential(Duration.millis(backoffMs))

/** The delays of one schedule, by failed attempt. */
export interface RetryDelays {
  /** The delay in ms after the `attempt`-th failed attempt (1-based). */
  readonly delayMs: (attempt: number) => number
}

/**
 * The delays of `schedule`, found by stepping it (with no input, at time 0:
 * these schedules do not read either) as far as an attempt asks and
 * remembered. A schedule that stops before is a programming error (a
 * defect): a retry schedule always recurs.
 *
 * @example
 * ```ts
 * const delays = yield* makeRetryDelays(retryScheduleExponential(1000))
 * delays.delayMs(3) // 4000
 * ```
 */
export const retryDelaysOf = (schedule: Schedule.Schedule<unknown>): RetryDelays => {
  const known: Array<number> = []
  // Built when a delay is first asked for: calling `step` is what moves the schedule on.
  let stepMs: Effect.Effect<number> | undefined
  return {
    delayMs(attempt) {
      while (known.length < attempt) {
        stepMs ??= Effect.runSync(Effect.map(Schedule.toStep(schedule), (step) =>
          Effect.suspend(() => Effect.orDie(step(0, undefined))).pipe(Effect.map(([, delay]) => Duration.toMillis(delay)))))
        known.push(Effect.runSync(stepMs))
      }
      return known[attempt - 1]
    }
  }
}

/** {@link retryDelaysOf}, as an Effect. */
export const makeRetryDelays = (schedule: Schedule.Schedule<unknown>): Effect.Effect<RetryDelays> => Effect.sync(() => retryDelaysOf(schedule))
