/**
 * Judging an exploration's paths on several threads: this thread and the
 * exploration's worker threads (`workerPool.ts`), each with a whole copy of
 * the tree once the search is done. The states to judge are cut into
 * ranges, each judged into fresh tallies, merged in index order as soon as
 * each and those before it are judged, so the tallies are the same for any
 * number of threads.
 *
 * @module
 */
import type { Config } from "../../../spec/config.ts"
import type { GuaranteeId } from "../../../spec/guarantee.ts"
import { step as modelStep } from "../../../model/index.ts"
import { mergePathTallies, pathJudge, pathTalliesEmpty, type PathTally } from "../judgePaths.ts"
import type { StateTree } from "../stateTree.ts"
import { type ExploreWorkers, type JobOutcome, rangesOf } from "./workerPool.ts"

/** What to judge, and on how many workers. */
export interface JudgeOnWorkersOptions {
  readonly config: Config
  readonly guarantees: ReadonlyArray<GuaranteeId>
  /** The explored tree (each worker has a copy of it). */
  readonly tree: StateTree
  /** States to judge: indexes 0 to `states - 1`. */
  readonly states: number
  /** The most workers that judge besides this thread. */
  readonly workersMax: number
}

/**
 * States per range, for `states` states on `threads` threads: a sixteenth
 * of an even share, from 8 to 256, so the threads stay balanced up to the
 * end and this thread answers the workers' messages often.
 */
const rangeSizeOf = (states: number, threads: number): number => Math.max(8, Math.min(256, Math.ceil(states / (threads * 16))))

/** Whether a worker's tallies are of `guarantees`, in order (a worker that answers otherwise is dropped). */
const talliesFit = (tallies: unknown, guarantees: ReadonlyArray<GuaranteeId>): tallies is ReadonlyArray<PathTally> =>
  Array.isArray(tallies) && tallies.length === guarantees.length &&
  tallies.every((tally: Partial<PathTally> | null, i) => tally !== null && typeof tally === "object" && tally.guarantee === guarantees[i])

/** Judges the paths of states 0 to `states - 1` on this thread and up to `workersMax` workers; the tallies are one thread's. */
export const judgeOnWorkers = async (
  workers: ExploreWorkers,
  options: JudgeOnWorkersOptions
): Promise<JobOutcome & { readonly tallies: ReadonlyArray<PathTally> }> => {
  const { config, guarantees, tree, states } = options
  const tallies = pathTalliesEmpty(guarantees)
  if (options.workersMax > 0) workers.start()
  const outcome = await workers.run<ReadonlyArray<PathTally>>({
    ranges: rangesOf(0, states, rangeSizeOf(states, options.workersMax + 1)),
    ask: (job, range) => ({ _tag: "Judge", job, ...range, guarantees }),
    answer: (message) => (message._tag === "Judged" && talliesFit(message.tallies, guarantees) ? message.tallies : undefined),
    here: (range) => {
      const judge = pathJudge(config, guarantees, modelStep)
      judge.visitRange(tree, range.start, range.end)
      return judge.tallies
    },
    take: (_range, judged) => {
      mergePathTallies(tallies, judged)
      return true
    },
    workersMax: options.workersMax
  })
  return { ...outcome, tallies }
}
