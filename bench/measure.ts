/**
 * Timing helpers for the benchmarks: repeat a body until enough time has
 * passed, and report operations per second.
 *
 * @module
 */
import { performance } from "node:perf_hooks"

/** A measured rate. */
export interface Rate {
  readonly operations: number
  readonly seconds: number
  readonly perSecond: number
}

/** Repeats `body` (which returns how many operations it did) for at least `secondsMin`. */
export const measure = async (secondsMin: number, body: () => number | Promise<number>): Promise<Rate> => {
  await body() // warm-up
  let operations = 0
  const started = performance.now()
  let elapsed = 0
  while (elapsed < secondsMin * 1000) {
    operations += await body()
    elapsed = performance.now() - started
  }
  const seconds = elapsed / 1000
  return { operations, seconds, perSecond: operations / seconds }
}

/** `1,234,567 model steps/s (12,345,678 in 10.0 s)`. */
export const formatRate = (rate: Rate, unit: string): string =>
  `${Math.round(rate.perSecond).toLocaleString("en-US")} ${unit}/s (${rate.operations.toLocaleString("en-US")} in ${rate.seconds.toFixed(1)} s)`
