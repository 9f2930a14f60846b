/**
 * The lockstep runner: every command goes to the model and to the target,
 * and the two answers are compared. The target runs in a scope under a
 * TestClock, which moves by `ms` before each `ClockAdvance` reaches it.
 *
 * @module
 */
import { Cause, Effect, Exit, Scheduler } from "effect"
import * as Schema from "effect/Schema"
import { TestClock } from "effect/testing"
import type { Target } from "../impl/target.ts"
import { init, step } from "../model/index.ts"
import type { Command } from "../spec/command.ts"
import type { Config } from "../spec/config.ts"
import { Response } from "../spec/response.ts"
import { describeDifference, equalJson } from "./equal.ts"
import type { Run } from "./run.ts"

/**
 * Runs one command in lockstep and answers with the target's response, or
 * `undefined` when the target failed on it (the run then stops: the
 * divergence says why).
 */
export type LockstepExecute = (command: Command) => Effect.Effect<Response | undefined>

const isResponse = Schema.is(Response)

const firstLine = (text: string): string => {
  const line = text.split("\n").find((l) => l.trim() !== "") ?? text
  return line.trim().slice(0, 200)
}

/**
 * Opens the target for `config` and lets `drive` issue commands through
 * `execute`, one at a time, until it is done; then closes the target and
 * returns the run. Every command runs on both sides even after a
 * divergence, so the target's own history can be checked. A target that
 * fails to open, fails or dies in `execute`, or answers something that is
 * not a Response, is a divergence at that step and ends the run there (its
 * `actual` then lacks that step's answer); the runner itself never fails.
 */
export const runLockstep = (
  target: Target,
  config: Config,
  drive: (execute: LockstepExecute) => Effect.Effect<void>
): Effect.Effect<Run> =>
  Effect.gen(function*() {
    const commands: Array<Command> = []
    const expected: Array<Response> = []
    const actual: Array<Response> = []
    let divergence: Run["divergence"] = undefined
    const result = (): Run => ({ commands, expected, actual, divergence })

    const opened = yield* Effect.exit(Effect.suspend(() => target.open(config)))
    if (Exit.isFailure(opened)) {
      divergence = { step: 0, message: `target ${target.name} failed to open: ${firstLine(Cause.pretty(opened.cause))}` }
      return result()
    }
    const session = opened.value
    let model = init(config)
    let stopped = false

    const fail = (index: number, message: string): undefined => {
      stopped = true
      if (divergence === undefined) divergence = { step: index, message }
      return undefined
    }

    const record = (index: number, command: Command, answer: Response): Response | undefined => {
      const wanted = expected[index]
      if (!equalJson(wanted, answer)) {
        if (!isResponse(answer)) {
          return fail(index, `target answered ${command._tag} with something that is not a Response: ${firstLine(String(JSON.stringify(answer)))}`)
        }
        if (divergence === undefined) divergence = { step: index, message: describeDifference(wanted, answer) }
      }
      actual.push(answer)
      return answer
    }

    const failed = (index: number, command: Command, cause: Cause.Cause<unknown>): undefined =>
      fail(index, `target failed on ${command._tag}: ${firstLine(Cause.pretty(cause))}`)

    // The handlers of the command in flight (always the last one recorded),
    // made once per run rather than once per command.
    const handlers = {
      onFailure: (cause: Cause.Cause<unknown>) => failed(commands.length - 1, commands[commands.length - 1], cause),
      onSuccess: (answer: Response) => record(commands.length - 1, commands[commands.length - 1], answer)
    }

    const execute: LockstepExecute = (command) =>
      Effect.suspend(() => {
        if (stopped) return Effect.succeed(undefined)
        const index = commands.length
        const transition = step(model, command)
        model = transition.state
        commands.push(command)
        expected.push(transition.response)
        let call: Effect.Effect<Response>
        try {
          call = session.execute(command)
        } catch (error) {
          return Effect.succeed(failed(index, command, Cause.die(error)))
        }
        const handled = Effect.matchCause(call, handlers)
        return command._tag === "ClockAdvance" ? Effect.andThen(TestClock.adjust(command.ms), handled) : handled
      })

    yield* drive(execute)
    return result()
  }).pipe(
    Effect.scoped,
    Effect.provide(TestClock.layer()),
    // One run is one tight loop: no cooperative yield every 2048 operations
    // (explicit yields, such as the TestClock's, still happen).
    Effect.provideService(Scheduler.PreventSchedulerYield, true)
  )
