/**
 * The bench's calibration figure: a fixed, deterministic, pure-JavaScript
 * workload (integer hashing, then sorting the hashes), timed. Every other
 * figure is also printed as a ratio to it (see `measure.ts`), so that figures
 * measured on different machines can be compared: a machine twice as fast
 * runs the calibration in half the time and twice the commands per second,
 * and the ratio stays.
 *
 * @module
 */
import { performance } from "node:perf_hooks"

/** Integers hashed (MurmurHash3's 32-bit finalizer, chained) and then sorted. */
export const calibrationSize = 400_000

/** Times the workload is repeated; the fastest repetition is the figure (the least disturbed by other work). */
const repetitions = 7

/** One pass of the workload; returns a checksum, the same on every machine (0x5f3b0d21-style hex in the printout). */
export const calibrationWorkload = (): number => {
  const hashes = new Int32Array(calibrationSize)
  let h = 0x9e3779b9 | 0
  for (let i = 0; i < calibrationSize; i++) {
    h ^= i
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
    h ^= h >>> 16
    hashes[i] = h
  }
  // A plain array and a comparator: the generic sort path, as most JavaScript sorts take.
  const sorted = Array.from(hashes).sort((a, b) => a - b)
  let checksum = 0
  for (let i = 0; i < sorted.length; i += 997) checksum = (Math.imul(checksum, 31) + sorted[i]) | 0
  return checksum >>> 0
}

/** The calibration: the fastest of a few passes, in seconds, and the workload's checksum. */
export interface Calibration {
  readonly seconds: number
  readonly checksum: number
}

/** Runs the workload a few times (after a warm-up) and keeps the fastest pass. */
export const calibrate = (): Calibration => {
  let checksum = calibrationWorkload()
  let seconds = Number.POSITIVE_INFINITY
  for (let i = 0; i < repetitions; i++) {
    const started = performance.now()
    checksum = calibrationWorkload()
    seconds = Math.min(seconds, (performance.now() - started) / 1000)
  }
  return { seconds, checksum }
}
