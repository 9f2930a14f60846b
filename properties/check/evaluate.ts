/**
 * Judging one run: which guarantees its history violates, whether the target
 * diverged from the model, and which `sometimes` witnesses it shows.
 *
 * @module
 */
import type { Config } from "../../spec/config.ts"
import type { GuaranteeId } from "../../spec/guarantee.ts"
import type { Diverged, GuaranteeViolated, Verdict } from "../../spec/trace.ts"
import type { GuaranteeCheck } from "../guarantees/check.ts"
import { historyOf, type Run } from "../run.ts"

/** Everything one run says about the guarantees and about conformance. */
export interface RunVerdicts {
  readonly violations: ReadonlyArray<GuaranteeViolated>
  readonly divergence: Diverged | undefined
  readonly witnessed: ReadonlyArray<GuaranteeId>
  /** The run's `targetFailed`: the divergence is then the verdict, whatever the mode. */
  readonly targetFailed: boolean
}

/**
 * Checks every guarantee on the run's (target) history and notes the
 * divergence. When the history did not end with the drain (by default: when
 * the target failed and the run was cut short; a replay of such a run says so
 * itself), the checkers that judge a drained history (`judgesDrainedHistory`)
 * are skipped.
 */
export const evaluateRun = (
  run: Run,
  config: Config,
  checks: ReadonlyArray<GuaranteeCheck>,
  drained: boolean = !run.targetFailed
): RunVerdicts => {
  const history = historyOf(run)
  const violations: Array<GuaranteeViolated> = []
  const witnessed: Array<GuaranteeId> = []
  for (const check of checks) {
    if (!drained && check.judgesDrainedHistory === true) continue
    const violation = check.always(history, config)
    if (violation !== undefined) {
      violations.push({ _tag: "GuaranteeViolated", guarantee: check.id, step: violation.step, message: violation.message })
    }
    if (check.sometimes(history, config)) witnessed.push(check.id)
  }
  const divergence: Diverged | undefined = run.divergence === undefined
    ? undefined
    : run.targetFailed
    ? { _tag: "Diverged", step: run.divergence.step, message: run.divergence.message, targetFailed: true }
    : { _tag: "Diverged", step: run.divergence.step, message: run.divergence.message }
  return { violations, divergence, witnessed, targetFailed: run.targetFailed }
}

/**
 * The violation at the earliest step, the first in catalogue order among
 * those at that step: the claim the history breaks first.
 */
export const earliestViolation = (violations: ReadonlyArray<GuaranteeViolated>): GuaranteeViolated | undefined =>
  violations.reduce<GuaranteeViolated | undefined>((earliest, violation) =>
    earliest === undefined || violation.step < earliest.step ? violation : earliest, undefined)

/**
 * The verdict a failing run is reported under: the divergence when the
 * target failed (in any mode); else the violated guarantee whose claim the
 * history breaks first ({@link earliestViolation}), else the divergence
 * when conformance is checked.
 */
export const verdictOf = (verdicts: RunVerdicts, conformance: boolean): Verdict | undefined =>
  verdicts.targetFailed
    ? verdicts.divergence
    : earliestViolation(verdicts.violations) ?? (conformance ? verdicts.divergence : undefined)

/**
 * Whether a run fails in the same way as `like`, whose verdict is `verdict`:
 * the same guarantee violated, or a divergence (a failing target when `like`'s
 * target failed).
 */
export const failsLike = (verdicts: RunVerdicts, like: RunVerdicts, verdict: Verdict): boolean =>
  verdict._tag === "Diverged"
    ? verdicts.divergence !== undefined && (verdicts.targetFailed || !like.targetFailed)
    : verdicts.violations.some((violation) => violation.guarantee === verdict.guarantee)
