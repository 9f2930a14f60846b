/**
 * The bench's command sequences of the default config: 200 generated runs
 * (seed 7), each with its drain, as the model answers them. They are made
 * with the synchronous simulation (the driver and the model, no Effect
 * runtime), so a process that measures the model alone runs nothing else.
 *
 * @module
 */
import * as fc from "fast-check"
import type { Command } from "../spec/command.ts"
import { configDefault } from "../spec/config.ts"
import { type Choice, choicesArbitrary } from "../properties/choice.ts"
import { simulateChoices } from "../properties/driver/internal/simulate.ts"

/** The 200 choice sequences (seed 7), the same in every process. */
export const defaultSamples = (): ReadonlyArray<ReadonlyArray<Choice>> =>
  fc.sample(choicesArbitrary(configDefault, configDefault.bounds.commandsMax), { seed: 7, numRuns: 200 })

/** The commands of {@link defaultSamples} with their drains, as run on the model (the same commands `runChoices` on the model target gives). */
export const defaultSequences = (): ReadonlyArray<ReadonlyArray<Command>> =>
  defaultSamples().map((choices) => simulateChoices(configDefault, choices).commands)
