/**
 * The threads `qsem check` and `qsem explore` use when `--workers` is not
 * given.
 *
 * @module
 */
import { availableParallelism } from "node:os"
import { builtinTarget } from "../../impl/index.ts"
import { modelTarget } from "../../properties/modelTarget.ts"
import { quoteInput } from "../../spec/internal/quoteInput.ts"
import { UsageError } from "../usageError.ts"

/** The most threads `--workers` accepts. */
export const workersMax = 256

/** The threads the environment variable `QSEM_WORKERS` asks for, `undefined` when it is not set (a bad value is a usage error). */
export const workersFromEnvironment = (): number | undefined => {
  const given = process.env.QSEM_WORKERS
  if (given === undefined || given === "") return undefined
  const value = /^\d{1,6}$/.test(given) ? Number(given) : Number.NaN
  if (!(value >= 1 && value <= workersMax)) {
    throw new UsageError({ message: `environment variable QSEM_WORKERS takes a number from 1 to ${workersMax}, not ${quoteInput(given)}` })
  }
  return value
}

/** The machine's cores (`os.availableParallelism()`), at most {@link workersMax}. */
export const cores = (): number => Math.min(availableParallelism(), workersMax)

/**
 * The commands a check of an in-memory target ({@link isInMemoryTarget})
 * may run (its runs times the commands a run may have) for each thread it
 * uses when neither `--workers` nor `QSEM_WORKERS` says: 300,000, which is
 * 5,000 runs of the default config. A worker thread is ready about half a
 * second after it starts and then runs slow, not yet optimized code for a
 * second or more, while the threads already running share the machine with
 * it: on a 2-core machine a check of the default config gains nothing from a
 * second thread up to about 4,000 runs, and is about 1.4 times as fast at
 * 20,000 to 30,000 (`npm run bench`, "parallel", measures it).
 */
export const checkCommandsPerThread = 300_000

/**
 * Whether `--target` names a target that answers in memory in qsem's own
 * code, whose cost per command {@link checkCommandsPerThread} was measured
 * on: the built-in broker, the model, a mutant. Not `builtin-sql` (SQLite
 * stores), a `stdio:` process or a module, whose commands cost more.
 */
export const isInMemoryTarget = (spec: string): boolean =>
  spec === builtinTarget.name || spec === modelTarget.name || spec.startsWith("mutant:")

/**
 * Threads for `qsem check --target <spec>` when `--workers` is not given:
 * `QSEM_WORKERS` when set; for an in-memory target, one per
 * {@link checkCommandsPerThread} commands of `runs` runs of up to
 * `commandsMax` commands, at least 1; for any other, whose commands cost
 * more (so a worker's start-up is paid back sooner), every core. At most the
 * machine's cores.
 */
export const checkWorkersDefault = (runs: number, commandsMax: number, spec: string): number =>
  workersFromEnvironment() ??
    (isInMemoryTarget(spec) ? Math.max(1, Math.min(cores(), Math.floor((runs * commandsMax) / checkCommandsPerThread))) : cores())

/**
 * The paths `qsem explore` judges per thread when neither `--workers` nor
 * `QSEM_WORKERS` says (up to the machine's cores): 30,000. A worker thread
 * loads, then copies the tree (told each depth's states and views, so it
 * does not explore again), before it judges; on a 2-core machine the
 * default explore (23,044 paths) took no less time judged on 2 threads
 * (7.8 s at best on one, 8.3 s on two), and single-partition to depth 5
 * (65,839 paths) about 1.1 times as fast. With a thread count given, each
 * thread needs a thousand paths. The search uses every thread given either
 * way, once a depth's frontier is large enough to pay a worker's start.
 */
export const exploreStatesPerThread = 30_000
