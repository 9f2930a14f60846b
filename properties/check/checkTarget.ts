/**
 * Model-based checking of a target: fast-check generates choice sequences,
 * each becomes a lockstep run against the model, every guarantee is checked
 * on the target's history, and the first failure is shrunk into a trace (or,
 * when rerunning it does not fail again, reported as it was).
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
import { guaranteeCheckById, type GuaranteeCheck } from "../guarantees/index.ts"
import { runChoices, type Run } from "../run.ts"
import { evaluateRun, failsLike, verdictOf, type RunVerdicts } from "./evaluate.ts"

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
   * Whether runs of the config can exercise the guarantee: its checker's
   * `applicable`, by default a group of a mode the guarantee holds under.
   */
  readonly applicable: boolean
  readonly violatedRuns: number
  readonly witnessedRuns: number
}

/** The outcome of a check. */
export interface CheckReport {
  readonly target: string
  readonly seed: number
  readonly runsDone: number
  readonly commandsRun: number
  readonly divergedRuns: number
  readonly tallies: ReadonlyArray<GuaranteeTally>
  /** The shrunk counterexample of the first failing run, if any. */
  readonly failure: Trace | undefined
  /** Everything the shrunk counterexample violates (for marking its steps). */
  readonly failureVerdicts: RunVerdicts | undefined
  /** The shrunk choices behind the counterexample (to rerun the same program on another target). */
  readonly failureChoices: ReadonlyArray<Choice> | undefined
  /**
   * Whether the failing program passed when rerun (the target is
   * nondeterministic): `failure` is then the run that failed, unshrunk.
   */
  readonly nondeterministic: boolean
}

const applicableTo = (guarantee: Guarantee, check: GuaranteeCheck, config: Config): boolean =>
  check.applicable?.(config) ?? config.groups.some((group) => guarantee.holdsUnder.includes(group.mode))

/** Runs choices for one check; remembers whether the target hung, to give it less time afterwards. */
const runnerOf = (options: CheckOptions): (choices: ReadonlyArray<Choice>) => Promise<Run> => {
  let hungBefore = false
  let answerMsSlowest = 0
  return async (choices) => {
    const lockstep = { answerTimeoutMs: options.answerTimeoutMs, hungBefore, answerMsSlowest }
    const result = await Effect.runPromise(runChoices(options.target, options.config, choices, lockstep))
    if (result.timedOut === true) hungBefore = true
    answerMsSlowest = Math.max(answerMsSlowest, result.answerMsSlowest ?? 0)
    return result
  }
}

/** A failing run, with the choices behind it and what it violates. */
interface FailingRun {
  readonly choices: ReadonlyArray<Choice>
  readonly result: Run
  readonly verdicts: RunVerdicts
}

/** Runs the check and, on failure, shrinks the counterexample into a trace. */
export const checkTarget = async (options: CheckOptions): Promise<CheckReport> => {
  const { config, seed } = options
  const run = runnerOf(options)
  const conformance = options.conformance ?? true
  const ids = options.guarantees ?? catalogue.map((guarantee) => guarantee.id)
  const checks = ids.map(guaranteeCheckById)
  const arbitrary = choicesArbitrary(config, options.commandsMax ?? config.bounds.commandsMax)
  const violated = new Map<GuaranteeId, number>()
  const witnessed = new Map<GuaranteeId, number>()
  let runsDone = 0
  let commandsRun = 0
  let divergedRuns = 0

  let firstFailing: FailingRun | undefined
  const explore = fc.asyncProperty(arbitrary, async (choices) => {
    const result = await run(choices)
    const verdicts = evaluateRun(result, config, checks)
    runsDone += 1
    commandsRun += result.commands.length
    if (verdicts.divergence !== undefined) divergedRuns += 1
    for (const violation of verdicts.violations) violated.set(violation.guarantee, (violated.get(violation.guarantee) ?? 0) + 1)
    for (const id of verdicts.witnessed) witnessed.set(id, (witnessed.get(id) ?? 0) + 1)
    options.onProgress?.({ runsDone, commandsRun })
    if (verdictOf(verdicts, conformance) === undefined) return true
    firstFailing ??= { choices, result, verdicts }
    return false
  })
  const found = await fc.check(explore, { seed, numRuns: options.runs, endOnFailure: true })

  let failure: Trace | undefined
  let failureVerdicts: RunVerdicts | undefined
  let failureChoices: ReadonlyArray<Choice> | undefined
  let nondeterministic = false
  if (found.failed && found.counterexample !== null && firstFailing !== undefined) {
    const original = firstFailing
    const verdict = verdictOf(original.verdicts, conformance) as Verdict
    let final: FailingRun = original
    let path = found.counterexamplePath ?? ""
    const rerun = await run(original.choices)
    const again = evaluateRun(rerun, config, checks)
    if (verdictOf(again, conformance) === undefined || !failsLike(again, original.verdicts, verdict)) {
      // The same program did not fail the same way twice: shrinking would
      // chase noise, so the run that failed is reported as it was.
      nondeterministic = true
    } else {
      final = { choices: original.choices, result: rerun, verdicts: again }
      let lastFailing: FailingRun | undefined
      const shrink = fc.asyncProperty(arbitrary, async (choices) => {
        const result = await run(choices)
        const verdicts = evaluateRun(result, config, checks)
        if (!failsLike(verdicts, original.verdicts, verdict)) return true
        lastFailing = { choices, result, verdicts }
        return false
      })
      const shrunk = await fc.check(shrink, { seed, numRuns: options.runs, path })
      if (shrunk.failed && shrunk.counterexample !== null && lastFailing !== undefined) {
        final = lastFailing
        path = shrunk.counterexamplePath ?? path
      }
    }
    const { choices, result, verdicts } = final
    failureVerdicts = verdicts
    failureChoices = choices
    failure = {
      format: "qsem-trace",
      version: traceVersion,
      target: options.target.name,
      seed,
      path,
      config,
      commands: result.commands,
      expected: result.expected,
      actual: result.actual,
      verdict: verdict._tag === "Diverged"
        ? verdicts.divergence ?? verdict
        : verdicts.violations.find((violation) => violation.guarantee === verdict.guarantee) ?? verdict
    }
  }

  const tallies = ids.map((id): GuaranteeTally => {
    const guarantee = catalogue.find((g) => g.id === id) as Guarantee
    return {
      guarantee,
      applicable: applicableTo(guarantee, guaranteeCheckById(id), config),
      violatedRuns: violated.get(id) ?? 0,
      witnessedRuns: witnessed.get(id) ?? 0
    }
  })
  return { target: options.target.name, seed, runsDone, commandsRun, divergedRuns, tallies, failure, failureVerdicts, failureChoices, nondeterministic }
}
