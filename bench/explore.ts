/**
 * Explorer figures for `npm run bench`: distinct states explored per second
 * on the shipped small config (`examples/configs/single-partition.json`),
 * breadth-first to depth 6 (615,758 states, 1,725,697 transitions: long
 * enough for the steady rate, where most of the work is the last depth's
 * transitions), without judging paths, after a warm-up search to depth 5;
 * then the search to depth 3 with every explored path judged (drain and
 * guarantee checkers included). Figures only.
 *
 * @module
 */
import { performance } from "node:perf_hooks"
import { exampleConfig } from "../properties/exampleConfigs.ts"
import { exploreStates } from "../properties/explore/bfs.ts"
import { explore } from "../properties/explore/explore.ts"
import { formatRate, measure, type Rate } from "./measure.ts"

/** The depth of the search figure. */
const searchDepth = 6

/** The depth of the judged figure (every path judged costs far more than its search). */
const judgedDepth = 3

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
  const judged = await measure(seconds, () => explore({ config, depthMax: judgedDepth, statesMax: 1_000_000 }).statesJudged)
  console.log(`explore judged: ${formatRate(judged, "distinct states")} (depth ${judgedDepth}, every path drained and judged by every applicable guarantee)`)
}
