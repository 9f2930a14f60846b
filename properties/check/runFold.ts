/**
 * Folding a check's exploring runs into a summary, run by run, in whichever
 * thread ran them: a worker thread folds its chunks of runs and sends only
 * the summaries, which the main thread merges in run order (see
 * `CheckOptions.fold` and `parallel/`).
 *
 * @module
 */
import type { Choice } from "../choice.ts"
import type { Run } from "../run.ts"
import type { RunVerdicts } from "./evaluate.ts"

/**
 * How to fold runs into a summary of type `S`, and to merge two summaries of
 * consecutive runs. `merge(a, b)` must leave `a` as if the runs folded into
 * `b` had been added to `a` one by one, so the result does not depend on how
 * the runs were cut into chunks (nor on the number of threads). A summary is
 * plain data that `postMessage` can copy (numbers, strings, arrays, plain
 * objects, Maps and Sets).
 *
 * @example
 * ```ts
 * const commandsFold: RunFold<{ commands: number }> = {
 *   init: () => ({ commands: 0 }),
 *   add: (summary, run) => { summary.commands += run.commands.length },
 *   merge: (summary, later) => { summary.commands += later.commands }
 * }
 * ```
 */
export interface RunFold<S> {
  /** A summary of no runs. */
  readonly init: () => S
  /** Adds one run: the run, what it says about the guarantees, and the choices it was decoded from. */
  readonly add: (summary: S, run: Run, verdicts: RunVerdicts, choices: ReadonlyArray<Choice>) => void
  /** Adds `later`, the summary of the runs right after those of `summary`, to `summary`. */
  readonly merge: (summary: S, later: S) => void
}
