/**
 * The two rates every bench config reports: model steps per second and
 * lockstep commands per second (model + built-in broker), over fixed command
 * sequences.
 *
 * @module
 */
import { Effect } from "effect"
import type { Command } from "../spec/command.ts"
import type { Config } from "../spec/config.ts"
import { builtinTarget } from "../impl/index.ts"
import type { Target } from "../impl/target.ts"
import { init, step } from "../model/index.ts"
import { runCommands } from "../properties/run.ts"
import { measure, type Rate } from "./measure.ts"

/** Model steps per second: every sequence stepped through the pure model from `init(config)`, for `seconds`. */
export const modelStepsRate = (config: Config, sequences: ReadonlyArray<ReadonlyArray<Command>>, seconds: number): Promise<Rate> =>
  measure(seconds, () => {
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

/** Lockstep commands per second: every sequence run on the model and `target` (the built-in broker unless given) side by side, for `seconds`. */
export const lockstepRate = (
  config: Config,
  sequences: ReadonlyArray<ReadonlyArray<Command>>,
  seconds: number,
  target: Target = builtinTarget
): Promise<Rate> =>
  measure(seconds, async () => {
    let count = 0
    for (const commands of sequences) count += (await Effect.runPromise(runCommands(target, config, commands))).commands.length
    return count
  })
