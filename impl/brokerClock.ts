/**
 * The broker's logical time: Effect's `Clock`, counted from the moment the
 * broker was opened, so a fresh broker starts at 0 whatever the clock says.
 *
 * @module
 */
import { Clock, Context, Effect, Layer } from "effect"

/** The broker's clock: `nowMs` is `Clock.currentTimeMillis` minus its value at open. */
export class BrokerClock extends Context.Service<BrokerClock, {
  readonly nowMs: Effect.Effect<number>
}>()("qsem/impl/BrokerClock") {
  /**
   * Reads the clock once when built (the origin) and measures every later
   * reading from it. Reads the clock of the fiber that runs the effect, so a
   * runner's `TestClock` drives it.
   */
  static readonly layer: Layer.Layer<BrokerClock> = Layer.effect(
    BrokerClock,
    Effect.map(Clock.currentTimeMillis, (originMs) => ({
      nowMs: Effect.map(Clock.currentTimeMillis, (nowMs) => nowMs - originMs)
    }))
  )
}
