/**
 * Test helpers over {@link runCommands}: promise-returning runs of the
 * built-in broker (or any target) for scenario tests.
 *
 * @module
 */
import { Effect } from "effect"
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import type { Response } from "../../spec/response.ts"
import { builtinTarget } from "../builtin.ts"
import type { Target } from "../target.ts"
import { configOf } from "./testCommands.ts"
import { runCommands } from "./testSession.ts"

/** The responses of the target (the built-in broker by default) to the commands. */
export const run = (
  commands: ReadonlyArray<Command>,
  config: Config,
  target: Target = builtinTarget
): Promise<ReadonlyArray<Response>> => Effect.runPromise(runCommands(target, config, commands))

/** The response to the last command, after the ones before it. */
export const last = async (
  commands: ReadonlyArray<Command>,
  config: Config,
  target: Target = builtinTarget
): Promise<Response | undefined> => (await run(commands, config, target)).at(-1)

/** One topic `t` with `partitions` partitions and one range group `g` reading it. */
export const singleGroup = (partitions: number, mode: "at-least-once" | "at-most-once" = "at-least-once"): Config =>
  configOf([{ name: "t", partitions }], [{ name: "g", mode, assignor: "range", topics: ["t"] }])
