/**
 * Parallel figures for `npm run bench`: checked runs per second of a check
 * of the default config (2,000 runs of seed 1, folding the facts `qsem check`
 * prints) in one thread and on every core (`qsem check --workers N`: this
 * thread and N - 1 worker threads), worker start-up included, measured in
 * interleaved rounds (the machine may be busy with something else: the
 * median of each, and their ratio), and whether every check gave the same
 * report (they must). The workers start from the compiled bundle when it is
 * fresh (`npm run build`), else from the sources through tsx, seconds
 * slower; the line says which. Figures only.
 *
 * @module
 */
import * as fs from "node:fs"
import { availableParallelism } from "node:os"
import { performance } from "node:perf_hooks"
import { builtinTarget } from "../impl/index.ts"
import { checkFactsFold, type CheckFactsData } from "../cli/internal/checkFactsFold.ts"
import { checkTarget } from "../properties/check/checkTarget.ts"
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

/** What `qsem check` folds without `--stats`. */
const factsData: CheckFactsData = { statsGuarantees: undefined }

/** One check of `runs` runs of seed 1 on `threads` threads, timed; the report as JSON (its folded facts included). */
const checkOn = async (config: Config, runs: number, threads: number): Promise<{ readonly rate: Rate; readonly report: string }> => {
  const started = performance.now()
  const report = await checkTarget({
    target: builtinTarget,
    config,
    runs,
    seed: 1,
    fold: checkFactsFold(config, factsData),
    parallel: { workers: threads, entry: workerEntry, targetSpec: builtinTarget.name, foldData: factsData }
  })
  const seconds = (performance.now() - started) / 1000
  return { rate: { operations: report.runsDone, seconds, perSecond: report.runsDone / seconds }, report: JSON.stringify(report) }
}

/** The rate with the median time of `rates` (all of the same operations). */
const median = (rates: ReadonlyArray<Rate>): Rate => rates.slice().sort((a, b) => a.seconds - b.seconds)[Math.floor(rates.length / 2)]

/** Prints checked runs per second in one thread and on every core, the median of `rounds` interleaved rounds each. */
export const benchParallel = async (config: Config, runs = 2_000, rounds = 3): Promise<void> => {
  const cores = availableParallelism()
  const ones: Array<Rate> = []
  const alls: Array<Rate> = []
  const reports = new Set<string>()
  for (let round = 0; round < rounds; round++) {
    const one = await checkOn(config, runs, 1)
    ones.push(one.rate)
    reports.add(one.report)
    if (cores < 2) continue
    const all = await checkOn(config, runs, cores)
    alls.push(all.rate)
    reports.add(all.report)
  }
  const one = median(ones)
  console.log(`parallel:  ${formatRate(one, "checked runs")} (the default config, ${runs} runs of seed 1 with qsem check's facts, --workers 1; median of ${rounds})`)
  if (cores < 2) {
    console.log("parallel:  one core only: no figure for more threads")
    return
  }
  const all = median(alls)
  const each = (rates: ReadonlyArray<Rate>) => rates.map((rate) => rate.seconds.toFixed(1)).join(", ")
  console.log(
    `parallel:  ${formatRate(all, "checked runs")} (--workers ${cores}: this thread and ${cores - 1} worker ${cores === 2 ? "thread" : "threads"} from the ${
      workersFromBundle() ? "compiled bundle" : "sources through tsx"
    }, start-up included; median of ${rounds})`
  )
  console.log(
    `parallel:  ${(one.seconds / all.seconds).toFixed(2)} times the speed of one thread (rounds of 1 thread: ${each(ones)} s; of ${cores}: ${each(alls)} s); the same report every time: ${
      reports.size === 1 ? "yes" : "NO"
    }`
  )
}
