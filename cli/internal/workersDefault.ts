/**
 * The threads `qsem check` and `qsem explore` use when `--workers` is not
 * given.
 *
 * @module
 */
import { availableParallelism } from "node:os"
import { quoteInput } from "../../spec/internal/quoteInput.ts"
import { UsageError } from "../usageError.ts"

/** The most threads `--workers` accepts. */
export const workersMax = 256

/**
 * Threads when `--workers` is not given: the environment variable
 * `QSEM_WORKERS` when set, else the machine's cores
 * (`os.availableParallelism()`), at most {@link workersMax}.
 */
export const workersDefault = (): number => {
  const given = process.env.QSEM_WORKERS
  if (given === undefined || given === "") return Math.min(availableParallelism(), workersMax)
  const value = /^\d{1,6}$/.test(given) ? Number(given) : Number.NaN
  if (!(value >= 1 && value <= workersMax)) {
    throw new UsageError({ message: `environment variable QSEM_WORKERS takes a number from 1 to ${workersMax}, not ${quoteInput(given)}` })
  }
  return value
}
