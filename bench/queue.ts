/**
 * Queue figures for `npm run bench`: model steps and lockstep commands per
 * second on generated runs of the shipped queue-and-stream config
 * (`examples/configs/queue-and-stream.json`: a stream beside a standard
 * queue with a dead-letter queue, an at-most-once queue and a FIFO queue
 * with message groups and a deduplication window). Figures only.
 *
 * @module
 */
import { Effect } from "effect"
import * as fc from "fast-check"
import type { Command } from "../spec/command.ts"
import { choicesArbitrary } from "../properties/choice.ts"
import { exampleConfig } from "../properties/exampleConfigs.ts"
import { modelTarget } from "../properties/modelTarget.ts"
import { runChoices } from "../properties/run.ts"
import { formatRate } from "./measure.ts"
import { lockstepRate, modelStepsRate } from "./rates.ts"

/** Prints the queue figures, measuring each for `seconds`. */
export const benchQueue = async (seconds: number): Promise<void> => {
  const config = exampleConfig("queue-and-stream")
  const samples = fc.sample(choicesArbitrary(config, config.bounds.commandsMax), { seed: 7, numRuns: 100 })
  const sequences: Array<ReadonlyArray<Command>> = []
  for (const choices of samples) sequences.push((await Effect.runPromise(runChoices(modelTarget, config, choices))).commands)
  const queueCommands = sequences.reduce((sum, commands) => sum + commands.filter((command) => command._tag.startsWith("Queue")).length, 0)
  const commands = sequences.reduce((sum, commands) => sum + commands.length, 0)
  const note = `${queueCommands.toLocaleString("en-US")} of ${commands.toLocaleString("en-US")} commands are queue commands`
  console.log(`queue model:    ${formatRate(await modelStepsRate(config, sequences, seconds), "model steps")} (examples/configs/queue-and-stream.json, ${note})`)
  console.log(`queue lockstep: ${formatRate(await lockstepRate(config, sequences, seconds), "lockstep commands")} (model + built-in broker, fixed commands)`)
}
