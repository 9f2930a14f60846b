/**
 * Replaying a saved trace against a target and the model, in lockstep, with
 * every guarantee checked and the steps printed with the first divergence,
 * each violation and (when re-decoding) the first departure from the
 * recorded commands marked.
 *
 * By default a trace with `choices` is re-decoded: the application follows
 * the answers of the target it replays on, as a real one would, and ends
 * with the standard drain. The recorded commands are what the recorded
 * target's answers led to; replayed as they are against another target they
 * are no longer what an application would do.
 *
 * @module
 */
import { Effect } from "effect"
import type { Command } from "../../spec/command.ts"
import type { GuaranteeId } from "../../spec/guarantee.ts"
import type { Trace, Verdict } from "../../spec/trace.ts"
import type { Target } from "../../impl/target.ts"
import { evaluateRun, verdictOf, type RunVerdicts } from "../check/evaluate.ts"
import { equalJson } from "../equal.ts"
import { formatCommand } from "../format/command.ts"
import { formatStepTable } from "../format/stepTable.ts"
import { guaranteeCheckById, guaranteeChecks } from "../guarantees/index.ts"
import type { LockstepOptions } from "../lockstep.ts"
import { runChoices, runCommands, runCommandsDrained, type Run } from "../run.ts"

/**
 * How a replay ran the trace: `redecoded` (its choices decoded again against
 * the target, then the standard drain), `verbatim` (its commands as they
 * are), or `verbatimDrained` (its commands as they are, then the drain).
 */
export type ReplayMode = "redecoded" | "verbatim" | "verbatimDrained"

/** How to replay a trace. */
export interface ReplayOptions {
  /** Replay the recorded commands as they are, even when the trace has choices. */
  readonly verbatim?: boolean | undefined
  /** Append the standard drain to a verbatim replay (for traces saved without one). */
  readonly drain?: boolean | undefined
  /** How the lockstep runner treats the target. */
  readonly lockstep?: LockstepOptions | undefined
  /** The guarantees to judge (as `qsem replay --guarantees`); default every guarantee of the catalogue. */
  readonly guarantees?: ReadonlyArray<GuaranteeId> | undefined
}

/**
 * Where a re-decoded run first departs from the recorded commands (0-based
 * step; the steps before it agree), with the command recorded there
 * (`undefined` when the recorded run ended before it).
 */
export interface Departure {
  readonly step: number
  readonly recorded: Command | undefined
}

/** What a replay found: the fresh run, its verdicts, and the printed steps. */
export interface ReplayResult {
  readonly mode: ReplayMode
  readonly run: Run
  readonly verdicts: RunVerdicts
  /** Why the replay still fails, or undefined once it passes. */
  readonly verdict: Verdict | undefined
  /** Re-decoded only: where the run departs from the recorded commands, or `undefined` when it repeats them. */
  readonly departure: Departure | undefined
  readonly table: string
}

/** Notes to print under steps: the first divergence and every violation. */
export const notesOf = (verdicts: RunVerdicts): Map<number, Array<string>> => {
  const notes = new Map<number, Array<string>>()
  const add = (step: number, note: string) => notes.set(step, [...(notes.get(step) ?? []), note])
  if (verdicts.divergence !== undefined) add(verdicts.divergence.step, `first divergence: ${verdicts.divergence.message}`)
  for (const violation of verdicts.violations) add(violation.step, `${violation.guarantee} violated: ${violation.message}`)
  return notes
}

/** The first step where `commands` differ from `recorded`, or `undefined` when they are the same. */
export const departureOf = (commands: ReadonlyArray<Command>, recorded: ReadonlyArray<Command>): Departure | undefined => {
  const common = Math.min(commands.length, recorded.length)
  for (let step = 0; step < common; step++) {
    if (!equalJson(commands[step], recorded[step])) return { step, recorded: recorded[step] }
  }
  return commands.length === recorded.length ? undefined : { step: common, recorded: recorded[common] }
}

/** The one-line note that marks a departure, placed at its step (or the last step when the run ended first). */
const departureNote = (departure: Departure, run: Run): { readonly step: number; readonly note: string } => {
  const agree = `the first ${departure.step} agree`
  if (departure.step >= run.commands.length) {
    return {
      step: run.commands.length - 1,
      note: `re-decoded run ends here, before the recorded commands do (${agree}; next recorded: ${
        departure.recorded === undefined ? "nothing" : formatCommand(departure.recorded)
      })`
    }
  }
  return {
    step: departure.step,
    note: `re-decoded run departs from the recorded commands here (${agree}); recorded: ${
      departure.recorded === undefined ? "nothing (the recorded run ended)" : formatCommand(departure.recorded)
    }`
  }
}

/** The mode a replay of `trace` runs in under these options. */
export const replayModeOf = (trace: Trace, options: ReplayOptions = {}): ReplayMode =>
  trace.choices !== undefined && options.verbatim !== true ? "redecoded" : options.drain === true ? "verbatimDrained" : "verbatim"

const runOf = (trace: Trace, target: Target, mode: ReplayMode, options: ReplayOptions): Effect.Effect<Run> => {
  switch (mode) {
    case "redecoded":
      return runChoices(target, trace.config, trace.choices ?? [], { ...options.lockstep, drainGroups: trace.drainGroups })
    case "verbatimDrained":
      return runCommandsDrained(target, trace.config, trace.commands, options.lockstep)
    case "verbatim":
      return runCommands(target, trace.config, trace.commands, options.lockstep)
  }
}

/**
 * Replays the trace against `target` (exact conformance included); see the
 * module comment for the modes. `options.guarantees` narrows the judged
 * guarantees (conformance is still checked). The guarantees judged on drained histories
 * judge only the groups the replayed history shows drained; the others are
 * in `verdicts.notJudged`.
 *
 * @example
 * ```ts
 * const trace = await Effect.runPromise(readTraceFile("traces/mutants/skip-record.json"))
 * const fixed = await Effect.runPromise(replayTrace(trace, builtinTarget))
 * fixed.verdict // undefined: on the real broker the same program passes
 * ```
 */
export const replayTrace = (trace: Trace, target: Target, options: ReplayOptions = {}): Effect.Effect<ReplayResult> => {
  const mode = replayModeOf(trace, options)
  return Effect.map(runOf(trace, target, mode, options), (run) => {
    const checks = options.guarantees === undefined ? guaranteeChecks : options.guarantees.map(guaranteeCheckById)
    const verdicts = evaluateRun(run, trace.config, checks)
    const departure = mode === "redecoded" ? departureOf(run.commands, trace.commands) : undefined
    const notes = notesOf(verdicts)
    if (departure !== undefined && run.commands.length > 0) {
      const { note, step } = departureNote(departure, run)
      notes.set(step, [note, ...(notes.get(step) ?? [])])
    }
    const table = formatStepTable({ commands: run.commands, actual: run.actual, expected: run.expected, notes, drainStart: run.drainStart })
    return { mode, run, verdicts, verdict: verdictOf(verdicts, true), departure, table }
  })
}
