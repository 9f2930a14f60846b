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
import { choicesProgram, type ProgramMarks } from "./program.ts"
import type { Run } from "./run.ts"

/** The model stepped command by command from `init(config)`, every command and answer recorded in order. */
export interface ModelRecorder {
  readonly commands: ReadonlyArray<Command>
  readonly responses: ReadonlyArray<Response>
  /** Steps the model with `command`, records both, and returns the answer. */
  readonly play: (command: Command) => Response
}

/** A fresh {@link ModelRecorder}: for scripted runs of the model (the docs' scenarios) and {@link runChoicesOnModel}. */
export const modelRecorder = (config: Config): ModelRecorder => {
  let state = init(config)
  const commands: Array<Command> = []
  const responses: Array<Response> = []
  const play = (command: Command): Response => {
    const transition = step(state, command)
    state = transition.state
    commands.push(command)
    responses.push(transition.response)
    return transition.response
  }
  return { commands, responses, play }
}

/**
 * The run `runChoices(modelTarget, config, choices)` gives, computed by
 * stepping the model directly: the same commands (the choices decoded against
 * the application's view, then the drain) and the model's answers as both
 * `expected` and `actual`; it never diverges. Both run the same
 * program (`program.ts`); `modelRun.test.ts` holds the two equal.
 */
export const runChoicesOnModel = (config: Config, choices: ReadonlyArray<Choice>, drainGroups?: ReadonlyArray<string>): Run => {
  const { commands, responses: answers, play: execute } = modelRecorder(config)
  const marks: ProgramMarks = { drainStart: undefined }
  const program = choicesProgram(config, choices, drainGroups, marks)
  let next = program.next()
  while (next.done !== true) next = program.next(execute(next.value))
  return { commands, expected: answers, actual: answers, divergence: undefined, targetFailed: false, drainStart: marks.drainStart }
}
