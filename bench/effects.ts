/**
 * Figures of external effects and services for `npm run bench`: model steps
 * and lockstep commands per second on the shipped double-charge and outbox
 * configs, with the effect stores and services' databases in memory
 * (`builtin`) and in SQLite (`builtin-sql`). Figures only.
 *
 * @module
 */
import { Effect } from "effect"
import * as fc from "fast-check"
import type { Command } from "../spec/command.ts"
import { builtinSqlTarget } from "../impl/index.ts"
import { choicesArbitrary } from "../properties/choice.ts"
import { exampleConfig } from "../properties/exampleConfigs.ts"
import { modelTarget } from "../properties/modelTarget.ts"
import { runChoices } from "../properties/run.ts"
import { formatRate } from "./measure.ts"
import { lockstepRate, modelStepsRate } from "./rates.ts"

/** Prints the figures of each config, measuring each for `seconds`. */
export const benchEffects = async (seconds: number): Promise<void> => {
  for (const name of ["double-charge", "outbox"]) {
    const config = exampleConfig(name)
    const samples = fc.sample(choicesArbitrary(config, config.bounds.commandsMax), { seed: 7, numRuns: 50 })
    const sequences: Array<ReadonlyArray<Command>> = []
    for (const choices of samples) sequences.push((await Effect.runPromise(runChoices(modelTarget, config, choices))).commands)
    const label = `${name}:`.padEnd(15)
    console.log(`${label}model     ${formatRate(await modelStepsRate(config, sequences, seconds), "model steps")}`)
    console.log(`${label}lockstep  ${formatRate(await lockstepRate(config, sequences, seconds), "lockstep commands")} (stores in memory)`)
    console.log(`${label}lockstep  ${formatRate(await lockstepRate(config, sequences, seconds, builtinSqlTarget), "lockstep commands")} (stores in SQLite, builtin-sql)`)
  }
}
