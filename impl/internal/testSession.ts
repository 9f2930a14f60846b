/**
 * Test helper: runs commands against a target the way the lockstep runner
 * does (a scoped session under a `TestClock`, moved by `ms` before each
 * `ClockAdvance` is handed over) and answers the responses.
 *
 * @module
 */
import { Effect } from "effect"
import { TestClock } from "effect/testing"
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import type { Response } from "../../spec/response.ts"
import type { Target } from "../target.ts"

/** The responses of a target to these commands, in one fresh session under a TestClock. */
export const runCommands = (
  target: Target,
  config: Config,
  commands: ReadonlyArray<Command>
): Effect.Effect<ReadonlyArray<Response>> =>
  Effect.gen(function*() {
    const session = yield* target.open(config)
    const responses: Array<Response> = []
    for (const command of commands) {
      if (command._tag === "ClockAdvance") yield* TestClock.adjust(command.ms)
      responses.push(yield* session.execute(command))
    }
    return responses
  }).pipe(Effect.scoped, Effect.provide(TestClock.layer()))
