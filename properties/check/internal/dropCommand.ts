/**
 * Dropping commands from a choice program while the other commands stay
 * what they were: the choices are decoded on the model, the commands are
 * left out, and the rest is encoded again against the application's view
 * without them (see `generate/encode.ts`).
 *
 * @module
 */
import { init, step, type ModelState } from "../../../model/index.ts"
import type { Command } from "../../../spec/command.ts"
import type { Config } from "../../../spec/config.ts"
import type { Choice } from "../../choice.ts"
import { driverInit, driverObserve, type Driver } from "../../driver/index.ts"
import { decodeChoice } from "../../generate/decode.ts"
import { encodeCommand } from "../../generate/encode.ts"
import { quantized } from "../../program.ts"

/** A program without some of its commands: its choices, and the indices (in the original program) of the commands they stand for. */
export interface ProgramWithout {
  readonly choices: ReadonlyArray<Choice>
  readonly kept: ReadonlyArray<number>
}

/**
 * Leaves out the commands at the indices in `dropped` (0-based, before the
 * drain). `cascade` false: `undefined` when some other command cannot be
 * produced by the generator once those are gone; true: such a command (a
 * commit of offsets never polled, say) is left out as well.
 */
export type CommandDropper = (dropped: ReadonlySet<number>, cascade: boolean) => ProgramWithout | undefined

/** The view and model state before every `checkpointEvery`-th command, to encode from without decoding the prefix again. */
const checkpointEvery = 32

/**
 * A {@link CommandDropper} for the program `choices` decodes to on the model.
 * The program is decoded once; each call encodes only from the first
 * dropped command on (from the checkpoint before it). Against a target that
 * answers like the model, a result decodes to the same commands minus the
 * dropped ones (later sends' values numbered lower); the minimizer runs it
 * on the target to see.
 */
export const commandDropperOf = (config: Config, choices: ReadonlyArray<Choice>): CommandDropper => {
  const issued = (driver: Driver, choice: Choice): Command => quantized(config, decodeChoice(driver, config, choice))
  const commands: Array<Command> = []
  const checkpoints: Array<{ readonly driver: Driver; readonly state: ModelState }> = []
  let driver = driverInit(config)
  let state = init(config)
  for (let k = 0; k < choices.length; k++) {
    if (k % checkpointEvery === 0) checkpoints.push({ driver, state })
    const command = issued(driver, choices[k])
    commands.push(command)
    const transition = step(state, command)
    state = transition.state
    driver = driverObserve(driver, command, transition.response)
  }
  return (dropped, cascade) => {
    let first = choices.length
    for (const index of dropped) if (index >= 0 && index < first) first = index
    const from = Math.floor(first / checkpointEvery) * checkpointEvery
    const checkpoint = checkpoints[from / checkpointEvery]
    if (checkpoint === undefined) return { choices, kept: choices.map((_, index) => index) }
    let { driver, state } = checkpoint
    const encoded: Array<Choice> = choices.slice(0, from)
    const kept: Array<number> = encoded.map((_, index) => index)
    for (let k = from; k < choices.length; k++) {
      if (dropped.has(k)) continue
      // Before the first dropped command the choice is what it was.
      const choice = k < first ? choices[k] : encodeCommand(driver, config, commands[k], choices[k], (decoded) => quantized(config, decoded))
      if (choice === undefined) {
        if (cascade) continue
        return undefined
      }
      encoded.push(choice)
      kept.push(k)
      // What the choice decodes to here (a send renumbered), for the view to follow.
      const command = issued(driver, choice)
      const transition = step(state, command)
      state = transition.state
      driver = driverObserve(driver, command, transition.response)
    }
    return { choices: encoded, kept }
  }
}
