/**
 * The trace file format: a saved run that can be replayed. The content is
 * deterministic (no timestamps), so the same seed writes the same bytes.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { Command } from "./command.ts"
import { Config, Count } from "./config.ts"
import { GuaranteeId } from "./guarantee.ts"
import { Response } from "./response.ts"

/** The current trace format version; files of another version are refused. */
export const traceVersion = 1 as const

/** A guarantee's `always` check failed at this step (0-based index). */
export const GuaranteeViolated = Schema.TaggedStruct("GuaranteeViolated", {
  guarantee: GuaranteeId,
  step: Count,
  message: Schema.String
})
/** @see {@link GuaranteeViolated} */
export type GuaranteeViolated = typeof GuaranteeViolated.Type

/**
 * The target's response differed from the model's at this step (0-based
 * index). `targetFailed` is set when the target failed there (could not
 * open, failed, died, or did not answer), so the run stopped before its
 * drain.
 */
export const Diverged = Schema.TaggedStruct("Diverged", {
  step: Count,
  message: Schema.String,
  targetFailed: Schema.optionalKey(Schema.Literal(true))
})
/** @see {@link Diverged} */
export type Diverged = typeof Diverged.Type

/** Why a run failed. */
export const Verdict = Schema.Union([GuaranteeViolated, Diverged])
/** @see {@link Verdict} */
export type Verdict = typeof Verdict.Type

/**
 * A saved run: the target it ran against, the fast-check seed and path that
 * reproduce it, the config, the groups its drain covered, the (shrunk) commands, the model's responses
 * (`expected`) and the target's (`actual`), and why it failed.
 */
export const Trace = Schema.Struct({
  format: Schema.Literal("qsem-trace"),
  version: Schema.Literal(traceVersion),
  target: Schema.String,
  seed: Schema.Int,
  path: Schema.String,
  config: Config,
  /**
   * The groups the final drain covered, when it did not cover every group
   * (a minimized counterexample keeps only the drain its verdict needs;
   * empty: no drain). Absent: every group was drained.
   */
  drainGroups: Schema.optionalKey(Schema.Array(Schema.String)),
  commands: Schema.Array(Command),
  expected: Schema.Array(Response),
  actual: Schema.Array(Response),
  verdict: Verdict
})
/** @see {@link Trace} */
export type Trace = typeof Trace.Type
