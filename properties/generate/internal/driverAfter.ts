/**
 * The application's view after scripted commands, for the generator's tests:
 * each command runs on the model and the view learns from its answer.
 *
 * @module
 */
import { init, step } from "../../../model/index.ts"
import type { Command } from "../../../spec/command.ts"
import type { Config } from "../../../spec/config.ts"
import type { Driver } from "../../driver/driver.ts"
import { driverInit } from "../../driver/driver.ts"
import { driverObserve } from "../../driver/observe.ts"

/** The driver after running `commands` on the model from `init(config)`. */
export const driverAfter = (config: Config, commands: ReadonlyArray<Command>): Driver => {
  let driver = driverInit(config)
  let state = init(config)
  for (const command of commands) {
    const transition = step(state, command)
    state = transition.state
    driver = driverObserve(driver, command, transition.response)
  }
  return driver
}
