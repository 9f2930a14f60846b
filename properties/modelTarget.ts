/**
 * The model itself as a Target: useful to test the runner and the checkers
 * (a run against it never diverges), and selectable from the CLI.
 *
 * @module
 */
import { Effect } from "effect"
import type { Target } from "../impl/target.ts"
import { init, step } from "../model/index.ts"

/**
 * A target whose session steps a private copy of the model. It ignores the
 * clock: `ClockAdvance` carries the time it needs.
 *
 * @example
 * ```ts
 * const run = await Effect.runPromise(runChoices(modelTarget, configDefault, choices))
 * run.divergence // undefined
 * ```
 */
export const modelTarget: Target = {
  name: "model",
  open: (config) =>
    Effect.sync(() => {
      let state = init(config)
      return {
        execute: (command) =>
          Effect.sync(() => {
            const transition = step(state, command)
            state = transition.state
            return transition.response
          })
      }
    })
}
