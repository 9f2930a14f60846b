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

/**
 * The command as a run issues it under the config's `clockQuantumMs`: a
 * `ClockAdvance` rounded up to a multiple of the quantum (so every logical
 * time of the run is one), anything else as it is.
 *
 * @example
 * ```ts
 * quantized({ ...config, clockQuantumMs: 500 }, { _tag: "ClockAdvance", ms: 999 }) // { _tag: "ClockAdvance", ms: 1000 }
 * ```
 */
export const quantized = (config: Config, command: Command): Command => {
  const quantum = config.clockQuantumMs
  if (quantum === undefined || command._tag !== "ClockAdvance" || command.ms % quantum === 0) return command
  return { _tag: "ClockAdvance", ms: Math.ceil(command.ms / quantum) * quantum }
}

/** A run's program: yields commands, is resumed with each command's answer; whoever runs it stops when it is done or the target failed. */
export type Program = Generator<Command, void, Response>

/** What a program tells about itself while it runs: the index of its drain's first command, once the drain began. */
export interface ProgramMarks {
  drainStart: number | undefined
}

/**
 * The application following the target's answers: each of `steps` turned into
 * a command against its view (`commandOf`), then the final drain from that
 * view over `drainGroups` (absent: every group). `marks.drainStart` is set
 * once every step was answered.
 */
function* followingProgram<S>(
  config: Config,
  steps: ReadonlyArray<S>,
  commandOf: (driver: Driver, step: S) => Command,
  drainGroups: ReadonlyArray<string> | undefined,
  marks: ProgramMarks
): Program {
  let driver = driverInit(config)
  for (const step of steps) {
    const command = commandOf(driver, step)
    const response: Response = yield command
    driver = driverObserve(driver, command, response)
  }
  marks.drainStart = steps.length
  let drain = drainInit(config, steps.length, drainGroups)
  for (;;) {
    const next = drainNext(drain, driver, config)
    if (next === undefined) return
    const command = quantized(config, next.command)
    const response: Response = yield command
    driver = driverObserve(driver, command, response)
    drain = drainObserve(next.drain, config, response)
  }
}

/**
 * The application's program for a choice sequence: each choice decoded
 * against its view (a clock advance rounded to the config's quantum, as the
 * drain's are) (which follows the answers), then the final drain over
 * `drainGroups`. `marks.drainStart` is set once every choice was answered.
 */
export const choicesProgram = (
  config: Config,
  choices: ReadonlyArray<Choice>,
  drainGroups: ReadonlyArray<string> | undefined,
  marks: ProgramMarks
): Program => followingProgram(config, choices, (driver, choice) => quantized(config, decodeChoice(driver, config, choice)), drainGroups, marks)

/**
 * Saved commands as they are, while the application's view follows the
 * answers, then the standard drain from that view (`qsem replay --drain`, for
 * a trace saved without one). `marks.drainStart` is set once every command
 * was answered.
 */
export const commandsDrainedProgram = (config: Config, commands: ReadonlyArray<Command>, marks: ProgramMarks): Program =>
  followingProgram(config, commands, (_driver, command) => command, undefined, marks)
