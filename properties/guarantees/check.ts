/**
 * The shape of a guarantee's history checker: an `always` check that finds
 * the first violation of the claim in one run, and a `sometimes` witness that
 * says whether the run exercised the interesting case.
 *
 * @module
 */
import type { Config, GuaranteeId, History } from "../../spec/index.ts"
import type { EntryCheckOf } from "./internal/entryWalk.ts"

/**
 * Where a history breaks a guarantee: the 0-based index of the entry at which
 * the violation became visible, and one line that names the group, member,
 * partition and offset involved.
 */
export interface Violation {
  readonly step: number
  readonly message: string
}

/**
 * The checker of one guarantee of the catalogue, over the history of one run.
 * Both functions read only what the history shows (the target's answers),
 * never a model, and run in time linear in the history's length.
 *
 * - `always`: the first violation, or `undefined` when the claim holds.
 * - `sometimes`: whether the interesting case (the catalogue's `sometimes`
 *   text) really happened in this run.
 * - `judgesDrainedHistory`: whether `always` only makes sense on a history
 *   finished by the final drain (a loss is only a loss once the drain is
 *   over). Such a checker judges only the groups `drainedGroupsOf` calls
 *   drained, and `evaluateRun` reports the guarantee as not judged for the
 *   others (a run cut short by a failing target, a trace without a drain).
 * - `notApplicableReason`: why runs of this config cannot exercise the
 *   guarantee at all (so a missing witness is not worth reporting), as a
 *   clause such as "needs two groups sharing a topic; the config has one
 *   group", or `undefined` when they can. When absent, the guarantee applies
 *   when the config has a group of a mode the catalogue says it holds under
 *   (see `notApplicableReasonOf` in `applicability.ts`).
 */
export interface GuaranteeCheck {
  readonly id: GuaranteeId
  readonly always: (history: History, config: Config) => Violation | undefined
  readonly sometimes: (history: History, config: Config) => boolean
  readonly judgesDrainedHistory?: boolean | undefined
  /**
   * For a checker of drained histories whose subjects are not simply the
   * groups of the modes its guarantee holds under (the services, or only the
   * groups with some effect): the subjects it judges whose drain the history
   * does not show complete, each with the reason. When absent, those are
   * the groups of its modes that `undrainedGroupsOf` names.
   */
  readonly undrainedOf?: ((history: History, config: Config) => ReadonlyMap<string, string>) | undefined
  readonly notApplicableReason?: ((config: Config) => string | undefined) | undefined
  /**
   * For an `always` that looks at the replay before each entry: its check of
   * one entry (`internal/entryWalk.ts`), of which `always` is the walk alone.
   * `evaluateRun` walks every such check of a run with one replay.
   */
  readonly entryCheckOf?: EntryCheckOf | undefined
}
