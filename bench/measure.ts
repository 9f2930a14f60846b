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

/** Seconds of one calibration pass (see `calibration.ts`), once the bench measured it; figures are then also printed relative to it. */
let calibrationSeconds: number | undefined

/** Sets the calibration every later figure is printed relative to. */
export const calibrationSet = (seconds: number): void => {
  calibrationSeconds = seconds
}

/** A number with 3 significant digits, grouped: `1,230`, `45.6`, `0.0123`. */
const significant = (value: number): string =>
  Number(value.toPrecision(3)).toLocaleString("en-US", { maximumSignificantDigits: 3 })

/** A rate relative to the calibration: operations done in the time of one calibration pass; empty before the calibration. */
const perCalibration = (perSecond: number, unit: string): string =>
  calibrationSeconds === undefined ? "" : `; ${significant(perSecond * calibrationSeconds)} ${unit} per calibration`

/** `1,234,567 model steps/s (12,345,678 in 10.0 s; 152,000 model steps per calibration)`. */
export const formatRate = (rate: Rate, unit: string): string =>
  `${Math.round(rate.perSecond).toLocaleString("en-US")} ${unit}/s (${rate.operations.toLocaleString("en-US")} in ${rate.seconds.toFixed(1)} s${
    perCalibration(rate.perSecond, unit)
  })`

/** `4.2 s (35.1 calibrations)`: a duration, and how many calibration passes it lasts. */
export const formatSeconds = (seconds: number): string =>
  `${seconds.toFixed(1)} s${calibrationSeconds === undefined ? "" : ` (${significant(seconds / calibrationSeconds)} calibrations)`}`
