/**
 * The lockstep runner: every command goes to the model and to the target,
 * and the two answers are compared. The target runs in a scope under a
 * TestClock, which moves by `ms` before each `ClockAdvance` reaches it. The
 * loop itself is `internal/lockstepRun.ts`.
 *
 * @module
 */
import { Clock, Context, Effect, Layer, Scheduler, Scope } from "effect"
import { TestClock } from "effect/testing"
import type { Target } from "../impl/target.ts"
import type { Config } from "../spec/config.ts"
import { LockstepClock } from "./internal/lockstepClock.ts"
import { LockstepRun } from "./internal/lockstepRun.ts"
import type { Program } from "./program.ts"
import type { Run } from "./run.ts"

/** How long the runner waits for a target's answer that did not come at once; 10 s. */
export const answerTimeoutMsDefault = 10_000

/**
 * The least time the runner waits for an answer once the same target hung
 * before (`LockstepOptions.hungBefore`): 100 ms. A check that saw one hang
 * reruns and shrinks the failing program, and each of those runs would
 * otherwise wait the full timeout again.
 */
export const answerTimeoutAfterHangMs = 100

/**
 * How long an answer may take once the target hung before: four times the
 * slowest answer it gave in time so far (so a slow but working target is not
 * taken for a hanging one while shrinking), at least
 * {@link answerTimeoutAfterHangMs}, at most the answer timeout.
 *
 * @example
 * ```ts
 * answerTimeoutAfterHang(10_000, 0) // 100
 * answerTimeoutAfterHang(10_000, 150) // 600
 * answerTimeoutAfterHang(50, 0) // 50
 * ```
 */
export const answerTimeoutAfterHang = (answerTimeoutMs: number, answerMsSlowest: number): number =>
  Math.min(answerTimeoutMs, Math.max(answerTimeoutAfterHangMs, Math.ceil(4 * answerMsSlowest)))

/** How the runner treats the target. */
export interface LockstepOptions {
  /**
   * Real (wall-clock) milliseconds the runner waits for `open`, for one
   * `execute` that did not complete synchronously, or for the target to
   * close, before it calls the target failed; default
   * {@link answerTimeoutMsDefault}.
   */
  readonly answerTimeoutMs?: number | undefined
  /**
   * Whether this target already did not answer in time (in an earlier run of
   * the same check, `Run.timedOut`): each answer then gets
   * {@link answerTimeoutAfterHang} of `answerMsSlowest`.
   */
  readonly hungBefore?: boolean | undefined
  /** The slowest answer the target gave in time in earlier runs (`Run.answerMsSlowest`), in real milliseconds. */
  readonly answerMsSlowest?: number | undefined
}

const showMs = (ms: number): string => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`)

/**
 * Opens the target for `config` and runs `program` (each command it yields
 * goes to the model and to the target, and the program is resumed with the
 * target's answer) until it is done; then closes the target and returns the
 * run. Every command runs on both sides even after a divergence, so the
 * target's own history can be checked.
 *
 * A target that fails to open, fails or dies in `execute`, answers something
 * that is not a Response (see `plainAnswer.ts`: every answer is copied into
 * plain, verified data before anything reads it), returns something that is
 * not an Effect from `open` or `execute`, or does not answer within
 * `answerTimeoutMs` of real time has failed: that is a divergence at that
 * step, the run ends there (its `actual` then lacks that step's answer, and
 * `targetFailed` is true). A close that fails or hangs is a failure at the
 * last step. The runner itself never fails.
 *
 * The target's effects run on fibers of their own, with the caller's
 * services, a fresh TestClock and no cooperative yield every 2048
 * operations (one run is one tight loop; explicit yields, such as the
 * TestClock's, still happen). An effect that completes synchronously is
 * answered at once, with no timer set; the real-time watchdog only watches
 * an effect that did not. A `ClockAdvance` moves the TestClock at once when
 * no fiber of the run sleeps on it and none waits to run (see
 * `internal/lockstepClock.ts`), else by the TestClock's own `adjust`.
 */
export const runLockstep = (
  target: Target,
  config: Config,
  program: Program,
  options?: LockstepOptions
): Effect.Effect<Run> =>
  Effect.scoped(Effect.gen(function*() {
    const timeoutGiven = options?.answerTimeoutMs ?? answerTimeoutMsDefault
    const timeoutMs = options?.hungBefore === true ? answerTimeoutAfterHang(timeoutGiven, options.answerMsSlowest ?? 0) : timeoutGiven
    const within = timeoutMs === timeoutGiven
      ? `within ${showMs(timeoutMs)}`
      : `within ${showMs(timeoutMs)} (it hung before, so it no longer gets ${showMs(timeoutGiven)})`
    const clockServices = yield* Layer.build(TestClock.layer())
    const clock = new LockstepClock(
      Context.get(clockServices, Clock.Clock) as TestClock.TestClock,
      Context.get(clockServices, Scheduler.Scheduler)
    )
    const caller = yield* Effect.context<never>()
    const context = caller.pipe(
      Context.add(Clock.Clock, clock.clock),
      Context.add(Scheduler.Scheduler, clock.scheduler),
      Context.add(Scheduler.PreventSchedulerYield, true)
    )
    const fork = Effect.runForkWith(context)
    const scope = yield* Scope.make()
    return yield* Effect.callback<Run>((resume) => {
      const run = new LockstepRun(target, config, program, { timeoutMs, within }, fork, clock, scope, (result) => resume(Effect.succeed(result)))
      run.start()
      return Effect.sync(() => run.interrupt())
    })
  }))
