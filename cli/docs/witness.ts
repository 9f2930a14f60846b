/**
 * Minimal witnesses: fast-check searches the model for a run in which a
 * guarantee's `sometimes` case happens, then shrinks it to a small one.
 *
 * @module
 */
import * as fc from "fast-check"
import type { Config } from "../../spec/config.ts"
import type { GuaranteeId } from "../../spec/guarantee.ts"
import { choicesArbitrary } from "../../properties/choice.ts"
import { guaranteeCheckById } from "../../properties/guarantees/index.ts"
import { runChoicesOnModel } from "../../properties/modelRun.ts"
import { historyOf, type Run } from "../../properties/run.ts"

/** A shrunk run of the model that shows a guarantee's witness. */
export interface Witness {
  readonly id: GuaranteeId
  readonly seed: number
  readonly run: Run
}

/** Finds a minimal witness, or undefined when `runs` runs never show it. */
export const minimalWitness = (id: GuaranteeId, config: Config, seed: number, runs: number): Witness | undefined => {
  const check = guaranteeCheckById(id)
  const property = fc.property(choicesArbitrary(config, config.bounds.commandsMax), (choices) =>
    !check.sometimes(historyOf(runChoicesOnModel(config, choices)), config))
  const found = fc.check(property, { seed, numRuns: runs })
  if (!found.failed || found.counterexample === null) return undefined
  return { id, seed, run: runChoicesOnModel(config, found.counterexample[0]) }
}
