/**
 * Judging one run: which guarantees its history violates, whether the target
 * diverged from the model, and which `sometimes` witnesses it shows.
 *
 * @module
 */
import { guaranteeById } from "../../spec/catalogue.ts"
import type { Config } from "../../spec/config.ts"
import type { GuaranteeId } from "../../spec/guarantee.ts"
import type { History } from "../../spec/history.ts"
import type { Diverged, GuaranteeViolated, Verdict } from "../../spec/trace.ts"
import type { GuaranteeCheck } from "../guarantees/check.ts"
import { guaranteeCheckById } from "../guarantees/index.ts"
import { undrainedGroupsOf } from "../guarantees/internal/drainedGroups.ts"
import { type EntryCheckOf, firstViolationsOf } from "../guarantees/internal/entryWalk.ts"
import { historyOf, type Run } from "../run.ts"

/** A guarantee the run could not judge for some groups: which, and why, in one line. */
export interface NotJudged {
  readonly guarantee: GuaranteeId
  /** The groups it holds under (or the services it judges, see `undrainedOf`) whose drain the history does not show complete, in config order. */
  readonly groups: ReadonlyArray<string>
  readonly reason: string
}

/** Everything one run says about the guarantees and about conformance. */
export interface RunVerdicts {
  readonly violations: ReadonlyArray<GuaranteeViolated>
  readonly divergence: Diverged | undefined
  readonly witnessed: ReadonlyArray<GuaranteeId>
  /**
   * The guarantees judged on drained histories (`judgesDrainedHistory`) that
   * some group they hold under was not judged for, because the history does
   * not show that group's drain complete (see `drainedGroupsOf`). Their
   * checkers judged the drained groups only; these are neither passes nor
   * failures.
   */
  readonly notJudged: ReadonlyArray<NotJudged>
  /** The run's `targetFailed`: the divergence is then the verdict, whatever the mode. */
  readonly targetFailed: boolean
}

/** The groups `check` could not judge, and why, or `undefined` when it judged every group it holds under. */
const notJudgedOf = (check: GuaranteeCheck, history: History, config: Config): NotJudged | undefined => {
  if (check.judgesDrainedHistory !== true) return undefined
  const modes = guaranteeById(check.id).holdsUnder
  const undrained = check.undrainedOf?.(history, config) ?? undrainedGroupsOf(history, config)
  const groups = check.undrainedOf !== undefined
    ? [...undrained.keys()]
    : config.groups.filter((group) => modes.includes(group.mode) && undrained.has(group.name)).map((group) => group.name)
  if (groups.length === 0) return undefined
  const reason = groups.map((group) => `${group} is not shown drained: ${undrained.get(group)}`).join("; ")
  return { guarantee: check.id, groups, reason }
}

/**
 * Checks every guarantee on the run's (target) history and notes the
 * divergence. The checkers that judge drained histories judge only the
 * groups whose drain the history shows complete; a guarantee with a group it
 * could not judge is listed in `notJudged`, with the reason (a run cut short
 * by a failing target has no drain, so it lands there too).
 */
export const evaluateRun = (run: Run, config: Config, checks: ReadonlyArray<GuaranteeCheck>): RunVerdicts => {
  const history = historyOf(run)
  const violations: Array<GuaranteeViolated> = []
  const witnessed: Array<GuaranteeId> = []
  const notJudged: Array<NotJudged> = []
  // The checks that look at the replay before each entry share one walk.
  const byEntry = checks.filter((check) => check.entryCheckOf !== undefined)
  const byEntryViolations = byEntry.length > 1
    ? firstViolationsOf(history, config, byEntry.map((check) => (check.entryCheckOf as EntryCheckOf)(history, config)))
    : undefined
  // byEntry keeps the order of checks: the n-th check with an entry check has the n-th shared violation.
  let byEntryIndex = 0
  for (const check of checks) {
    const skipped = notJudgedOf(check, history, config)
    if (skipped !== undefined) notJudged.push(skipped)
    const violation = byEntryViolations === undefined || check.entryCheckOf === undefined
      ? check.always(history, config)
      : byEntryViolations[byEntryIndex++]
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
  return { violations, divergence, witnessed, notJudged, targetFailed: run.targetFailed }
}

/** Whether the guarantee is judged on the drained history (its violation is placed at the history's last step). */
const judgesDrainedHistory = (id: GuaranteeId): boolean => guaranteeCheckById(id).judgesDrainedHistory === true

/**
 * The violation at the earliest step: the claim the history breaks first.
 * Among those at that step, a claim about what the step itself did comes
 * before a claim judged on the drained history (a loss, placed at the last
 * step because it is only a loss once the drain is over: the step's own
 * event is its cause), then catalogue order (the order of `violations`).
 */
export const earliestViolation = (violations: ReadonlyArray<GuaranteeViolated>): GuaranteeViolated | undefined =>
  violations.reduce<GuaranteeViolated | undefined>((earliest, violation) =>
    earliest === undefined || violation.step < earliest.step ||
      (violation.step === earliest.step && judgesDrainedHistory(earliest.guarantee) && !judgesDrainedHistory(violation.guarantee))
      ? violation
      : earliest, undefined)

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
