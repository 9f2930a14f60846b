/**
 * The breadth-first search (`bfs.ts`) on several threads: each depth's
 * frontier is cut into ranges, expanded by this thread and worker threads
 * (`expandRange.ts`; each worker keeps a copy of the tree, told each
 * depth's states and views), and the expansions are merged here in
 * frontier order (`mergeExpansion.ts`) as soon as each and those before it
 * are expanded, so the tree, the counts and the numbering of views are the
 * same as one thread's (`workerPool.ts` hands out the ranges).
 *
 * @module
 */
import { init, step as modelStep } from "../../../model/index.ts"
import type { Config } from "../../../spec/config.ts"
import { driverInit } from "../../driver/index.ts"
import type { Exploration } from "../bfs.ts"
import { expandRange, successorCountOf } from "../expandRange.ts"
import { ExpansionMerge } from "../mergeExpansion.ts"
import { PathReplayer } from "../pathReplayer.ts"
import { StateTree } from "../stateTree.ts"
import { StructuralHasher } from "../structuralHasher.ts"
import { ViewTable } from "../views.ts"
import { ExploreWorkers, rangesOf } from "./workerPool.ts"

/** What to search, and on how many threads. */
export interface SearchOnThreadsOptions {
  readonly config: Config
  readonly depthMax: number
  readonly statesMax: number
  /** Threads in all: this one and `threads - 1` worker threads. */
  readonly threads: number
  /** The worker threads' entry module (it calls `serveExploreWorker`, `exploreWorkerMain.ts`). */
  readonly entry: URL
  /** The fewest frontier states whose expansion starts the workers (see {@link workersFromFrontierDefault}); 0 starts them at once. */
  readonly workersFromFrontier?: number | undefined
  /**
   * Whether this thread expands ranges too (default true). False leaves
   * every range to the workers while any is alive, this thread only
   * merging: what a test does to check the workers' expansions.
   */
  readonly mainExpands?: boolean | undefined
}

/** An exploration searched on several threads. */
export interface ThreadedExploration extends Exploration {
  /** Threads that expanded states: this one and each worker that expanded a range. */
  readonly searchThreads: number
  /** Why some worker thread could not do its share (one line), `undefined` when none failed. */
  readonly threadsNote: string | undefined
  /** Per depth from 1, the views numbered with its states: with the tree, what another thread needs to copy it (`treeCopy.ts`). */
  readonly viewsNumbered: ReadonlyArray<Float64Array>
}

/**
 * The fewest frontier states whose expansion starts the workers, by
 * default: 2,000, a few tenths of a second of this thread's work. A search
 * with smaller frontiers is over about as soon as a worker could help, and
 * a worker loading shares the machine with this thread.
 */
export const workersFromFrontierDefault = 2_000

/**
 * States per range of a frontier of `size` states on `threads` threads: an
 * eighth of an even share, at most 64 (a few milliseconds of work), so
 * the threads stay balanced up to the end of each depth.
 */
const rangeSizeOf = (size: number, threads: number): number => Math.max(1, Math.min(64, Math.ceil(size / (threads * 8))))

/**
 * `exploreStates` (`bfs.ts`) on `threads` threads: the same tree, counts
 * and flags for any number of threads. Resolves once the search is done and
 * the workers are stopped; rejects with what this thread's expanding or
 * merging threw, after stopping them.
 */
export const exploreStatesOnThreads = async (options: SearchOnThreadsOptions): Promise<ThreadedExploration> => {
  const workers = new ExploreWorkers(Math.max(0, options.threads - 1), options.entry, { config: options.config }, options.mainExpands ?? true)
  try {
    return await searchOnWorkers(workers, options)
  } finally {
    await workers.stop()
  }
}

/**
 * {@link exploreStatesOnThreads} on this thread and `workers` (started
 * once a frontier has `workersFromFrontier` states), which are left running
 * with a whole copy of the tree (its last depth told too), ready to judge
 * its paths.
 */
export const searchOnWorkers = async (
  workers: ExploreWorkers,
  options: Pick<SearchOnThreadsOptions, "config" | "depthMax" | "statesMax" | "workersFromFrontier">
): Promise<ThreadedExploration> => {
  const workersFrom = options.workersFromFrontier ?? workersFromFrontierDefault
  const { config, depthMax, statesMax } = options
  const views = new ViewTable(config)
  const tree = new StateTree(config, modelStep, init(config), views, views.intern(driverInit(config)))
  const replayer = new PathReplayer(tree)
  const hasher = new StructuralHasher()
  const merge = new ExpansionMerge(tree, replayer, hasher, statesMax, depthMax)
  const viewsNumbered: Array<Float64Array> = []
  const workersUsed = new Set<number>()
  let failure: string | undefined
  let frontierStart = 0
  let frontierSize = 1
  let depth = 0
  const tell = () => {
    viewsNumbered.push(merge.takeViewsNumbered())
    workers.broadcast({ start: frontierStart, ...tree.numbersOf(frontierStart, frontierStart + frontierSize), viewsNumbered: viewsNumbered[depth - 1] })
  }
  while (!merge.truncated && depth < depthMax && frontierSize > 0) {
    if (depth > 0) tell()
    if (frontierSize >= workersFrom) workers.start()
    tree.deepen()
    const outcome = await workers.run<Float64Array>({
      ranges: rangesOf(frontierStart, frontierSize, rangeSizeOf(frontierSize, workers.alive + 1)),
      ask: (job, range) => ({ _tag: "Expand", job, ...range }),
      answer: (message) =>
        message._tag === "Expanded" && message.out instanceof Float64Array && message.out.length === 2 * successorCountOf(tree, message.start, message.end)
          ? message.out
          : undefined,
      here: (range) => expandRange(tree, replayer, hasher, range.start, range.end),
      take: (range, out) => {
        merge.merge(range.start, range.end, out)
        return !merge.truncated
      }
    })
    failure ??= outcome.failure
    for (const worker of outcome.workersUsed) workersUsed.add(worker)
    hasher.forget()
    const nextStart = frontierStart + frontierSize
    frontierStart = nextStart
    frontierSize = tree.size - nextStart
    depth += 1
  }
  // The last depth's states, so that each worker's copy is the whole tree.
  if (depth > 0) tell()
  return {
    tree,
    states: tree.size,
    transitions: merge.transitions,
    depthReached: tree.depthOf(tree.size - 1),
    truncated: merge.truncated,
    exhausted: !merge.truncated && frontierSize === 0,
    searchThreads: 1 + workersUsed.size,
    threadsNote: failure,
    viewsNumbered
  }
}
