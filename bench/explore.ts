/**
 * Explorer figures for `npm run bench`: distinct states explored per second
 * on the shipped small config (`examples/configs/single-partition.json`),
 * breadth-first to depth 6 (615,758 states, 1,725,697 transitions: long
 * enough for the steady rate, where most of the work is the last depth's
 * transitions), without judging paths, after a warm-up search to depth 5;
 * then the same search on every core (`parallel/searchOnWorkers.ts`, worker
 * start-up included: the faster of two searches), its ratio to one thread,
 * and whether the trees were the same (they must); then the search to
 * depth 3 with every explored path judged (drain and guarantee checkers
 * included); then the search to depth 5 (65,839 states) with the paths of
 * the first 20,000 judged in one thread and on every core (`qsem explore
 * --workers N`: worker start-up, the search on every core and each
 * worker's copy of the tree included), their ratio, and whether both
 * reports were the same (they must). Figures only.
 *
 * @module
 */
import { performance } from "node:perf_hooks"
import { exampleConfig } from "../properties/exampleConfigs.ts"
import { exploreStates } from "../properties/explore/bfs.ts"
import { availableParallelism } from "node:os"
import { explore, exploreOnThreads, type ExploreReport } from "../properties/explore/explore.ts"
import { exploreStatesOnThreads } from "../properties/explore/parallel/searchOnWorkers.ts"
import type { StateTree } from "../properties/explore/stateTree.ts"
import { formatRate, measure, type Rate } from "./measure.ts"

/** The depth of the search figure. */
const searchDepth = 6

/** The depth of the judged figure (every path judged costs far more than its search). */
const judgedDepth = 3

/** The depth of the figures judged in one thread and on every core, and the states whose paths are judged. */
const threadsDepth = 5
const threadsJudged = 20_000

/** The worker threads' entry (search and judging workers), as `qsem explore` gives it. */
const workerEntry = new URL("../cli/internal/exploreWorker.mjs", import.meta.url)

/** What must be the same on any number of threads: the report without its timings, thread notes and tree. */
const outcomeOf = (report: ExploreReport): string =>
  JSON.stringify([report.exploration.states, report.exploration.transitions, report.statesJudged, report.tallies, report.counterexamples])

/** Whether two trees number the same states the same way: parents, moves, views and the views' hashes. */
const sameTree = (a: StateTree, b: StateTree): boolean => {
  if (a.size !== b.size || a.views.hashes.length !== b.views.hashes.length || a.views.hashes.some((hash, view) => hash !== b.views.hashes[view])) return false
  const [numbersA, numbersB] = [a.numbersOf(0, a.size), b.numbersOf(0, b.size)]
  for (let index = 0; index < a.size; index++) {
    if (numbersA.parents[index] !== numbersB.parents[index] || numbersA.moves[index] !== numbersB.moves[index] || numbersA.views[index] !== numbersB.views[index]) return false
  }
  return true
}

/** One exploration to `threadsDepth` with every path judged on `threads` threads, timed. */
const judgedOn = async (config: ReturnType<typeof exampleConfig>, threads: number): Promise<{ readonly rate: Rate; readonly outcome: string }> => {
  const started = performance.now()
  const report = await exploreOnThreads({ config, depthMax: threadsDepth, statesMax: 1_000_000, judgeStatesMax: threadsJudged }, { threads, entry: workerEntry, statesPerThreadMin: 1 })
  const seconds = (performance.now() - started) / 1000
  return { rate: { operations: report.statesJudged, seconds, perSecond: report.statesJudged / seconds }, outcome: outcomeOf(report) }
}

/** Searches to `depthMax` until `secondsMin` passed (at least once), after a warm-up to depth 5. */
const searchRate = (config: ReturnType<typeof exampleConfig>, depthMax: number, secondsMin: number): Rate => {
  exploreStates({ config, depthMax: 5, statesMax: 100_000_000 })
  let operations = 0
  const started = performance.now()
  let elapsed = 0
  do {
    operations += exploreStates({ config, depthMax, statesMax: 100_000_000 }).states
    elapsed = performance.now() - started
  } while (elapsed < secondsMin * 1000)
  const seconds = elapsed / 1000
  return { operations, seconds, perSecond: operations / seconds }
}

/** Prints the explorer figures, measuring each for `seconds`. */
export const benchExplore = async (seconds: number): Promise<void> => {
  const config = exampleConfig("single-partition")
  const search = searchRate(config, searchDepth, seconds)
  console.log(`explore:        ${formatRate(search, "distinct states")} (examples/configs/single-partition.json, breadth-first to depth ${searchDepth}, one thread)`)
  const cores = availableParallelism()
  const alone = exploreStates({ config, depthMax: searchDepth, statesMax: 100_000_000 })
  const onCores: Array<Rate & { readonly same: boolean }> = []
  for (let round = 0; round < 2; round++) {
    const started = performance.now()
    const found = await exploreStatesOnThreads({ config, depthMax: searchDepth, statesMax: 100_000_000, threads: cores, entry: workerEntry })
    const elapsed = (performance.now() - started) / 1000
    const same = found.transitions === alone.transitions && sameTree(found.tree, alone.tree)
    onCores.push({ operations: found.states, seconds: elapsed, perSecond: found.states / elapsed, same })
  }
  const fastest = onCores[0].seconds <= onCores[1].seconds ? onCores[0] : onCores[1]
  console.log(
    `explore, ${cores} threads: ${formatRate(fastest, "distinct states")} (${(fastest.perSecond / search.perSecond).toFixed(2)}x one thread; worker start-up included; ${
      onCores.every((round) => round.same) ? "the same tree as one thread's" : "TREES DIFFER"
    })`
  )
  const judged = await measure(seconds, () => explore({ config, depthMax: judgedDepth, statesMax: 1_000_000 }).statesJudged)
  console.log(`explore judged: ${formatRate(judged, "distinct states")} (depth ${judgedDepth}, every path drained and judged by every applicable guarantee)`)
}

/** Prints the judged figure at depth 5 in one thread and on every core: the faster of two rounds each. */
export const benchExploreThreads = async (): Promise<void> => {
  const config = exampleConfig("single-partition")
  const cores = availableParallelism()
  const rounds = [await judgedOn(config, 1), await judgedOn(config, cores), await judgedOn(config, 1), await judgedOn(config, cores)]
  const fastest = (threads: 0 | 1) => [rounds[threads], rounds[threads + 2]].sort((a, b) => a.rate.seconds - b.rate.seconds)[0].rate
  const one = fastest(0)
  const every = fastest(1)
  console.log(`explore judged, 1 thread:  ${formatRate(one, "distinct states")} (depth ${threadsDepth}, the paths of the first ${threadsJudged.toLocaleString("en-US")} states judged)`)
  console.log(
    `explore judged, ${cores} threads: ${formatRate(every, "distinct states")} (${(every.perSecond / one.perSecond).toFixed(2)}x; ${
      rounds.every((round) => round.outcome === rounds[0].outcome) ? "the same report every time" : "REPORTS DIFFER"
    })`
  )
}
