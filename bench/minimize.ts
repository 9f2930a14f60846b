/**
 * The minimizing figure for `npm run bench`: how long a failing run of
 * thousands of commands takes to come down to a 1-minimal counterexample
 * (fast-check's shrink, then the minimizer's cut, command chunks and
 * choices), and the runs each stage spent. Figures only.
 *
 * @module
 */
import { performance } from "node:perf_hooks"
import { mutants } from "../impl/index.ts"
import { checkTarget } from "../properties/check/checkTarget.ts"
import { exampleConfig } from "../properties/exampleConfigs.ts"
import { formatSeconds } from "./measure.ts"

/** Prints the figure: `mutant:offsets-ignore-generation` on the shipped exactly-once config, runs of up to 3,000 choices, seed 7. */
export const benchMinimize = async (): Promise<void> => {
  const mutant = mutants.find((target) => target.name === "mutant:offsets-ignore-generation")
  if (mutant === undefined) return
  const started = performance.now()
  // Shrinking starts when the last exploring run (the failing one) ends.
  let explored = started
  const report = await checkTarget({
    target: mutant,
    config: exampleConfig("exactly-once"),
    runs: 20,
    seed: 7,
    commandsMax: 3000,
    conformance: false,
    onProgress: () => {
      explored = performance.now()
    }
  })
  const stats = report.minimization
  if (stats === undefined) {
    console.log(`minimize:  ${mutant.name} was not caught in ${report.runsDone} runs of up to 3,000 choices`)
    return
  }
  const total = formatSeconds((performance.now() - started) / 1000)
  const shrinking = formatSeconds((performance.now() - explored) / 1000)
  console.log(
    `minimize:  ${mutant.name}: a failing run of ${stats.lengthExplored.toLocaleString("en-US")} choices -> fast-check ${stats.lengthShrunk} (${stats.shrinkAttempts} runs) -> ${stats.lengthMinimized} (${stats.minimizeAttempts} runs${
      stats.oneMinimal ? ", 1-minimal" : ", budget out"
    }), shrinking and minimizing ${shrinking} (${total} with the search)`
  )
}
