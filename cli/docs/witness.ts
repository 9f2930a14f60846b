/**
 * Minimal witnesses: fast-check searches the model for a run in which a
 * guarantee's `sometimes` case happens, then the minimizer (the same as a
 * counterexample's, see `properties/check/minimize.ts`) cuts it down to one
 * from which no single command can be dropped.
 *
 * @module
 */
import * as fc from "fast-check"
import type { Config } from "../../spec/config.ts"
import type { GuaranteeId } from "../../spec/guarantee.ts"
import { choicesArbitrary, type Choice } from "../../properties/choice.ts"
import { commandDropperOf } from "../../properties/check/internal/dropCommand.ts"
import { minimizeChoices } from "../../properties/check/minimize.ts"
import { guaranteeCheckById } from "../../properties/guarantees/index.ts"
import { runChoicesOnModel } from "../../properties/modelRun.ts"
import { historyOf, type Run } from "../../properties/run.ts"

/** A minimized run of the model that shows a guarantee's witness. */
export interface Witness {
  readonly id: GuaranteeId
  readonly seed: number
  readonly run: Run
  /** No single command can be dropped from the run (false when the minimizer's budget ran out first). */
  readonly oneMinimal: boolean
}

/** Finds a minimal witness (its drain covers every group), or undefined when `runs` runs never show it. */
export const minimalWitness = async (id: GuaranteeId, config: Config, seed: number, runs: number): Promise<Witness | undefined> => {
  const check = guaranteeCheckById(id)
  /** The model's run of `choices` when it shows the witness. */
  const witnessed = (choices: ReadonlyArray<Choice>): Run | undefined => {
    const run = runChoicesOnModel(config, choices)
    return check.sometimes(historyOf(run), config) ? run : undefined
  }
  const property = fc.property(choicesArbitrary(config, config.bounds.commandsMax), (choices) => witnessed(choices) === undefined)
  const found = fc.check(property, { seed, numRuns: runs, endOnFailure: true })
  if (!found.failed || found.counterexample === null) return undefined
  const start = found.counterexample[0]
  const startRun = witnessed(start)
  if (startRun === undefined) return undefined
  const minimized = await minimizeChoices({ choices: start, drainGroups: undefined }, startRun, {
    fails: async ({ choices }) => witnessed(choices),
    commandDropperOf: (choices) => {
      const dropper = commandDropperOf(config, choices)
      return (dropped) => dropper(dropped, true)
    }
  })
  return { id, seed, run: minimized.failing, oneMinimal: minimized.oneMinimal }
}
