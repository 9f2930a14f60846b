/**
 * A verdict as one line: `PartitionOrderPreserved violated at step 5: ...`
 * or `the target diverged from the model at step 7: ...` (steps from 1).
 *
 * @module
 */
import type { Verdict } from "../../spec/trace.ts"

/** Renders why a run failed, numbering the step from 1 like the step table. */
export const formatVerdict = (verdict: Verdict): string =>
  verdict._tag === "GuaranteeViolated"
    ? `${verdict.guarantee} violated at step ${verdict.step + 1}: ${verdict.message}`
    : `the target diverged from the model at step ${verdict.step + 1}: ${verdict.message}`
