/**
 * Programs: what one run issues, as a generator that yields each command and
 * is resumed with the answer it got. The application's decisions (decoding
 * choices against its view, the final drain) live here once, and the same
 * program is run in lockstep against a target (`run.ts`) or on the model alone
 * (`modelRun.ts`).
 *
 * @module
 */
import type { Command } from "../spec/command.ts"
import type { Config } from "../spec/config.ts"
import type { Response } from "../spec/response.ts"
import type { Choice } from "./choice.ts"
import { drainInit, drainNext, drainObserve } from "./drain.ts"
import type { Driver } from "./driver/index.ts"
import { driverInit, driverObserve } from "./driver/index.ts"
import { decodeChoice } from "./generate/index.ts"

/** A run's program: yields commands, is resumed with each command's answer; whoever runs it stops when it is done or the target failed. */
export type Program = Generator<Command, void, Response>

/** What a program tells about itself while it runs: the index of its drain's first command, once the drain began. */
export interface ProgramMarks {
  drainStart: number | undefined
}

/** The final drain from the application's view `driver`, after `commandsRun` commands, over `drainGroups` (absent: every group). */
function* drainProgram(config: Config, driver: Driver, commandsRun: number, drainGroups: ReadonlyArray<string> | undefined): Program {
  let view = driver
  let drain = drainInit(config, commandsRun, drainGroups)
  for (;;) {
    const next = drainNext(drain, view, config)
    if (next === undefined) return
    const response: Response = yield next.command
    view = driverObserve(view, next.command, response)
    drain = drainObserve(next.drain, config, response)
  }
}

/**
 * The application's program for a choice sequence: each choice decoded
 * against its view (which follows the answers), then the final drain over
 * `drainGroups`. `marks.drainStart` is set once every choice was answered.
 */
export function* choicesProgram(
  config: Config,
  choices: ReadonlyArray<Choice>,
  drainGroups: ReadonlyArray<string> | undefined,
  marks: ProgramMarks
): Program {
  let driver = driverInit(config)
  for (const choice of choices) {
    const command = decodeChoice(driver, config, choice)
    const response: Response = yield command
    driver = driverObserve(driver, command, response)
  }
  marks.drainStart = choices.length
  yield* drainProgram(config, driver, choices.length, drainGroups)
}

/**
 * Saved commands as they are, while the application's view follows the
 * answers, then the standard drain from that view (`qsem replay --drain`, for
 * a trace saved without one). `marks.drainStart` is set once every command
 * was answered.
 */
export function* commandsDrainedProgram(config: Config, commands: ReadonlyArray<Command>, marks: ProgramMarks): Program {
  let driver = driverInit(config)
  for (const command of commands) {
    const response: Response = yield command
    driver = driverObserve(driver, command, response)
  }
  marks.drainStart = commands.length
  yield* drainProgram(config, driver, commands.length, undefined)
}
