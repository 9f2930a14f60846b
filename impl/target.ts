/**
 * The Target interface: anything that can execute qsem commands. The
 * built-in broker is one target, each mutant is another, and a user's own
 * queue is checked by writing one module that implements this interface.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import type { Target } from "qsem"
 *
 * export const target: Target = {
 *   name: "my-queue",
 *   open: (config) =>
 *     Effect.gen(function*() {
 *       const client = yield* Effect.acquireRelease(connect(config), disconnect)
 *       return { execute: (command) => translate(client, command) }
 *     })
 * }
 * ```
 *
 * @module
 */
import type { Effect, Scope } from "effect"
import type { Command } from "../spec/command.ts"
import type { Config } from "../spec/config.ts"
import type { Response } from "../spec/response.ts"

/**
 * An open session of a target for one config: executes one command at a
 * time, in order, and answers with a Response. Invalid commands are answered
 * with the typed error responses of the spec; `execute` never fails or dies
 * on them.
 */
export interface TargetSession {
  readonly execute: (command: Command) => Effect.Effect<Response>
}

/**
 * A system under test. `open` starts a fresh system for a config (a scoped
 * Effect: closing the scope releases it). Time is Effect's Clock: the runner
 * provides a TestClock and moves it by `ms` before it hands a `ClockAdvance`
 * command to `execute`, so a target reads the time with `Clock` and never
 * sleeps on its own.
 */
export interface Target {
  readonly name: string
  readonly open: (config: Config) => Effect.Effect<TargetSession, never, Scope.Scope>
}
