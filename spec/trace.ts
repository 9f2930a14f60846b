/**
 * The trace file format: a saved run that can be replayed. The content is
 * deterministic (no timestamps), so the same seed writes the same bytes.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { Command } from "./command.ts"
import { Config, Count, Name } from "./config.ts"
import { GuaranteeId } from "./guarantee.ts"
import { Response } from "./response.ts"

/**
 * The trace format version this qsem writes: 2, which added `choices` and
 * `drainGroups`. Version 1 files (written before) are still read; having no
 * choices, they replay verbatim. Files of any other version are refused.
 */
export const traceVersion = 2 as const

/** The trace format versions this qsem reads: 1 (replayed verbatim only) and 2. */
export const traceVersionsRead = [1, traceVersion] as const

/**
 * One choice of a generated run, as saved in a trace: four naturals.
 * `action` picks the kind of command among those enabled, `a`, `b` and `c`
 * its arguments (`properties/generate/` says how a choice decodes).
 */
export const Choice = Schema.Struct({
  action: Count,
  a: Count,
  b: Count,
  c: Count
})
/** @see {@link Choice} */
export type Choice = typeof Choice.Type

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
 * reproduce it, the config, the groups its drain covered, the (shrunk)
 * commands, the model's responses (`expected`) and the target's (`actual`), and why it failed.
 *
 * - `choices` (version 2): the choice sequence the commands before the drain
 *   were decoded from. `qsem replay` decodes it again against the target it
 *   replays on, so the application follows that target's answers (as a real
 *   one would) and ends with the standard drain; `commands` is then what the
 *   recorded target led to. Absent in a hand-written trace (and in every
 *   version 1 file): such a trace replays its `commands` verbatim.
 * - `drainGroups` (version 2): the groups the final drain drained, in config
 *   order, when it drained only some of them; absent means every group.
 */
export const Trace = Schema.Struct({
  format: Schema.Literal("qsem-trace"),
  version: Schema.Literals(traceVersionsRead),
  target: Schema.String,
  seed: Schema.Int,
  path: Schema.String,
  config: Config,
  /**
   * The groups the final drain covered, when it did not cover every group
   * (a minimized counterexample keeps only the drain its verdict needs;
   * empty: no drain). Absent: every group was drained.
   */
  drainGroups: Schema.optionalKey(Schema.Array(Name)),
  commands: Schema.Array(Command),
  expected: Schema.Array(Response),
  actual: Schema.Array(Response),
  verdict: Verdict,
  choices: Schema.optionalKey(Schema.Array(Choice))
})
/** @see {@link Trace} */
export type Trace = typeof Trace.Type
