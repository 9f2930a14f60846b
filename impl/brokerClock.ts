/**
 * The broker's logical time: Effect's `Clock`, counted from the moment the
 * broker was opened, so a fresh broker starts at 0 whatever the clock says.
 * It also remembers the time it last reported in a `ClockAdvanced`, so the
 * `ClockAdvance` handler can tell when the harness forgot to move the Clock.
 *
 * @module
 */
import { Clock, Context, Effect, Layer, Ref } from "effect"

/** The broker's clock. */
export interface BrokerClockShape {
  /** `Clock.currentTimeMillis` minus its value at open. */
  readonly nowMs: Effect.Effect<number>
  /** The `nowMs` of the last `ClockAdvanced` answered (0, the origin, before the first). */
  readonly advancedMs: Effect.Effect<number>
  /** Records the `nowMs` a `ClockAdvanced` reports. */
  readonly setAdvancedMs: (nowMs: number) => Effect.Effect<void>
}

/** The broker's clock service. */
export class BrokerClock extends Context.Service<BrokerClock, BrokerClockShape>()("qsem/impl/BrokerClock") {
  /**
   * Reads the clock once when built (the origin) and measures every later
   * reading from it. Reads the clock of the fiber that runs the effect, so a
   * runner's `TestClock` drives it.
   */
  static readonly layer: Layer.Layer<BrokerClock> = Layer.effect(
    BrokerClock,
    Effect.gen(function*() {
      const originMs = yield* Clock.currentTimeMillis
      const advancedMs = yield* Ref.make(0)
      return {
        nowMs: Effect.map(Clock.currentTimeMillis, (nowMs) => nowMs - originMs),
        advancedMs: Ref.get(advancedMs),
        setAdvancedMs: (nowMs) => Ref.set(advancedMs, nowMs)
      }
    })
  )
}
