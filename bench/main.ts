/**
 * `npm run bench`: prints a calibration figure first (a fixed pure-JavaScript
 * workload, timed: every later figure is also printed relative to it, so
 * figures from different machines compare), then model steps per second (in
 * this process after the cold check, and in a process of its own), lockstep commands per second
 * against the built-in broker (the same two ways), and checked commands per second: first the
 * default check as `qsem check --seed 1` runs it (200 runs, in a fresh
 * process: the code is not warmed up yet), then the same work warmed up, so
 * its figure compares with the lockstep one. Then the exactly-once config's
 * figures (model, lockstep, check), the figures of external effects and
 * services, the queue figures (the shipped queue-and-stream config), then
 * soak figures (long runs, and a failing one found and shrunk), a failing
 * run of thousands of commands minimized (see `minimize.ts`), the
 * explorer's distinct states per second (see `explore.ts`), and checked
 * runs per second on one thread and on every core (a small and a large check,
 * in a process of its own). Figures only; nothing
 * here asserts a timing.
 *
 * @module
 */
import { Effect } from "effect"
import { performance } from "node:perf_hooks"
import { configDefault } from "../spec/config.ts"
import { builtinTarget } from "../impl/index.ts"
import { checkTarget } from "../properties/check/checkTarget.ts"
import { runChoices } from "../properties/run.ts"
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { calibrate, calibrationSize } from "./calibration.ts"
import { defaultSamples, defaultSequences } from "./defaultSequences.ts"
import { calibrationSet, formatRate, measure, type Rate } from "./measure.ts"
import { lockstepRate, modelStepsRate } from "./rates.ts"
import { benchEffects } from "./effects.ts"
import { benchExactlyOnce } from "./exactlyOnce.ts"
import { benchExplore, benchExploreThreads } from "./explore.ts"
import { benchQueue } from "./queue.ts"
import { benchSoak } from "./soak.ts"
import { benchMinimize } from "./minimize.ts"

const secondsGiven = Number(process.env.QSEM_BENCH_SECONDS ?? 3)
/** How long each figure is measured: `QSEM_BENCH_SECONDS`, default 3. */
const seconds = Number.isFinite(secondsGiven) && secondsGiven > 0 ? secondsGiven : 3
const config = configDefault

/** The default check once, as the first work of the process (as `qsem check --seed 1` runs it). */
const checkCold = async (): Promise<Rate> => {
  const started = performance.now()
  const report = await checkTarget({ target: builtinTarget, config, runs: 200, seed: 1 })
  const seconds = (performance.now() - started) / 1000
  return { operations: report.commandsRun, seconds, perSecond: report.commandsRun / seconds }
}

/** The model's or the lockstep's rate measured in a child process that runs nothing else (bench/freshRate.ts, under this process's tsx). */
const freshRate = (kind: "model" | "lockstep", seconds: number): Rate =>
  JSON.parse(
    execFileSync(process.execPath, [...process.execArgv, fileURLToPath(new URL("./freshRate.ts", import.meta.url)), kind, String(seconds)], { encoding: "utf8" })
  ) as Rate

const main = async () => {
  const cold = await checkCold()
  // After the cold check (which must be the first work of the process), before every other figure.
  const calibration = calibrate()
  calibrationSet(calibration.seconds)
  console.log(
    `calibration: ${(calibration.seconds * 1000).toFixed(1)} ms to hash and sort ${calibrationSize.toLocaleString("en-US")} integers (checksum ${
      calibration.checksum.toString(16)
    }, fastest of 7); each figure below is also given per calibration: what is done in that time`
  )
  const samples = defaultSamples()
  const sequences = defaultSequences()
  const commandsTotal = sequences.reduce((sum, commands) => sum + commands.length, 0)
  console.log(`qsem bench: ${sequences.length} generated runs of the default config, ${commandsTotal.toLocaleString("en-US")} commands (drain included), node ${process.version}`)

  const model = await modelStepsRate(config, sequences, seconds)
  console.log(`model:     ${formatRate(model, "model steps")} (in this process, after the cold check)`)
  const fresh = freshRate("model", seconds)
  console.log(`model:     ${formatRate(fresh, "model steps")} (in a process of its own: the model alone)`)

  const lockstep = await lockstepRate(config, sequences, seconds)
  console.log(`lockstep:  ${formatRate(lockstep, "lockstep commands")} (model + built-in broker, fixed commands, in this process)`)
  const lockstepFresh = freshRate("lockstep", seconds)
  console.log(`lockstep:  ${formatRate(lockstepFresh, "lockstep commands")} (the same in a process of its own: the model and the broker alone)`)

  const generated = await measure(seconds, async () => {
    let count = 0
    for (const choices of samples) count += (await Effect.runPromise(runChoices(builtinTarget, config, choices))).commands.length
    return count
  })
  console.log(`generated: ${formatRate(generated, "lockstep commands")} (online generation from choices included)`)

  console.log(`check:     ${formatRate(cold, "checked commands")} (the default check, 200 runs of seed 1, first in the process, as qsem check runs it)`)
  let seed = 0
  const check = await measure(seconds, async () => {
    seed += 1
    const report = await checkTarget({ target: builtinTarget, config, runs: 50, seed })
    return report.commandsRun
  })
  console.log(`check:     ${formatRate(check, "checked commands")} (warmed up: generation + lockstep + all guarantee checkers + fast-check)`)

  await benchExactlyOnce(seconds)
  await benchEffects(seconds)
  await benchQueue(seconds)
  await benchSoak(config, seconds)
  await benchMinimize()
  await benchExplore(seconds)
  await benchExploreThreads()
  // In a process of its own (see parallelFresh.ts), its lines printed as they come.
  execFileSync(process.execPath, [...process.execArgv, fileURLToPath(new URL("./parallelFresh.ts", import.meta.url)), String(calibration.seconds)], {
    stdio: ["ignore", "inherit", "inherit"]
  })
}

main().catch((error: unknown) => {
  process.stderr.write(`qsem bench: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
})
