/**
 * Choices: the raw material fast-check generates and shrinks. A run is a
 * sequence of choices; the runner decodes each one into a concrete command
 * against the application's current view of the system (see
 * `properties/generate/`), so the same choices always give the same commands
 * on the same target.
 *
 * @module
 */
import * as fc from "fast-check"
import type { Config } from "../spec/config.ts"
import type { Choice as SpecChoice } from "../spec/trace.ts"

/**
 * One choice (`spec/trace.ts`'s `Choice`, as traces save it): four naturals in
 * `0..choiceFieldMax`. `action` picks the kind of command among those enabled
 * (small values pick the first kinds: sends and joins), `a`, `b` and `c` pick
 * its arguments (who, where, how many). Zero everywhere is the simplest
 * choice, which is where shrinking heads.
 */
export type Choice = SpecChoice

/** The largest value of a choice field. */
export const choiceFieldMax = 999

const field = fc.nat({ max: choiceFieldMax })

/** One choice, shrinking each field towards 0. */
export const choiceArbitrary: fc.Arbitrary<Choice> = fc.record({ action: field, a: field, b: field, c: field })

/**
 * Sequences of at most `commandsMax` choices (by default the config's
 * `bounds.commandsMax`), with lengths spread over the whole range (not
 * fast-check's small default size). Shrinks towards fewer choices, then
 * smaller fields.
 *
 * @example
 * ```ts
 * fc.assert(fc.asyncProperty(choicesArbitrary(configDefault), async (choices) => {
 *   const run = await Effect.runPromise(runChoices(builtinTarget, configDefault, choices))
 *   return run.divergence === undefined
 * }))
 * ```
 */
export const choicesArbitrary = (
  config: Config,
  commandsMax: number = config.bounds.commandsMax
): fc.Arbitrary<ReadonlyArray<Choice>> => fc.array(choiceArbitrary, { maxLength: commandsMax, size: "max" })
