/**
 * A synchronous run of choices against the model alone, with the driver in
 * the loop exactly as `runChoices` has it (decode, step, observe, then the
 * drain). For tests that look at the driver and the model state side by side
 * after every step.
 *
 * @module
 */
import type { ModelState } from "../../../model/index.ts"
import { init, step } from "../../../model/index.ts"
import type { Command } from "../../../spec/command.ts"
import type { Config } from "../../../spec/config.ts"
import type { Response } from "../../../spec/response.ts"
import type { Choice } from "../../choice.ts"
import { drainInit, drainNext, drainObserve } from "../../drain.ts"
import { decodeChoice } from "../../generate/decode.ts"
import { quantized } from "../../program.ts"
import type { Driver } from "../driver.ts"
import { driverInit } from "../driver.ts"
import { driverObserve } from "../observe.ts"

/** One simulated step: what ran, what the model answered, and both views after it. */
export interface SimulatedStep {
  readonly command: Command
  readonly response: Response
  readonly driver: Driver
  readonly state: ModelState
  readonly inDrain: boolean
}

/** Runs the choices and the drain on the model, calling `onStep` after each command. */
export const simulateChoices = (
  config: Config,
  choices: ReadonlyArray<Choice>,
  onStep: (step: SimulatedStep) => void = () => {}
): { readonly commands: ReadonlyArray<Command>; readonly responses: ReadonlyArray<Response> } => {
  let driver = driverInit(config)
  let state = init(config)
  const commands: Array<Command> = []
  const responses: Array<Response> = []
  const apply = (issued: Command, inDrain: boolean): Response => {
    const command = quantized(config, issued)
    const transition = step(state, command)
    state = transition.state
    driver = driverObserve(driver, command, transition.response)
    commands.push(command)
    responses.push(transition.response)
    onStep({ command, response: transition.response, driver, state, inDrain })
    return transition.response
  }
  for (const choice of choices) apply(decodeChoice(driver, config, choice), false)
  let drain = drainInit(config, choices.length)
  for (let next = drainNext(drain, driver, config); next !== undefined; next = drainNext(drain, driver, config)) {
    drain = drainObserve(next.drain, config, apply(next.command, true))
  }
  return { commands, responses }
}
