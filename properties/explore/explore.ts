/**
 * The explorer: breadth-first over the model within bounds (`bfs.ts`), every
 * explored path judged with the standard drain appended (`judgePaths.ts`),
 * and, for a guarantee some path violates, the shortest such path as a trace.
 *
 * @module
 */
import type { Config } from "../../spec/config.ts"
import { catalogue, guaranteeById } from "../../spec/catalogue.ts"
import type { Guarantee, GuaranteeId } from "../../spec/guarantee.ts"
import { traceVersion, type Trace } from "../../spec/trace.ts"
import { step as modelStep } from "../../model/index.ts"
import { notApplicableReasonOf } from "../guarantees/applicability.ts"
import { guaranteeCheckById } from "../guarantees/index.ts"
import { exploreStates, type Exploration } from "./bfs.ts"
import type { StepFunction } from "./stateTree.ts"
import { mergePathTallies, pathJudge, pathTalliesEmpty, type PathTally } from "./judgePaths.ts"
import { judgeOnWorkers } from "./parallel/judgeOnWorkers.ts"
import { searchOnWorkers } from "./parallel/searchOnWorkers.ts"
import { ExploreWorkers } from "./parallel/workerPool.ts"

/** What to explore and judge. */
export interface ExploreOptions {
  readonly config: Config
  /** The longest path, in commands before the drain. */
  readonly depthMax: number
  /** The most distinct states kept. */
  readonly statesMax: number
  /** Guarantees to judge (those that apply to the config); default: the whole catalogue. */
  readonly guarantees?: ReadonlyArray<GuaranteeId> | undefined
  /**
   * Judge the paths of the first this many states in breadth-first order
   * (the shortest paths first, so a violation or witness found is still a
   * shortest one among them); default: every explored state. 0 judges none.
   */
  readonly judgeStatesMax?: number | undefined
  /** Defaults to the model's `step`; a test passes a mutated one. */
  readonly step?: StepFunction | undefined
  /** A clock in milliseconds (the CLI passes `performance.now`) to time the search and the judging apart; absent, no timing. */
  readonly clockMs?: (() => number) | undefined
}

/** One guarantee's outcome: n/a (and why), or what the judged paths showed. */
export interface ExploreTally {
  readonly guarantee: Guarantee
  readonly notApplicableReason: string | undefined
  /** `undefined` when the guarantee does not apply (it was not judged). */
  readonly judged: PathTally | undefined
}

/** What an exploration found. */
export interface ExploreReport {
  readonly exploration: Exploration
  /** States whose path was judged (the first ones in breadth-first order). */
  readonly statesJudged: number
  readonly tallies: ReadonlyArray<ExploreTally>
  /** Per violated guarantee (catalogue order), its shortest violating path as a trace of the model. */
  readonly counterexamples: ReadonlyArray<Trace>
  /** Milliseconds spent judging paths, and in all (with `clockMs` only). */
  readonly judgeMs: number | undefined
  readonly totalMs: number | undefined
  /** The threads the paths were judged on (1: this one only). */
  readonly judgeThreads: number
  /** Why some worker thread could not do its share of the judging (one line), `undefined` when none failed. */
  readonly threadsNote: string | undefined
  /** The threads that expanded states in the search (1: this one only; more only once a worker had loaded). */
  readonly searchThreads: number
  /** Why some worker thread could not do its share of the search (one line), `undefined` when none failed. */
  readonly searchThreadsNote: string | undefined
}

/**
 * A trace of a judged path that violates a guarantee: the model as target
 * (`qsem replay` re-decodes its choices, then drains every group), seed 0
 * and path `explore` (no fast-check run is behind it), the commands with
 * the drain, the model's answers as both expected and actual.
 */
export const counterexampleTrace = (config: Config, tally: PathTally): Trace | undefined => {
  const found = tally.firstViolation
  if (found === undefined) return undefined
  const { choices, run } = found.path
  return {
    format: "qsem-trace",
    version: traceVersion,
    target: "model",
    seed: 0,
    path: "explore",
    config,
    commands: run.commands,
    expected: run.expected,
    actual: run.actual,
    verdict: found.violation,
    choices
  }
}

/**
 * Explores the model of `config` breadth-first within the bounds and judges
 * every explored path (or the first `judgeStatesMax`) against every
 * applicable guarantee asked. Deterministic but for the timings.
 *
 * @example
 * ```ts
 * const report = explore({ config, depthMax: 4, statesMax: 1_000_000 })
 * report.exploration.states // pinned in explore.test.ts for the shipped configs
 * ```
 */
export const explore = (options: ExploreOptions): ExploreReport => {
  const { config } = options
  const step = options.step ?? modelStep
  const plan = judgingPlanOf(options)
  const judge = pathJudge(config, plan.judged, step)
  const judgeStatesMax = options.judgeStatesMax ?? Number.POSITIVE_INFINITY
  const clock = options.clockMs
  let judgeMs = 0
  let statesJudged = 0
  const started = clock?.()
  const exploration = exploreStates({ config, depthMax: options.depthMax, statesMax: options.statesMax, step }, (tree, index, state, driver) => {
    if (statesJudged >= judgeStatesMax) return
    statesJudged += 1
    const before = clock?.() ?? 0
    judge.visit(tree, index, state, driver)
    if (clock !== undefined) judgeMs += clock() - before
  })
  const totalMs = clock === undefined || started === undefined ? undefined : clock() - started
  return reportOf(config, plan, exploration, statesJudged, judge.tallies, {
    judgeMs: clock === undefined ? undefined : judgeMs,
    totalMs,
    judgeThreads: 1,
    threadsNote: undefined,
    searchThreads: 1,
    searchThreadsNote: undefined
  })
}

/** How to judge an exploration's paths on several threads (see {@link exploreOnThreads}). */
export interface JudgeThreads {
  /** Threads in all at most: this one and `threads - 1` worker threads. */
  readonly threads: number
  /** The worker threads' entry module (it calls `serveJudgeWorker`, `parallel/judgeWorkerMain.ts`). */
  readonly entry: URL
  /**
   * The fewest paths to judge per thread, at least 1 (default, and for a
   * value below 1: {@link judgeStatesPerThreadMinDefault}): with fewer,
   * fewer threads are used, and one thread below twice as many.
   */
  readonly statesPerThreadMin?: number | undefined
  /** The fewest frontier states whose expansion starts the worker threads (default: `workersFromFrontierDefault`, `parallel/searchOnWorkers.ts`); 0 starts them at once. */
  readonly workersFromFrontier?: number | undefined
}

/**
 * The fewest paths to judge per thread by default: with fewer, this thread
 * is done before a worker has loaded and rebuilt the tree.
 */
const judgeStatesPerThreadMinDefault = 1_000

/**
 * {@link explore} on up to `threads.threads` threads: the search on all of
 * them (`parallel/searchOnWorkers.ts`: the same tree as one thread's), then the
 * paths judged on as many as have `statesPerThreadMin` paths each: this
 * thread judges ranges of states while worker threads, each having rebuilt
 * the tree from a copy, judge others (`parallel/judgeOnWorkers.ts`). The report
 * is the same as {@link explore}'s, timings and thread counts and notes
 * aside. In one thread (or with a mutated `step`, which a worker cannot
 * load) it is {@link explore}.
 */
export const exploreOnThreads = async (options: ExploreOptions, threads: JudgeThreads): Promise<ExploreReport> => {
  if (threads.threads <= 1 || options.step !== undefined) return explore(options)
  const { config } = options
  const plan = judgingPlanOf(options)
  const clock = options.clockMs
  const started = clock?.()
  const workers = new ExploreWorkers(threads.threads - 1, threads.entry, { config })
  try {
    const exploration = await searchOnWorkers(workers, { config, depthMax: options.depthMax, statesMax: options.statesMax, workersFromFrontier: threads.workersFromFrontier })
    const judgeStarted = clock?.()
    const statesJudged = Math.min(exploration.states, options.judgeStatesMax ?? Number.POSITIVE_INFINITY)
    const perThreadMin = threads.statesPerThreadMin !== undefined && threads.statesPerThreadMin >= 1 ? threads.statesPerThreadMin : judgeStatesPerThreadMinDefault
    // With too few paths for two threads, the workers do not judge: this thread judges them alone.
    const judgeThreads = plan.judged.length === 0 ? 1 : Math.max(1, Math.min(threads.threads, Math.floor(statesJudged / perThreadMin)))
    const judged = await judgeOnWorkers(workers, { config, guarantees: plan.judged, tree: exploration.tree, states: statesJudged, workersMax: judgeThreads - 1 })
    const ended = clock?.()
    return reportOf(config, plan, exploration, statesJudged, judged.tallies, {
      judgeMs: ended === undefined || judgeStarted === undefined ? undefined : ended - judgeStarted,
      totalMs: ended === undefined || started === undefined ? undefined : ended - started,
      judgeThreads,
      threadsNote: judged.failure === undefined ? undefined : `${judged.failure}; its paths were judged in the main thread`,
      searchThreads: exploration.searchThreads,
      searchThreadsNote: exploration.threadsNote === undefined ? undefined : `${exploration.threadsNote}; its states were expanded in the main thread`
    })
  } finally {
    await workers.stop()
  }
}

/** The guarantees asked, why each that does not apply does not, and those judged. */
export interface JudgingPlan {
  readonly ids: ReadonlyArray<GuaranteeId>
  readonly reasons: ReadonlyMap<GuaranteeId, string | undefined>
  readonly judged: ReadonlyArray<GuaranteeId>
}

/** The guarantees `options` asks for, each with why it does not apply to the config, and those judged (those that apply). */
export const judgingPlanOf = (options: ExploreOptions): JudgingPlan => {
  const ids = options.guarantees ?? catalogue.map((guarantee) => guarantee.id)
  const reasons = new Map(ids.map((id) => [id, notApplicableReasonOf(guaranteeById(id), guaranteeCheckById(id), options.config)]))
  return { ids, reasons, judged: ids.filter((id) => reasons.get(id) === undefined) }
}

/** The report of an exploration whose paths were judged into `tallies`. */
const reportOf = (
  config: Config,
  plan: JudgingPlan,
  exploration: Exploration,
  statesJudged: number,
  tallies: ReadonlyArray<PathTally>,
  timing: Pick<ExploreReport, "judgeMs" | "totalMs" | "judgeThreads" | "threadsNote" | "searchThreads" | "searchThreadsNote">
): ExploreReport => {
  const explored = plan.ids.map((id): ExploreTally => {
    const notApplicableReason = plan.reasons.get(id)
    return {
      guarantee: guaranteeById(id),
      notApplicableReason,
      judged: notApplicableReason === undefined ? tallies.find((tally) => tally.guarantee === id) : undefined
    }
  })
  const counterexamples = tallies.flatMap((tally) => {
    const trace = counterexampleTrace(config, tally)
    return trace === undefined ? [] : [trace]
  })
  return { exploration, statesJudged, tallies: explored, counterexamples, ...timing }
}
