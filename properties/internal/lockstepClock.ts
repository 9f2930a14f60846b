/**
 * The runner's clock: the run's TestClock, except that a `ClockAdvance` moves
 * it at once, with no yield, when nothing could tell the difference: no
 * fiber of the run sleeps on it and no task of the run waits to be run (so
 * the TestClock's adjust would wake nobody and let nothing run first). The
 * time moved so is kept as a lag on top of the TestClock's time; it is
 * caught up with the TestClock's own `adjust` (which yields, wakes sleepers
 * and waits for them) before anything else touches the TestClock: a sleep,
 * an adjust, a `setTime`. Targets see one TestClock throughout.
 *
 * @module
 */
import { Duration, Effect, Latch, type Scheduler } from "effect"
import type { TestClock } from "effect/testing"

/** The nanoseconds the TestClock's `adjust` moves by for `ms` milliseconds. */
const nanosOf = (ms: number): bigint => Duration.toNanosUnsafe(Duration.millis(ms))

/**
 * One run's clock. Provide {@link LockstepClock.clock} as the run's `Clock`
 * and {@link LockstepClock.scheduler} as its `Scheduler` (it counts the
 * run's tasks not run yet), then move time with {@link advanceAtOnce} or,
 * when that declines, {@link adjust}.
 */
export class LockstepClock {
  /** Milliseconds moved at once and not yet handed to the TestClock. */
  private lagMs = 0
  private lagNanos = BigInt(0)
  /** Fibers of the run in a sleep (from the request to its end). */
  private sleeping = 0
  /** Tasks of the run scheduled and not yet run. */
  private pending = 0
  /** The catch-up in progress, if any (others wait for it). */
  private catching: Latch.Latch | undefined = undefined

  /** The run's clock as targets see it: the TestClock's time plus the lag, every other call caught up first. */
  readonly clock: TestClock.TestClock
  /** The run's scheduler: `inner`, counting the tasks not yet run. */
  readonly scheduler: Scheduler.Scheduler

  constructor(private readonly test: TestClock.TestClock, inner: Scheduler.Scheduler) {
    const self = this
    this.clock = {
      currentTimeMillisUnsafe() {
        return test.currentTimeMillisUnsafe() + self.lagMs
      },
      currentTimeNanosUnsafe() {
        return test.currentTimeNanosUnsafe() + self.lagNanos
      },
      monotonicTimeNanosUnsafe() {
        return test.monotonicTimeNanosUnsafe() + self.lagNanos
      },
      currentTimeMillis: Effect.sync(() => self.clock.currentTimeMillisUnsafe()),
      currentTimeNanos: Effect.sync(() => self.clock.currentTimeNanosUnsafe()),
      monotonicTimeNanos: Effect.sync(() => self.clock.monotonicTimeNanosUnsafe()),
      sleep(duration) {
        return Effect.suspend(() => {
          self.sleeping++
          return Effect.andThen(self.catchUp, test.sleep(duration)).pipe(Effect.ensuring(Effect.sync(() => self.sleeping--)))
        })
      },
      adjust(duration) {
        return Effect.andThen(self.catchUp, test.adjust(duration))
      },
      setTime(timestamp) {
        return Effect.andThen(self.catchUp, test.setTime(timestamp))
      },
      withLive(effect) {
        return test.withLive(effect)
      }
    }
    this.scheduler = {
      executionMode: inner.executionMode,
      shouldYield(fiber) {
        return inner.shouldYield(fiber)
      },
      makeDispatcher() {
        const dispatcher = inner.makeDispatcher()
        return {
          scheduleTask(task, priority) {
            self.pending++
            dispatcher.scheduleTask(() => {
              self.pending--
              task()
            }, priority)
          },
          flush() {
            dispatcher.flush()
          }
        }
      }
    }
  }

  /**
   * Moves the time by `ms` at once when no fiber of the run sleeps, no task
   * of the run is pending and no catch-up runs; answers whether it did (if
   * not, run {@link adjust}).
   */
  advanceAtOnce(ms: number): boolean {
    if (this.sleeping > 0 || this.pending > 0 || this.catching !== undefined) return false
    this.lagMs += ms
    this.lagNanos += nanosOf(ms)
    return true
  }

  /** The TestClock's `adjust` by `ms`, after the lag is caught up. */
  adjust(ms: number): Effect.Effect<void> {
    return this.clock.adjust(ms)
  }

  /** Hands the lag to the TestClock (its `adjust`), once; a caller that comes while it runs waits for it. */
  private readonly catchUp: Effect.Effect<void> = Effect.suspend(() => {
    if (this.catching !== undefined) return this.catching.await
    if (this.lagMs === 0 && this.lagNanos === BigInt(0)) return Effect.void
    const latch = Latch.makeUnsafe(false)
    this.catching = latch
    const ms = this.lagMs
    const nanos = this.lagNanos
    // The lag stays counted until the TestClock has moved (at the end of its adjust), so the time never goes back.
    return this.test.adjust(ms).pipe(Effect.ensuring(Effect.sync(() => {
      this.lagMs -= ms
      this.lagNanos -= nanos
      this.catching = undefined
      latch.openUnsafe()
    })))
  })
}
