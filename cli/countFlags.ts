/**
 * Range checks of the whole-number flags (`--runs`, `--commands-max`,
 * `--answer-timeout`), shared by `qsem check` and `qsem replay`.
 *
 * @module
 */
import { UsageError } from "./usageError.ts"

/**
 * `value` of the count flag `flag` when it is from `min` to `max`; otherwise
 * throws {@link UsageError} with one line. A value too large to be read
 * exactly (`Infinity` from `parseArgs`) is said to be too large.
 */
export const countIn = (flag: string, value: number, min: number, max: number): number => {
  const range = `a number from ${min} to ${max.toLocaleString("en-US")}`
  if (!Number.isFinite(value)) throw new UsageError({ message: `flag ${flag} takes ${range}: the value given is too large` })
  if (value < min || value > max) throw new UsageError({ message: `flag ${flag} takes ${range}, not ${value}` })
  return value
}

/** The most milliseconds `--answer-timeout` accepts: one hour. */
export const answerTimeoutMsMax = 3_600_000

/** `--answer-timeout MS` of `qsem check` and `qsem replay`, checked; undefined for the default. */
export const answerTimeoutOf = (counts: ReadonlyMap<string, number>): number | undefined => {
  const given = counts.get("answer-timeout")
  return given === undefined ? undefined : countIn("--answer-timeout", given, 1, answerTimeoutMsMax)
}
