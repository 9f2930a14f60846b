/**
 * Parallel figures for `npm run bench`: checked runs per second of a check
 * of the default config (600 runs of seed 1) in one thread and on every
 * core (`qsem check --workers N`), worker start-up included, and whether both
 * gave the same report (they must). The workers start from the compiled
 * bundle when it is fresh (`npm run build`), else from the sources through
 * tsx, seconds slower; the line says which. Figures only.
 *
 * @module
 */
import * as fs from "node:fs"
import { availableParallelism } from "node:os"
import { performance } from "node:perf_hooks"
import { builtinTarget } from "../impl/index.ts"
import { checkTarget, type CheckReport } from "../properties/check/checkTarget.ts"
import type { Config } from "../spec/config.ts"
import { formatRate, type Rate } from "./measure.ts"

/** The worker threads' entry, as `qsem check` gives it. */
const workerEntry = new URL("../cli/internal/checkWorker.mjs", import.meta.url)

/** Whether the workers load the compiled bundle: it exists and was built after every source it holds last changed (a cheap stand-in for the bin's content check). */
const workersFromBundle = (): boolean => {
  const inputs = new URL("../dist/cli/qsem.inputs.json", import.meta.url)
  if (!fs.existsSync(inputs)) return false
  const built = fs.statSync(inputs).mtimeMs
  const recorded = Object.keys((JSON.parse(fs.readFileSync(inputs, "utf8")) as { inputs: Record<string, string> }).inputs)
  return recorded.every((file) => {
    const source = new URL(`../${file}`, import.meta.url)
    return fs.existsSync(source) && fs.statSync(source).mtimeMs <= built
  })
}

/** One check of `runs` runs of seed 1 on `workers` threads, timed. */
const checkOn = async (config: Config, runs: number, workers: number): Promise<{ readonly rate: Rate; readonly report: CheckReport }> => {
  const started = performance.now()
  const report = await checkTarget({
    target: builtinTarget,
    config,
    runs,
    seed: 1,
    parallel: { workers, entry: workerEntry, targetSpec: builtinTarget.name }
  })
  const seconds = (performance.now() - started) / 1000
  return { rate: { operations: report.runsDone, seconds, perSecond: report.runsDone / seconds }, report }
}

/** Prints checked runs per second with 1 worker and with every core. */
export const benchParallel = async (config: Config, runs = 600): Promise<void> => {
  const cores = availableParallelism()
  const one = await checkOn(config, runs, 1)
  console.log(`parallel:  ${formatRate(one.rate, "checked runs")} (the default config, ${runs} runs of seed 1, --workers 1)`)
  if (cores < 2) {
    console.log("parallel:  one core only: no figure for more workers")
    return
  }
  const all = await checkOn(config, runs, cores)
  const same = JSON.stringify(all.report) === JSON.stringify(one.report)
  console.log(
    `parallel:  ${formatRate(all.rate, "checked runs")} (--workers ${cores}, from the ${workersFromBundle() ? "compiled bundle" : "sources through tsx"}, start-up included: ${
      (one.rate.seconds / all.rate.seconds).toFixed(2)
    } times the speed of one; the same report: ${same ? "yes" : "NO"})`
  )
}
