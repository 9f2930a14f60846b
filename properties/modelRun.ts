/**
 * A run of the model alone, without the lockstep runner: for searches that
 * only need the model's answers (the docs' facts and minimal witnesses), at a
 * fraction of the cost of `runChoices(modelTarget, ...)`.
 *
 * @module
 */
import { init, step } from "../model/index.ts"
import type { Command } from "../spec/command.ts"
import type { Config } from "../spec/config.ts"
import type { Response } from "../spec/response.ts"
import type { Choice } from "./choice.ts"
import { drainInit, drainNext, drainObserve } from "./drain.ts"
import { driverInit, driverObserve } from "./driver/index.ts"
import { decodeChoice } from "./generate/index.ts"
import type { Run } from "./run.ts"

/**
 * The run `runChoices(modelTarget, config, choices)` gives, computed by
 * stepping the model directly: the same commands (the choices decoded against
 * the application's view, then the drain) and the model's answers as both
 * `expected` and `actual`; it never diverges. `modelRun.test.ts` holds the two
 * equal, so a change to `runChoices` must be made here too.
 */
export const runChoicesOnModel = (config: Config, choices: ReadonlyArray<Choice>): Run => {
  let state = init(config)
  const commands: Array<Command> = []
  const answers: Array<Response> = []
  const execute = (command: Command): Response => {
    const transition = step(state, command)
    state = transition.state
    commands.push(command)
    answers.push(transition.response)
    return transition.response
  }
  let driver = driverInit(config)
  for (const choice of choices) {
    const command = decodeChoice(driver, config, choice)
    driver = driverObserve(driver, command, execute(command))
  }
  let drain = drainInit(config, choices.length)
  for (;;) {
    const next = drainNext(drain, driver, config)
    if (next === undefined) break
    const response = execute(next.command)
    driver = driverObserve(driver, next.command, response)
    drain = drainObserve(next.drain, config, response)
  }
  return { commands, expected: answers, actual: answers, divergence: undefined, targetFailed: false }
}
