/**
 * Exactly-once figures for `npm run bench`: model steps and lockstep commands
 * per second on the shipped exactly-once config
 * (`examples/configs/exactly-once.json`: transactional producers, lost acks,
 * an exactly-once group and read_committed readers), and its check as
 * `qsem check --config` runs it. Figures only.
 *
 * @module
 */
import { Effect } from "effect"
import * as fc from "fast-check"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import type { Command } from "../spec/command.ts"
import { builtinTarget } from "../impl/index.ts"
import { readConfigFile } from "../cli/configFile.ts"
import { choicesArbitrary } from "../properties/choice.ts"
import { checkTarget } from "../properties/check/checkTarget.ts"
import { modelTarget } from "../properties/modelTarget.ts"
import { runChoices } from "../properties/run.ts"
import { formatRate, measure } from "./measure.ts"
import { lockstepRate, modelStepsRate } from "./rates.ts"

/** The shipped exactly-once config. */
export const exactlyOnceConfigFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../examples/configs/exactly-once.json")

/** Prints the exactly-once figures, measuring each for `seconds`. */
export const benchExactlyOnce = async (seconds: number): Promise<void> => {
  const config = readConfigFile(exactlyOnceConfigFile)
  const samples = fc.sample(choicesArbitrary(config, config.bounds.commandsMax), { seed: 7, numRuns: 100 })
  const sequences: Array<ReadonlyArray<Command>> = []
  for (const choices of samples) sequences.push((await Effect.runPromise(runChoices(modelTarget, config, choices))).commands)
  const model = await modelStepsRate(config, sequences, seconds)
  console.log(`exactly-once model:    ${formatRate(model, "model steps")} (examples/configs/exactly-once.json)`)
  const lockstep = await lockstepRate(config, sequences, seconds)
  console.log(`exactly-once lockstep: ${formatRate(lockstep, "lockstep commands")} (model + built-in broker, fixed commands)`)
  let seed = 0
  const check = await measure(seconds, async () => {
    seed += 1
    return (await checkTarget({ target: builtinTarget, config, runs: 20, seed })).commandsRun
  })
  console.log(`exactly-once check:    ${formatRate(check, "checked commands")} (qsem check --config examples/configs/exactly-once.json, warmed up)`)
}
