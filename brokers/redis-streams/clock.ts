/**
 * A run's logical clock on Redis's real one. Redis measures a pending
 * entry's idle time in real milliseconds since its delivery time (the
 * `delivery_time` of its pending-entries-list entry, a Unix time in ms that
 * `XCLAIM ... IDLE` can set); the run measures visibility in logical time.
 * This clock maps one onto the other with the shared {@link RealTime}
 * (`advance` for `ClockAdvance`, `timerMs` for a broker timer), and adds what
 * the adapter needs to keep the two in step when real time runs ahead of the
 * logical clock between two clock advances (commands take time, a restart
 * takes tens of milliseconds):
 *
 * - {@link RunClock.idleSinceMs}: the idle time to give an entry so that its
 *   delivery time is the real instant of a logical time (`XCLAIM ... IDLE`),
 *   whatever real time has passed since that instant;
 * - {@link RunClock.claimIdleMs}: the `min-idle-time` of an `XAUTOCLAIM` at
 *   the current logical time, so that exactly the entries delivered at a
 *   logical time at least one visibility timeout ago are claimed.
 *
 * With every delivery time set to the real instant of a logical time that
 * is a multiple of the quantum, and the claim threshold at the real instant
 * of `nowMs - visibilityTimeoutMs + quantum / 2`, an entry is claimable
 * exactly when the model's message is visible, as long as a command reaches
 * Redis within half a quantum (real) of the moment the adapter computed its
 * idle time: the lag between the run's logical clock and real time no
 * longer counts.
 *
 * @module
 */
import type { Config } from "../../spec/config.ts"
import { RealTime } from "../realTime.ts"

/** A run's logical time mapped onto real time, for Redis's idle times. */
export class RunClock {
  readonly realTime: RealTime
  readonly quantumMs: number

  constructor(config: Config, scale: number | undefined) {
    this.realTime = scale === undefined ? new RealTime(config) : new RealTime(config, scale)
    this.quantumMs = config.clockQuantumMs ?? 0
  }

  /** The run's logical time. */
  get nowMs(): number {
    return this.realTime.nowMs
  }

  /** Real milliseconds per logical millisecond. */
  get scale(): number {
    return this.realTime.scale
  }

  /** `ClockAdvance`: logical time moves by `ms`, and real time catches up (see {@link RealTime.advance}). */
  advance(ms: number): Promise<void> {
    return this.realTime.advance(ms)
  }

  /** Real milliseconds from the real instant of logical time `logicalMs` to now (negative when that instant is ahead). */
  realSinceMs(logicalMs: number): number {
    return this.realTime.realSinceMs(logicalMs)
  }

  /** The `IDLE` (whole ms, at least 0) that puts an entry's delivery time at the real instant of logical time `logicalMs`. */
  idleSinceMs(logicalMs: number): number {
    return Math.max(0, Math.round(this.realSinceMs(logicalMs)))
  }

  /**
   * The `min-idle-time` (whole ms) an `XAUTOCLAIM` at logical time `nowMs`
   * needs to claim the entries delivered at a logical time of `nowMs -
   * visibilityTimeoutMs` or earlier and no later one: the real time since the
   * instant half a quantum after that, which is `timerMs(visibilityTimeoutMs)`
   * plus the real time the run lags behind its logical clock.
   */
  claimIdleMs(visibilityTimeoutMs: number): number {
    return Math.max(0, Math.round(this.realSinceMs(this.nowMs - visibilityTimeoutMs + this.quantumMs / 2)))
  }

  /** The logical time a pending entry of this idle time (measured now) was delivered at, to the nearest quantum. */
  deliveredAtMs(idleMs: number): number {
    const logical = (this.realTime.realSinceMs(0) - idleMs) / this.realTime.scale
    const quantum = this.quantumMs > 0 ? this.quantumMs : 1
    return Math.round(logical / quantum) * quantum
  }

  /** The first multiple of the quantum at or after `logicalMs`: the end a run reaches, since every logical time it reaches is such a multiple. */
  ceilToQuantum(logicalMs: number): number {
    return this.quantumMs > 0 ? Math.ceil(logicalMs / this.quantumMs) * this.quantumMs : logicalMs
  }
}
