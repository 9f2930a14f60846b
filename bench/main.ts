/**
 * `npm run bench`: prints model steps per second, lockstep commands per second
 * against the built-in broker, whole checked runs per second, and soak figures
 * (long runs, and a failing one found and shrunk). Figures
 * only; nothing here asserts a timing.
 *
 * @module
 */
import { Effect } from "effect"
import * as fc from "fast-check"
import { configDefault } from "../spec/config.ts"
import type { Command } from "../spec/command.ts"
import { builtinTarget } from "../impl/index.ts"
import { init, step } from "../model/index.ts"
import { choicesArbitrary } from "../properties/choice.ts"
import { checkTarget } from "../properties/check/checkTarget.ts"
import { modelTarget } from "../properties/modelTarget.ts"
import { runChoices, runCommands } from "../properties/run.ts"
import { formatRate, measure } from "./measure.ts"
import { benchSoak } from "./soak.ts"

const secondsGiven = Number(process.env.QSEM_BENCH_SECONDS ?? 3)
/** How long each figure is measured: `QSEM_BENCH_SECONDS`, default 3. */
const seconds = Number.isFinite(secondsGiven) && secondsGiven > 0 ? secondsGiven : 3
const config = configDefault

const main = async () => {
  const samples = fc.sample(choicesArbitrary(config, config.bounds.commandsMax), { seed: 7, numRuns: 200 })
  const sequences: Array<ReadonlyArray<Command>> = []
  for (const choices of samples) sequences.push((await Effect.runPromise(runChoices(modelTarget, config, choices))).commands)
  const commandsTotal = sequences.reduce((sum, commands) => sum + commands.length, 0)
  console.log(`qsem bench: ${sequences.length} generated runs of the default config, ${commandsTotal.toLocaleString("en-US")} commands (drain included), node ${process.version}`)

  const model = await measure(seconds, () => {
    let steps = 0
    for (const commands of sequences) {
      let state = init(config)
      for (const command of commands) {
        state = step(state, command).state
        steps += 1
      }
    }
    return steps
  })
  console.log(`model:     ${formatRate(model, "model steps")}`)

  const lockstep = await measure(seconds, async () => {
    let count = 0
    for (const commands of sequences) count += (await Effect.runPromise(runCommands(builtinTarget, config, commands))).commands.length
    return count
  })
  console.log(`lockstep:  ${formatRate(lockstep, "lockstep commands")} (model + built-in broker, fixed commands)`)

  const generated = await measure(seconds, async () => {
    let count = 0
    for (const choices of samples) count += (await Effect.runPromise(runChoices(builtinTarget, config, choices))).commands.length
    return count
  })
  console.log(`generated: ${formatRate(generated, "lockstep commands")} (online generation from choices included)`)

  let runs = 0
  const check = await measure(seconds, async () => {
    runs += 1
    const report = await checkTarget({ target: builtinTarget, config, runs: 50, seed: runs })
    return report.runsDone
  })
  console.log(`check:     ${formatRate(check, "checked runs")} (lockstep + all guarantee checkers)`)

  await benchSoak(config, seconds)
}

main().catch((error: unknown) => {
  process.stderr.write(`qsem bench: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
})
