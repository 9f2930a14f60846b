/**
 * Model-based checking of a target: fast-check generates choice sequences,
 * each becomes a lockstep run against the model, every guarantee is checked
 * on the target's history, and the first failure is shrunk by fast-check,
 * then minimized (see `minimize.ts`) into a trace (or, when rerunning it does
 * not fail again, reported as it was).
 *
 * @module
 */
import { Effect } from "effect"
import * as fc from "fast-check"
import type { Config } from "../../spec/config.ts"
import type { Guarantee, GuaranteeId } from "../../spec/guarantee.ts"
import { catalogue } from "../../spec/catalogue.ts"
import { traceVersion, type Trace, type Verdict } from "../../spec/trace.ts"
import type { Target } from "../../impl/target.ts"
import { choicesArbitrary, type Choice } from "../choice.ts"
import { notApplicableReasonOf } from "../guarantees/applicability.ts"
import { guaranteeCheckById } from "../guarantees/index.ts"
import { runChoices, type Run } from "../run.ts"
import { evaluateRun, failsLike, verdictOf, type RunVerdicts } from "./evaluate.ts"
import { choicesWithoutCommand } from "./internal/dropCommand.ts"
import { minimizeAttemptsMaxDefault, minimizeChoices, type ShrinkProgress } from "./minimize.ts"

/** What to check, how much, and from which seed. */
export interface CheckOptions {
  readonly target: Target
  readonly config: Config
  readonly runs: number
  readonly seed: number
  /** Choices per run before the drain; defaults to `config.bounds.commandsMax`. */
  readonly commandsMax?: number | undefined
  /** Guarantees to check; defaults to the whole catalogue. */
  readonly guarantees?: ReadonlyArray<GuaranteeId> | undefined
  /** Whether a divergence from the model fails the run (exact conformance); default true. */
  readonly conformance?: boolean | undefined
  /**
   * Real milliseconds to wait for an answer that does not come at once (see
   * `runLockstep`); default 10 s. Once the target did not answer in time,
   * every later run of the check (the rerun and the shrinking included) gives
   * it `answerTimeoutAfterHang`: four times its slowest answer so far, at
   * least 100 ms, so a hanging target fails the check within seconds of its
   * first hang.
   */
  readonly answerTimeoutMs?: number | undefined
  /** Called after each exploring run. */
  readonly onProgress?: ((progress: CheckProgress) => void) | undefined
  /**
   * Called after each exploring run (not the shrinking ones) with the run,
   * what it says about the guarantees, and the choices it was decoded from
   * (the run's first `choices.length` commands; the rest is the drain).
   */
  readonly onRun?: ((run: Run, verdicts: RunVerdicts, choices: ReadonlyArray<Choice>) => void) | undefined
  /** The choice sequences to explore; defaults to `choicesArbitrary(config, commandsMax)` (`soakArbitrary` for long runs). */
  readonly choices?: fc.Arbitrary<ReadonlyArray<Choice>> | undefined
  /** Called after each shrinking attempt (fast-check's shrink, then the minimizer's). */
  readonly onShrinkProgress?: ((progress: ShrinkProgress) => void) | undefined
  /**
   * The most programs fast-check's shrink may run before the minimizer takes
   * over; default {@link shrinkAttemptsMaxDefault}.
   */
  readonly shrinkAttemptsMax?: number | undefined
  /** The most programs the minimizer may run after fast-check's shrink; default {@link minimizeAttemptsMaxDefault}. */
  readonly minimizeAttemptsMax?: number | undefined
}

/**
 * The programs fast-check's shrink may run by default: it shrinks every
 * field of every choice step by step, which costs hundreds to thousands of
 * runs for little the minimizer does not do in tens.
 */
export const shrinkAttemptsMaxDefault = 200

/** How a counterexample was cut down: its length (choices, before the drain) at each stage, and the attempts spent. */
export interface MinimizeStats {
  /** The failing run the exploration found. */
  readonly lengthExplored: number
  /** After fast-check's shrink. */
  readonly lengthShrunk: number
  /** After the minimizer (delta debugging, lowered fields, smallest drain). */
  readonly lengthMinimized: number
  readonly shrinkAttempts: number
  readonly minimizeAttempts: number
  /** No single choice of the result can be dropped (false when the minimizer's budget ran out). */
  readonly oneMinimal: boolean
}

/** Progress of the exploring phase. */
export interface CheckProgress {
  readonly runsDone: number
  readonly commandsRun: number
}

/** One guarantee's outcome over all exploring runs. */
export interface GuaranteeTally {
  readonly guarantee: Guarantee
  /**
   * Whether runs of the config can exercise the guarantee: by default a group
   * of a mode the guarantee holds under (see `notApplicableReasonOf`).
   */
  readonly applicable: boolean
  /** Why it is not applicable (`applicable` false), as a clause; `undefined` when it is. */
  readonly notApplicableReason: string | undefined
  readonly violatedRuns: number
  readonly witnessedRuns: number
  /**
   * Explored runs in which a guarantee judged on drained histories could not
   * judge some group it holds under (its drain not shown complete): neither
   * passes nor failures for that group, so "held" is only as strong as the
   * runs that judged it.
   */
  readonly notJudgedRuns: number
  /** Why, in the first such run (one line), or `undefined` when every run judged every group. */
  readonly notJudgedReason: string | undefined
}

/** The outcome of a check. */
export interface CheckReport {
  readonly target: string
  readonly seed: number
  /** Runs explored; with a failure, the failing run is the last of them (the first failure came after `runsDone - 1` passing runs). */
  readonly runsDone: number
  readonly commandsRun: number
  readonly divergedRuns: number
  readonly tallies: ReadonlyArray<GuaranteeTally>
  /** The shrunk counterexample of the first failing run, if any. */
  readonly failure: Trace | undefined
  /** Everything the shrunk counterexample violates (for marking its steps). */
  readonly failureVerdicts: RunVerdicts | undefined
  /** The shrunk choices behind the counterexample (to rerun the same program on another target, with the trace's `drainGroups`). */
  readonly failureChoices: ReadonlyArray<Choice> | undefined
  /** Where the counterexample's drain starts (its length before the drain); undefined when the target failed before it. */
  readonly failureDrainStart: number | undefined
  /** How the counterexample was shrunk and minimized; undefined without a failure, or when it did not recur. */
  readonly minimization: MinimizeStats | undefined
  /**
   * Whether the failing program passed when rerun (the target is
   * nondeterministic): `failure` is then the run that failed, unshrunk.
   */
  readonly nondeterministic: boolean
}

/** Runs choices for one check; remembers whether the target hung, to give it less time afterwards. */
const runnerOf = (options: CheckOptions): (choices: ReadonlyArray<Choice>, drainGroups: ReadonlyArray<string> | undefined) => Promise<Run> => {
  let hungBefore = false
  let answerMsSlowest = 0
  return async (choices, drainGroups) => {
    const runOptions = { answerTimeoutMs: options.answerTimeoutMs, hungBefore, answerMsSlowest, drainGroups }
    const result = await Effect.runPromise(runChoices(options.target, options.config, choices, runOptions))
    if (result.timedOut === true) hungBefore = true
    answerMsSlowest = Math.max(answerMsSlowest, result.answerMsSlowest ?? 0)
    return result
  }
}

/** A failing run, with the choices and drain behind it and what it violates. */
interface FailingRun {
  readonly choices: ReadonlyArray<Choice>
  readonly drainGroups: ReadonlyArray<string> | undefined
  readonly result: Run
  readonly verdicts: RunVerdicts
}

/** The drains the minimizer tries, smallest first: none, each group alone, then every group. */
const drainsToTry = (config: Config): ReadonlyArray<ReadonlyArray<string> | undefined> => [
  [],
  ...(config.groups.length > 1 ? config.groups.map((group) => [group.name]) : []),
  undefined
]

/** Runs the check and, on failure, shrinks and minimizes the counterexample into a trace. */
export const checkTarget = async (options: CheckOptions): Promise<CheckReport> => {
  const { config, seed } = options
  const run = runnerOf(options)
  const conformance = options.conformance ?? true
  const ids = options.guarantees ?? catalogue.map((guarantee) => guarantee.id)
  const checks = ids.map(guaranteeCheckById)
  const arbitrary = options.choices ?? choicesArbitrary(config, options.commandsMax ?? config.bounds.commandsMax)
  const violated = new Map<GuaranteeId, number>()
  const witnessed = new Map<GuaranteeId, number>()
  const notJudged = new Map<GuaranteeId, { runs: number; reason: string }>()
  let runsDone = 0
  let commandsRun = 0
  let divergedRuns = 0

  /** Runs a program and judges it (the drained-history checkers judge only the groups its history shows drained). */
  const judge = async (choices: ReadonlyArray<Choice>, drainGroups: ReadonlyArray<string> | undefined): Promise<FailingRun> => {
    const result = await run(choices, drainGroups)
    const verdicts = evaluateRun(result, config, checks)
    return { choices, drainGroups, result, verdicts }
  }

  let firstFailing: FailingRun | undefined
  const explore = fc.asyncProperty(arbitrary, async (choices) => {
    const judged = await judge(choices, undefined)
    const { result, verdicts } = judged
    runsDone += 1
    commandsRun += result.commands.length
    if (verdicts.divergence !== undefined) divergedRuns += 1
    for (const violation of verdicts.violations) violated.set(violation.guarantee, (violated.get(violation.guarantee) ?? 0) + 1)
    for (const id of verdicts.witnessed) witnessed.set(id, (witnessed.get(id) ?? 0) + 1)
    for (const entry of verdicts.notJudged) {
      const seen = notJudged.get(entry.guarantee)
      if (seen === undefined) notJudged.set(entry.guarantee, { runs: 1, reason: entry.reason })
      else seen.runs += 1
    }
    options.onRun?.(result, verdicts, choices)
    options.onProgress?.({ runsDone, commandsRun })
    if (verdictOf(verdicts, conformance) === undefined) return true
    firstFailing ??= judged
    return false
  })
  const found = await fc.check(explore, { seed, numRuns: options.runs, endOnFailure: true })

  let failure: Trace | undefined
  let failureVerdicts: RunVerdicts | undefined
  let failureChoices: ReadonlyArray<Choice> | undefined
  let failureDrainStart: number | undefined
  let minimization: MinimizeStats | undefined
  let nondeterministic = false
  if (found.failed && found.counterexample !== null && firstFailing !== undefined) {
    const original = firstFailing
    const verdict = verdictOf(original.verdicts, conformance) as Verdict
    let final: FailingRun = original
    let path = found.counterexamplePath ?? ""
    const again = await judge(original.choices, undefined)
    if (verdictOf(again.verdicts, conformance) === undefined || !failsLike(again.verdicts, original.verdicts, verdict)) {
      // The same program did not fail the same way twice: shrinking would
      // chase noise, so the run that failed is reported as it was.
      nondeterministic = true
    } else {
      let shrunkRun: FailingRun = again
      let attempt = 0
      const shrinkAttemptsMax = options.shrinkAttemptsMax ?? shrinkAttemptsMaxDefault
      const shrink = fc.asyncProperty(arbitrary, async (choices) => {
        // Out of budget: every further candidate counts as passing, which
        // ends fast-check's shrink without running it; the minimizer goes on.
        if (attempt >= shrinkAttemptsMax) return true
        attempt += 1
        const judged = await judge(choices, undefined)
        const fails = failsLike(judged.verdicts, original.verdicts, verdict)
        if (fails) shrunkRun = judged
        options.onShrinkProgress?.({ attempt, length: shrunkRun.choices.length })
        return !fails
      })
      const shrunk = await fc.check(shrink, { seed, numRuns: options.runs, path })
      if (shrunk.failed && shrunk.counterexample !== null) path = shrunk.counterexamplePath ?? path
      const minimized = await minimizeChoices({ choices: shrunkRun.choices, drainGroups: undefined }, shrunkRun, {
        fails: async ({ choices, drainGroups }) => {
          const judged = await judge(choices, drainGroups)
          return failsLike(judged.verdicts, original.verdicts, verdict) ? judged : undefined
        },
        drainsToTry: drainsToTry(config),
        dropCommand: (choices, index) => choicesWithoutCommand(config, choices, index),
        attemptsMax: options.minimizeAttemptsMax,
        attemptsBefore: attempt,
        onProgress: options.onShrinkProgress
      })
      final = minimized.failing
      minimization = {
        lengthExplored: original.choices.length,
        lengthShrunk: shrunkRun.choices.length,
        lengthMinimized: final.choices.length,
        shrinkAttempts: attempt,
        minimizeAttempts: minimized.attempts,
        oneMinimal: minimized.oneMinimal
      }
    }
    const { choices, drainGroups, result, verdicts } = final
    failureVerdicts = verdicts
    failureChoices = choices
    failureDrainStart = result.drainStart
    // Named after the claim the counterexample breaks first (the kept
    // failure's verdict when the target was nondeterministic).
    const named = nondeterministic ? verdict : verdictOf(verdicts, conformance) ?? verdict
    failure = {
      format: "qsem-trace",
      version: traceVersion,
      target: options.target.name,
      seed,
      path,
      config,
      ...(drainGroups === undefined ? {} : { drainGroups }),
      commands: result.commands,
      expected: result.expected,
      actual: result.actual,
      verdict: named._tag === "Diverged"
        ? verdicts.divergence ?? named
        : verdicts.violations.find((violation) => violation.guarantee === named.guarantee) ?? named,
      choices
    }
  }

  const tallies = ids.map((id): GuaranteeTally => {
    const guarantee = catalogue.find((g) => g.id === id) as Guarantee
    const notApplicableReason = notApplicableReasonOf(guarantee, guaranteeCheckById(id), config)
    return {
      guarantee,
      applicable: notApplicableReason === undefined,
      notApplicableReason,
      violatedRuns: violated.get(id) ?? 0,
      witnessedRuns: witnessed.get(id) ?? 0,
      notJudgedRuns: notJudged.get(id)?.runs ?? 0,
      notJudgedReason: notJudged.get(id)?.reason
    }
  })
  return {
    target: options.target.name,
    seed,
    runsDone,
    commandsRun,
    divergedRuns,
    tallies,
    failure,
    failureVerdicts,
    failureChoices,
    failureDrainStart,
    minimization,
    nondeterministic
  }
}
