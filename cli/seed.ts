/**
 * `--seed`: fast-check takes a 32-bit signed integer as its seed; any other
 * number would be folded into that range silently (so two different seeds
 * could run the same program), so the CLI refuses it instead.
 *
 * @module
 */
import { UsageError } from "./usageError.ts"

/** The smallest seed fast-check takes as it is: -2^31. */
export const seedMin = -(2 ** 31)

/** The largest seed fast-check takes as it is: 2^31 - 1. */
export const seedMax = 2 ** 31 - 1

/** Parses a `--seed` value: an integer from {@link seedMin} to {@link seedMax}; throws {@link UsageError}. */
export const parseSeed = (text: string): number => {
  const value = /^-?\d+$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isInteger(value) || value < seedMin || value > seedMax) {
    throw new UsageError({ message: `flag --seed takes an integer from ${seedMin} to ${seedMax} (fast-check's 32-bit seeds), not "${text}"` })
  }
  return value
}

/** A fresh seed from the wall clock (`nowMs`, e.g. `Date.now()`), always within the accepted range. */
export const seedFromClock = (nowMs: number): number => Math.abs(Math.trunc(nowMs)) % (seedMax + 1)
