/**
 * Logical time on a real broker. Real brokers run on real clocks, so a run's
 * `ClockAdvance` becomes real waiting, scaled: `scale` real milliseconds per
 * logical millisecond. Sleeps aim at a deadline (`origin + scale * nowMs`),
 * so the time commands take in between does not add up over a run.
 *
 * Under a config's `clockQuantumMs` every logical time of a run is a multiple
 * of the quantum, so a broker timer for a logical timeout `t` is set to
 * `scale * (t - quantum / 2)` ({@link RealTime.timerMs}): it ends half a
 * quantum before the logical time the run reaches it at, and after the one
 * before, whatever the jitter below half a quantum (in real time). What
 * scaling preserves: the order of every timer against every clock advance.
 * What it does not: anything faster than the jitter, and real time that
 * passes without a clock advance (a restart that takes longer than half a
 * quantum before the next advance).
 *
 * This module (and brokers/ as a whole) reads a real monotonic clock, on
 * purpose: model/ and impl/ never do.
 *
 * @module
 */
import type { Config } from "../spec/config.ts"

/** Real milliseconds per logical millisecond by default: 0.1 (a 2,000 ms visibility timeout takes 200 ms). */
export const timeScaleDefault = 0.1

/** A run's logical clock mapped onto real time. */
export class RealTime {
  /** The run's logical time, moved by {@link advance}. */
  nowMs = 0
  private readonly origin = performance.now()
  private readonly quantum: number

  constructor(config: Config, readonly scale: number = timeScaleDefault) {
    this.quantum = config.clockQuantumMs ?? 0
  }

  /** Moves logical time by `ms` and waits until real time has caught up with it. */
  async advance(ms: number): Promise<void> {
    this.nowMs += ms
    const waitMs = this.origin + this.scale * this.nowMs - performance.now()
    if (waitMs > 0) await new Promise<void>((resolve) => setTimeout(resolve, waitMs))
  }

  /** Real milliseconds from the real instant of logical time `logicalMs` (`origin + scale * logicalMs`) to now; negative when that instant is still ahead. */
  realSinceMs(logicalMs: number): number {
    return performance.now() - (this.origin + this.scale * logicalMs)
  }

  /** The real milliseconds (at least 1) to set a broker's timer to, for a logical timeout of `logicalMs`. */
  timerMs(logicalMs: number): number {
    return Math.max(1, Math.round(this.scale * (logicalMs - this.quantum / 2)))
  }
}
