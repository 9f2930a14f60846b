/**
 * Dropping one command from a choice program while the commands after it
 * stay what they were: the choices are decoded on the model, the command is
 * left out, and the rest is encoded again against the application's view
 * without it (see `generate/encode.ts`).
 *
 * @module
 */
import { init, step } from "../../../model/index.ts"
import type { Config } from "../../../spec/config.ts"
import type { Choice } from "../../choice.ts"
import { driverInit, driverObserve } from "../../driver/index.ts"
import { decodeChoice } from "../../generate/decode.ts"
import { encodeCommand } from "../../generate/encode.ts"
import { runChoicesOnModel } from "../../modelRun.ts"

/**
 * The choices of the program `choices` decode to on the model, without its
 * command at `index` (0-based, before the drain), or `undefined` when some
 * later command cannot be produced by the generator once that one is gone.
 * Against a target that answers like the model, the result decodes to the
 * same commands minus that one (later sends' values numbered one lower); the
 * minimizer runs it on the target to see.
 */
export const choicesWithoutCommand = (config: Config, choices: ReadonlyArray<Choice>, index: number): ReadonlyArray<Choice> | undefined => {
  const commands = runChoicesOnModel(config, choices, []).commands
  let driver = driverInit(config)
  let state = init(config)
  const encoded: Array<Choice> = []
  for (let k = 0; k < commands.length; k++) {
    if (k === index) continue
    const choice = encodeCommand(driver, config, commands[k], choices[k])
    if (choice === undefined) return undefined
    encoded.push(choice)
    // What the choice decodes to here (a send renumbered), for the view to follow.
    const command = decodeChoice(driver, config, choice)
    const transition = step(state, command)
    state = transition.state
    driver = driverObserve(driver, command, transition.response)
  }
  return encoded
}
