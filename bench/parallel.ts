/**
 * Parallel figures for `npm run bench`: how long a check's worker thread
 * takes to be ready, then checked runs per second of checks of the default
 * config (seed 1, folding the facts `qsem check` prints) in one thread and
 * on every core (`qsem check --workers N`: this thread and N - 1 worker
 * threads), worker start-up included: a small check (2,000 runs, below the
 * size from which `qsem check` uses more threads without `--workers`) in
 * three interleaved rounds (the machine may be busy with something else: the
 * median of each, and their ratio), and a large one (20,000 runs) in one
 * round; and whether every check gave the same report (they must). The
 * workers start from the compiled bundle when it is fresh (`npm run build`),
 * else from the sources through tsx, seconds slower; the line says which.
 * Figures only.
 *
 * @module
 */
import * as fs from "node:fs"
import { availableParallelism } from "node:os"
import { performance } from "node:perf_hooks"
import { builtinTarget } from "../impl/index.ts"
import { checkFactsFold, type CheckFactsData } from "../cli/internal/checkFactsFold.ts"
import { Worker } from "node:worker_threads"
import { checkTarget } from "../properties/check/checkTarget.ts"
import type { CheckWorkerData, FromWorker, ToWorker } from "../properties/check/parallel/protocol.ts"
import { catalogue } from "../spec/catalogue.ts"
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

/** Real milliseconds from starting a check's worker thread to its saying it is ready (the target loaded), as `qsem check` starts it. */
const workerReadyMs = async (config: Config): Promise<number> => {
  const started = performance.now()
  const data: CheckWorkerData = {
    targetSpec: builtinTarget.name,
    config,
    seed: 1,
    commandsMax: config.bounds.commandsMax,
    soak: false,
    guarantees: catalogue.map((guarantee) => guarantee.id),
    conformance: true,
    answerTimeoutMs: undefined,
    foldData: factsData
  }
  const worker = new Worker(workerEntry, { workerData: data })
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()))
  const ready = await new Promise<number>((resolve, reject) => {
    worker.once("error", reject)
    worker.on("message", (message: FromWorker) => {
      if (message._tag === "Ready") resolve(performance.now() - started)
      else if (message._tag === "Unavailable") reject(new Error(message.reason))
    })
  })
  worker.postMessage({ _tag: "Stop" } satisfies ToWorker)
  await exited
  return ready
}

/**
 * Prints checked runs per second in one thread and on every core for a
 * check of `runs` runs, the median of `rounds` interleaved rounds each,
 * their ratio, and whether every report was the same; `size` names the
 * check in the lines.
 */
const benchSize = async (config: Config, runs: number, rounds: number, cores: number, size: string): Promise<void> => {
  const ones: Array<Rate> = []
  const alls: Array<Rate> = []
  const reports = new Set<string>()
  for (let round = 0; round < rounds; round++) {
    const one = await checkOn(config, runs, 1)
    ones.push(one.rate)
    reports.add(one.report)
    const all = await checkOn(config, runs, cores)
    alls.push(all.rate)
    reports.add(all.report)
  }
  const one = median(ones)
  const all = median(alls)
  const each = (rates: ReadonlyArray<Rate>) => rates.map((rate) => rate.seconds.toFixed(1)).join(", ")
  const of = rounds === 1 ? "one round" : `median of ${rounds}`
  console.log(`parallel:  ${formatRate(one, "checked runs")} (${size}: ${runs.toLocaleString("en-US")} runs of seed 1 with qsem check's facts, --workers 1; ${of})`)
  console.log(`parallel:  ${formatRate(all, "checked runs")} (the same on --workers ${cores}: this thread and ${cores - 1} worker ${cores === 2 ? "thread" : "threads"}, start-up included; ${of})`)
  console.log(
    `parallel:  ${(one.seconds / all.seconds).toFixed(2)} times the speed of one thread at ${runs.toLocaleString("en-US")} runs (rounds of 1 thread: ${each(ones)} s; of ${cores}: ${
      each(alls)
    } s); the same report every time: ${reports.size === 1 ? "yes" : "NO"}`
  )
}

/**
 * Prints how long a worker thread takes to start (the median of 3), then
 * checked runs per second in one thread and on every core for a small check
 * (2,000 runs, 3 rounds: below the size from which `qsem check` uses more
 * threads by default) and a large one (20,000 runs, 1 round).
 */
export const benchParallel = async (config: Config, small = 2_000, large = 20_000): Promise<void> => {
  const cores = availableParallelism()
  const ready = [await workerReadyMs(config), await workerReadyMs(config), await workerReadyMs(config)].sort((a, b) => a - b)[1]
  console.log(
    `parallel:  a worker thread is ready ${Math.round(ready)} ms after it starts (from the ${
      workersFromBundle() ? "compiled bundle" : "sources through tsx"
    }; median of 3), and then runs slower until its code is optimized`
  )
  if (cores < 2) {
    console.log("parallel:  one core only: no figure for more threads")
    return
  }
  await benchSize(config, small, 3, cores, "a small check")
  await benchSize(config, large, 1, cores, "a large check")
}
