/**
 * Explorer figures for `npm run bench`: distinct states explored per second
 * on the shipped small config (`examples/configs/single-partition.json`),
 * breadth-first to depth 4, without judging paths; then the same search
 * with every explored path judged (drain and guarantee checkers included).
 * Figures only.
 *
 * @module
 */
import { exampleConfig } from "../properties/exampleConfigs.ts"
import { exploreStates } from "../properties/explore/bfs.ts"
import { explore } from "../properties/explore/explore.ts"
import { formatRate, measure } from "./measure.ts"

/** Prints the explorer figures, measuring each for `seconds`. */
export const benchExplore = async (seconds: number): Promise<void> => {
  const config = exampleConfig("single-partition")
  const depthMax = 4
  const search = await measure(seconds, () => exploreStates({ config, depthMax, statesMax: 1_000_000 }).states)
  console.log(`explore:        ${formatRate(search, "distinct states")} (examples/configs/single-partition.json, breadth-first to depth ${depthMax})`)
  const judged = await measure(seconds, () => explore({ config, depthMax: depthMax - 1, statesMax: 1_000_000 }).statesJudged)
  console.log(`explore judged: ${formatRate(judged, "distinct states")} (depth ${depthMax - 1}, every path drained and judged by every applicable guarantee)`)
}
