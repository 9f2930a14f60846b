/**
 * Replaying a saved trace: its commands run again in lockstep against a
 * target and the model, every guarantee is checked, and the steps are printed
 * with the first divergence and each violation marked.
 *
 * @module
 */
import { Effect } from "effect"
import type { Trace, Verdict } from "../../spec/trace.ts"
import type { Target } from "../../impl/target.ts"
import { evaluateRun, verdictOf, type RunVerdicts } from "../check/evaluate.ts"
import { formatStepTable } from "../format/stepTable.ts"
import { guaranteeChecks } from "../guarantees/index.ts"
import type { LockstepOptions } from "../lockstep.ts"
import { runCommands, type Run } from "../run.ts"

/** What a replay found: the fresh run, its verdicts, and the printed steps. */
export interface ReplayResult {
  readonly run: Run
  readonly verdicts: RunVerdicts
  /** Why the replay still fails, or undefined once it passes. */
  readonly verdict: Verdict | undefined
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

/**
 * Replays the trace's commands against `target` (exact conformance included),
 * waiting `options.answerTimeoutMs` of real time for an answer that does not
 * come at once (see `runLockstep`).
 * A trace saved from a run whose target failed has no drain, so the
 * guarantees that judge a drained history are not checked on it.
 */
export const replayTrace = (trace: Trace, target: Target, options?: LockstepOptions): Effect.Effect<ReplayResult> =>
  Effect.map(runCommands(target, trace.config, trace.commands, options), (run) => {
    const savedCutShort = trace.verdict._tag === "Diverged" && trace.verdict.targetFailed === true
    const verdicts = evaluateRun(run, trace.config, guaranteeChecks, !run.targetFailed && !savedCutShort)
    const table = formatStepTable({
      commands: run.commands,
      actual: run.actual,
      expected: run.expected,
      notes: notesOf(verdicts)
    })
    return { run, verdicts, verdict: verdictOf(verdicts, true), table }
  })
