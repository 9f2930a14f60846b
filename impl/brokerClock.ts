/**
 * The broker's logical time: Effect's `Clock`, counted from the moment the
 * broker was opened, so a fresh broker starts at 0 whatever the clock says.
 * The broker reads the Clock of the fiber that runs each command (so a
 * runner's `TestClock` drives it) and hands the reading over with
 * {@link BrokerClockShape.observe} before the command runs; the synchronous
 * core then reads the time as a plain number. The clock also remembers the
 * time it last reported in a `ClockAdvanced`, so the `ClockAdvance` handler
 * can tell when the harness forgot to move the Clock.
 *
 * @module
 */
import { Clock, Context, Effect, Layer } from "effect"

/** The broker's clock. */
export interface BrokerClockShape {
  /** The time of the command in flight: its `Clock.currentTimeMillis` minus the value at open. */
  readonly nowMs: () => number
  /** The `nowMs` of the last `ClockAdvanced` answered (0, the origin, before the first). */
  readonly advancedMs: () => number
  /** Records the `nowMs` a `ClockAdvanced` reports. */
  readonly setAdvancedMs: (nowMs: number) => void
  /** Takes the Clock's reading (`Clock.currentTimeMillis`) for the command about to run. */
  readonly observe: (clockMs: number) => void
}

/** A broker clock whose origin is `originMs` (a reading of the Clock). */
export const makeBrokerClockAt = (originMs: number): BrokerClockShape => {
  let nowMs = 0
  let advancedMs = 0
  return {
    nowMs() {
      return nowMs
    },
    advancedMs() {
      return advancedMs
    },
    setAdvancedMs(ms) {
      advancedMs = ms
    },
    observe(clockMs) {
      nowMs = clockMs - originMs
    }
  }
}

/** The broker's clock service. */
export class BrokerClock extends Context.Service<BrokerClock, BrokerClockShape>()("qsem/impl/BrokerClock") {
  /** Reads the Clock once when built: that reading is the origin. */
  static readonly layer: Layer.Layer<BrokerClock> = Layer.effect(BrokerClock, Effect.map(Clock.currentTimeMillis, makeBrokerClockAt))
}
