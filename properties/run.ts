/**
 * Runs: a choice sequence (or saved commands) played in lockstep against the
 * model and a target, with what each side answered.
 *
 * @module
 */
import { Effect } from "effect"
import type { Target } from "../impl/target.ts"
import type { Command } from "../spec/command.ts"
import type { Config } from "../spec/config.ts"
import type { History, HistoryEntry } from "../spec/history.ts"
import type { Response } from "../spec/response.ts"
import type { Choice } from "./choice.ts"
import { choicesProgram, commandsDrainedProgram, type Program, type ProgramMarks } from "./program.ts"
import { type LockstepOptions, runLockstep } from "./lockstep.ts"

/**
 * One lockstep run: the commands actually run, the model's answers
 * (`expected`), the target's (`actual`), and the first step where they
 * differ. `actual` is one answer short when the target failed on the last
 * command (the divergence says so).
 */
export interface Run {
  readonly commands: ReadonlyArray<Command>
  readonly expected: ReadonlyArray<Response>
  readonly actual: ReadonlyArray<Response>
  readonly divergence: { readonly step: number; readonly message: string } | undefined
  /**
   * Whether the target failed (could not open, failed or died, answered
   * something that is not a Response, returned something that is not an
   * Effect, or did not answer in time): the run stopped at the divergence's
   * step, without the rest of its commands or its drain.
   */
  readonly targetFailed: boolean
  /**
   * Whether the target failed by not answering (or opening, or closing)
   * within the answer timeout; a check then gives it less time in later
   * runs (`LockstepOptions.hungBefore`).
   */
  readonly timedOut?: boolean | undefined
  /**
   * The real milliseconds of the slowest answer (or open) that came in time
   * but not at once; 0 when every answer came at once.
   */
  readonly answerMsSlowest?: number | undefined
  /**
   * The index of the first command of the final drain (so the number of
   * commands decoded from choices), when every choice ran (the drain may
   * then be empty); `undefined` for saved commands run as they are, or when
   * the target failed before the drain.
   */
  readonly drainStart?: number | undefined
}

/** How a run of choices is made: the lockstep options, and which groups the drain covers. */
export interface RunOptions extends LockstepOptions {
  /**
   * The groups (by name) the final drain settles and drains: absent, every
   * group; empty, no drain at all.
   */
  readonly drainGroups?: ReadonlyArray<string> | undefined
}

/**
 * Decodes the choices one by one against the application's view (which
 * follows the target's answers), runs each command in lockstep, then runs the
 * final drain (see `drain.ts`) over `options.drainGroups` (default: every
 * group). Never fails: a failing target is a divergence.
 *
 * @example
 * ```ts
 * const choices = fc.sample(choicesArbitrary(configDefault), { seed: 1, numRuns: 1 })[0]
 * const run = await Effect.runPromise(runChoices(builtinTarget, configDefault, choices))
 * ```
 */
export const runChoices = (
  target: Target,
  config: Config,
  choices: ReadonlyArray<Choice>,
  options?: RunOptions
): Effect.Effect<Run> =>
  runProgram(target, config, (marks) => choicesProgram(config, choices, options?.drainGroups, marks), options)

/** Replays saved commands in lockstep, as they are (no drain is added). */
export const runCommands = (
  target: Target,
  config: Config,
  commands: ReadonlyArray<Command>,
  options?: LockstepOptions
): Effect.Effect<Run> =>
  Effect.suspend(() => runLockstep(target, config, commandsProgram(commands), options))

/** Saved commands as a program, as they are. */
function* commandsProgram(commands: ReadonlyArray<Command>): Program {
  for (const command of commands) yield command
}

/**
 * Replays saved commands in lockstep as they are, the application's view
 * following the target's answers, then runs the standard drain from that view
 * (`qsem replay --drain`, for a trace saved without one).
 */
export const runCommandsDrained = (
  target: Target,
  config: Config,
  commands: ReadonlyArray<Command>,
  options?: LockstepOptions
): Effect.Effect<Run> => runProgram(target, config, (marks) => commandsDrainedProgram(config, commands, marks), options)

/** Runs a program in lockstep until it is done or the target failed, with where its drain began. */
const runProgram = (
  target: Target,
  config: Config,
  programOf: (marks: ProgramMarks) => Program,
  options: LockstepOptions | undefined
): Effect.Effect<Run> =>
  Effect.suspend(() => {
    const marks: ProgramMarks = { drainStart: undefined }
    const run = runLockstep(target, config, programOf(marks), options)
    return Effect.map(run, (result): Run => ({ ...result, drainStart: marks.drainStart }))
  })

/** The target's history: each command with the target's answer. */
export const historyOf = (run: Run): History => {
  const history: Array<HistoryEntry> = []
  for (let i = 0; i < run.actual.length; i++) history.push({ command: run.commands[i], response: run.actual[i] })
  return history
}
