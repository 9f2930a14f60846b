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
}

/** Checks every guarantee on the run's (target) history and notes the divergence. */
export const evaluateRun = (run: Run, config: Config, checks: ReadonlyArray<GuaranteeCheck>): RunVerdicts => {
  const history = historyOf(run)
  const violations: Array<GuaranteeViolated> = []
  const witnessed: Array<GuaranteeId> = []
  for (const check of checks) {
    const violation = check.always(history, config)
    if (violation !== undefined) {
      violations.push({ _tag: "GuaranteeViolated", guarantee: check.id, step: violation.step, message: violation.message })
    }
    if (check.sometimes(history, config)) witnessed.push(check.id)
  }
  const divergence: Diverged | undefined = run.divergence === undefined
    ? undefined
    : { _tag: "Diverged", step: run.divergence.step, message: run.divergence.message }
  return { violations, divergence, witnessed }
}

/**
 * The verdict a failing run is reported under: the first violated guarantee
 * in catalogue order, else the divergence when conformance is checked.
 */
export const verdictOf = (verdicts: RunVerdicts, conformance: boolean): Verdict | undefined =>
  verdicts.violations[0] ?? (conformance ? verdicts.divergence : undefined)

/** Whether a run fails in the same way as `verdict` (same guarantee, or a divergence). */
export const failsLike = (verdicts: RunVerdicts, verdict: Verdict): boolean =>
  verdict._tag === "Diverged"
    ? verdicts.divergence !== undefined
    : verdicts.violations.some((violation) => violation.guarantee === verdict.guarantee)
