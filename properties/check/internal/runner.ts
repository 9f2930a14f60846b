/**
 * Running a check's programs one after another on one target: remembers
 * whether the target hung and its slowest answer, to give it less time once
 * it hung (see `CheckOptions.answerTimeoutMs`).
 *
 * @module
 */
import { Effect } from "effect"
import type { Config } from "../../../spec/config.ts"
import type { Target } from "../../../impl/target.ts"
import type { Choice } from "../../choice.ts"
import { runChoices, type Run } from "../../run.ts"

/** Runs programs on one target, in order, and learns from their answers. */
export interface Runner {
  /** Runs the choices (with a drain of `drainGroups`, every group when undefined). */
  readonly run: (choices: ReadonlyArray<Choice>, drainGroups: ReadonlyArray<string> | undefined) => Promise<Run>
  /** Learns from runs made elsewhere (a worker thread) as if this runner had made them: whether one timed out, their slowest answer. */
  readonly note: (runs: Pick<Run, "timedOut" | "answerMsSlowest">) => void
}

/** A runner of `target` on `config`, with `answerTimeoutMs` (default 10 s) until the target first hangs. */
export const runnerOf = (target: Target, config: Config, answerTimeoutMs: number | undefined): Runner => {
  let hungBefore = false
  let answerMsSlowest = 0
  const note = (result: Pick<Run, "timedOut" | "answerMsSlowest">) => {
    if (result.timedOut === true) hungBefore = true
    answerMsSlowest = Math.max(answerMsSlowest, result.answerMsSlowest ?? 0)
  }
  return {
    run: async (choices, drainGroups) => {
      const runOptions = { answerTimeoutMs, hungBefore, answerMsSlowest, drainGroups }
      const result = await Effect.runPromise(runChoices(target, config, choices, runOptions))
      note(result)
      return result
    },
    note
  }
}
