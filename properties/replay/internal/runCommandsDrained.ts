/**
 * A verbatim replay that ends with the standard drain: for hand-written
 * traces, whose commands stop before any drain (`qsem replay --drain`).
 *
 * @module
 */
import { Effect } from "effect"
import type { Target } from "../../../impl/target.ts"
import type { Command } from "../../../spec/command.ts"
import type { Config } from "../../../spec/config.ts"
import { drainInit, drainNext, drainObserve } from "../../drain.ts"
import { driverInit, driverObserve } from "../../driver/index.ts"
import { type LockstepOptions, runLockstep } from "../../lockstep.ts"
import type { Run } from "../../run.ts"

/**
 * Runs the commands as they are, in lockstep, while the application's view
 * (the driver) follows the target's answers; then runs the final drain from
 * that view, as `runChoices` does after its choices. Never fails: a failing
 * target is a divergence.
 */
export const runCommandsDrained = (
  target: Target,
  config: Config,
  commands: ReadonlyArray<Command>,
  options?: LockstepOptions
): Effect.Effect<Run> =>
  runLockstep(target, config, (execute) =>
    Effect.gen(function*() {
      let driver = driverInit(config)
      for (const command of commands) {
        const response = yield* execute(command)
        if (response === undefined) return
        driver = driverObserve(driver, command, response)
      }
      let drain = drainInit(config, commands.length)
      for (;;) {
        const next = drainNext(drain, driver, config)
        if (next === undefined) return
        const response = yield* execute(next.command)
        if (response === undefined) return
        driver = driverObserve(driver, next.command, response)
        drain = drainObserve(next.drain, config, response)
      }
    }), options)
