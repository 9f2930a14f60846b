/**
 * Verdicts as lines: one verdict as `PartitionOrderPreserved violated at step
 * 5: ...` or `the target diverged from the model at step 7: ...`, and every
 * verdict of a run listed by step (steps from 1, as in the step table).
 *
 * @module
 */
import type { Verdict } from "../../spec/trace.ts"

/** Renders why a run failed, numbering the step from 1 like the step table. */
export const formatVerdict = (verdict: Verdict): string =>
  verdict._tag === "GuaranteeViolated"
    ? `${verdict.guarantee} violated at step ${verdict.step + 1}: ${verdict.message}`
    : `the target diverged from the model at step ${verdict.step + 1}: ${verdict.message}`

/**
 * Every verdict of one run, one line each, by step (a divergence before a
 * violation at the same step, then in the given order).
 *
 * @example
 * ```ts
 * formatVerdictList([violation, divergence])
 * // ["step 3: the target diverged from the model: ...", "step 5: GroupsAreIndependent violated: ..."]
 * ```
 */
export const formatVerdictList = (verdicts: ReadonlyArray<Verdict>): Array<string> =>
  verdicts
    .map((verdict, index) => ({ verdict, index }))
    .sort((x, y) =>
      x.verdict.step - y.verdict.step ||
      (x.verdict._tag === y.verdict._tag ? 0 : x.verdict._tag === "Diverged" ? -1 : 1) ||
      x.index - y.index
    )
    .map(({ verdict }) =>
      verdict._tag === "GuaranteeViolated"
        ? `step ${verdict.step + 1}: ${verdict.guarantee} violated: ${verdict.message}`
        : `step ${verdict.step + 1}: the target diverged from the model: ${verdict.message}`
    )
