/**
 * Model-based checking of a target: fast-check generates choice sequences,
 * each becomes a lockstep run against the model, every guarantee is checked
 * on the target's history, and the first failure is shrunk by fast-check,
 * then minimized (see `minimize.ts`) into a trace (or, when rerunning it does
 * not fail again, reported as it was).
 *
 * @module
 */
import * as fc from "fast-check"
import type { Config } from "../../spec/config.ts"
import type { Guarantee, GuaranteeId } from "../../spec/guarantee.ts"
import { catalogue } from "../../spec/catalogue.ts"
import { traceVersion, type Trace, type Verdict } from "../../spec/trace.ts"
import type { Target } from "../../impl/target.ts"
import type { Choice } from "../choice.ts"
import { notApplicableReasonOf } from "../guarantees/applicability.ts"
import { guaranteeCheckById } from "../guarantees/index.ts"
import type { Run } from "../run.ts"
import { choicesOfCheck } from "./choicesOfCheck.ts"
import { evaluateRun, failsLike, verdictOf, type RunVerdicts } from "./evaluate.ts"
import { runnerOf } from "./internal/runner.ts"
import { chunkExplorerOf } from "./parallel/exploreChunk.ts"
import { explorePool } from "./parallel/explorePool.ts"
import type { ChunkFolded } from "./parallel/protocol.ts"
import { runChoicesSource } from "./runChoicesSource.ts"
import type { RunFold } from "./runFold.ts"
import { talliesFold } from "./tallies.ts"
import { commandDropperOf } from "./internal/dropCommand.ts"
import { minimizeAttemptsMaxDefault, minimizeChoices, type ShrinkProgress } from "./minimize.ts"

/** What to check, how much, and from which seed; `S` is the summary of the caller's {@link CheckOptions.fold}. */
export interface CheckOptions<S = undefined> {
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
  /**
   * Called after each exploring run, in run order. With worker threads the
   * calls come a chunk of runs at a time (as each chunk is merged), with the
   * same figures as in one thread.
   */
  readonly onProgress?: ((progress: CheckProgress) => void) | undefined
  /**
   * Folds every exploring run (not the shrinking ones) into a summary, in
   * the thread that ran it; the report's `folded` is the summary of the
   * runs explored, the same for any number of threads. With worker threads,
   * each worker builds the same fold from `ParallelOptions.foldData` (its
   * entry's `foldOf`), and this one merges their summaries in run order.
   */
  readonly fold?: RunFold<S> | undefined
  /**
   * Called after each exploring run (not the shrinking ones) with the run,
   * what it says about the guarantees, and the choices it was decoded from
   * (the run's first `choices.length` commands; the rest is the drain).
   * It needs every run in this thread: a check with it explores in this
   * thread only (with a note when worker threads were asked for); `fold`
   * is what works on every thread.
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
  /**
   * The most commands (drains included) fast-check's shrink may issue over
   * its runs before the minimizer takes over; default
   * {@link shrinkCommandsMaxDefault}. It ends the shrink of a very long run
   * after a few runs, where the minimizer's cut and chunks do better.
   */
  readonly shrinkCommandsMax?: number | undefined
  /** The most programs the minimizer may run after fast-check's shrink; default {@link minimizeAttemptsMaxDefault}. */
  readonly minimizeAttemptsMax?: number | undefined
  /**
   * Explores on several threads (see {@link ParallelOptions}); without it,
   * or with `workers` 1, everything runs in this thread. Shrinking and
   * minimizing always run in this thread.
   */
  readonly parallel?: ParallelOptions | undefined
  /** Called with a one-line note, such as the workers falling back to this thread. */
  readonly onNote?: ((line: string) => void) | undefined
}

/**
 * How to spread the exploring runs over threads: this one and `workers - 1`
 * worker threads, which take chunks of runs in index order. Each worker
 * resolves the target from `targetSpec` itself and computes the choices of
 * run `i` from the seed and `i` alone (`runChoicesSource`); every thread
 * folds its runs (the tallies, and `CheckOptions.fold`) and sends back a
 * small summary per chunk, and a failing run in full. This thread merges
 * the summaries in run order, so the runs, the tallies, the folded summary,
 * the first failing run (the lowest failing index) and its shrunk trace are
 * the same for any number of threads. The choices come from
 * `choicesOfCheck(config, commandsMax, soak)`: `CheckOptions.choices` must
 * then be left out (a custom arbitrary cannot be sent to a worker; with one,
 * the check runs in this thread and says so).
 */
export interface ParallelOptions {
  /** Threads that explore, at least 1: this one and `workers - 1` worker threads (1: this thread, exactly as without `parallel`). */
  readonly workers: number
  /** The worker's entry module, which calls `serveCheckWorker` with a target resolver (and a fold resolver). */
  readonly entry: URL
  /** What the resolver turns into the target (the `--target` value). */
  readonly targetSpec: string
  /** Soak runs (`soakArbitrary`) instead of `choicesArbitrary`. */
  readonly soak?: boolean | undefined
  /**
   * What the entry's `foldOf` turns into the same fold as `CheckOptions.fold`
   * (plain data); required with a fold, which the check otherwise explores
   * in this thread only, with a note.
   */
  readonly foldData?: unknown
}

/**
 * The programs fast-check's shrink may run by default: it shrinks every
 * field of every choice step by step, which costs hundreds to thousands of
 * runs for little the minimizer does not do in tens.
 */
export const shrinkAttemptsMaxDefault = 200

/**
 * The commands fast-check's shrink may issue by default: 200,000, far more
 * than 200 runs of any shipped config's default length, so only runs of
 * thousands of commands reach it (one of 84,000 commands takes seconds a run).
 */
export const shrinkCommandsMaxDefault = 200_000

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

/** The outcome of a check; `S` is the summary of the caller's {@link CheckOptions.fold}. */
export interface CheckReport<S = unknown> {
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
  /** The caller's fold of the exploring runs (see {@link CheckOptions.fold}); present only with a fold. */
  readonly folded?: S
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

/** The step (0-based) at which `verdicts` first show a failure like `verdict`: the first divergence, or the guarantee's first violation. */
const failureStepOf = (verdicts: RunVerdicts, verdict: Verdict): number | undefined =>
  verdict._tag === "Diverged"
    ? verdicts.divergence?.step
    : verdicts.violations.reduce<number | undefined>(
      (first, violation) => violation.guarantee === verdict.guarantee && (first === undefined || violation.step < first) ? violation.step : first,
      undefined
    )

/** Runs the check and, on failure, shrinks and minimizes the counterexample into a trace. */
export const checkTarget = async <S = undefined>(options: CheckOptions<S>): Promise<CheckReport<S>> => {
  const { config, seed, fold } = options
  const runner = runnerOf(options.target, config, options.answerTimeoutMs)
  const run = runner.run
  const conformance = options.conformance ?? true
  const ids = options.guarantees ?? catalogue.map((guarantee) => guarantee.id)
  const checks = ids.map(guaranteeCheckById)
  const commandsMax = options.commandsMax ?? config.bounds.commandsMax
  const arbitrary = options.choices ?? choicesOfCheck(config, commandsMax, options.parallel?.soak ?? false)
  const tallies = talliesFold.init()
  const folded = fold?.init() as S

  /** Runs a program and judges it (the drained-history checkers judge only the groups its history shows drained). */
  const judge = async (choices: ReadonlyArray<Choice>, drainGroups: ReadonlyArray<string> | undefined): Promise<FailingRun> => {
    const result = await run(choices, drainGroups)
    const verdicts = evaluateRun(result, config, checks)
    return { choices, drainGroups, result, verdicts }
  }

  let firstFailing: FailingRun | undefined
  /** Folds an exploring run (in index order) into the tallies and the caller's fold; returns whether it fails the check. */
  const explored = (judged: FailingRun): boolean => {
    const { result, verdicts, choices } = judged
    talliesFold.add(tallies, result, verdicts, choices)
    fold?.add(folded, result, verdicts, choices)
    options.onRun?.(result, verdicts, choices)
    options.onProgress?.({ runsDone: tallies.runs, commandsRun: tallies.commands })
    if (verdictOf(verdicts, conformance) === undefined) return false
    firstFailing ??= judged
    return true
  }
  /** Merges a chunk of exploring runs folded on some thread (chunks in run order), with progress run by run. */
  const exploredChunk = (chunk: ChunkFolded): void => {
    // A worker's runs teach this thread's runner what its own would have (a hang, the slowest answer).
    runner.note(chunk)
    let { runs: runsDone, commands: commandsRun } = tallies
    talliesFold.merge(tallies, chunk.tallies)
    fold?.merge(folded, chunk.folded as S)
    for (const commands of chunk.commandsPerRun) {
      runsDone += 1
      commandsRun += commands
      options.onProgress?.({ runsDone, commandsRun })
    }
    if (chunk.failing !== undefined) {
      const { run: result, verdicts, choices } = chunk.failing
      firstFailing ??= { choices, drainGroups: undefined, result, verdicts }
    }
  }
  // The path fast-check replays the first failing run from: its index.
  let foundPath: string | undefined
  const parallel = options.parallel
  const threads = Math.min(parallel?.workers ?? 1, options.runs)
  const thisThreadOnly = options.choices !== undefined
    ? "a custom choice arbitrary cannot be sent to worker threads"
    : options.onRun !== undefined
    ? "onRun needs every run in this thread"
    : fold !== undefined && parallel?.foldData === undefined
    ? "a fold without foldData cannot be built in worker threads"
    : undefined
  if (parallel !== undefined && parallel.workers > 1 && thisThreadOnly !== undefined) options.onNote?.(`${thisThreadOnly}: running in this thread`)
  if (parallel !== undefined && threads > 1 && thisThreadOnly === undefined) {
    const explorer = await explorePool({
      workers: threads - 1,
      entry: parallel.entry,
      runs: options.runs,
      data: {
        targetSpec: parallel.targetSpec,
        config,
        seed,
        commandsMax,
        soak: parallel.soak ?? false,
        guarantees: ids,
        conformance,
        answerTimeoutMs: options.answerTimeoutMs,
        foldData: fold === undefined ? undefined : parallel.foldData
      },
      local: chunkExplorerOf({ runner, config, checks, conformance, source: runChoicesSource(arbitrary, seed), fold }),
      onChunk: exploredChunk
    })
    if (explorer.interrupted !== undefined) {
      options.onNote?.(`${explorer.interrupted}; the rest runs in this thread`)
      const source = runChoicesSource(arbitrary, seed)
      for (let index = explorer.delivered; index < options.runs && firstFailing === undefined; index++) {
        explored(await judge(source.at(index), undefined))
      }
    }
    await explorer.closed
    if (firstFailing !== undefined) foundPath = String(tallies.runs - 1)
  } else {
    const explore = fc.asyncProperty(arbitrary, async (choices) => !explored(await judge(choices, undefined)))
    const found = await fc.check(explore, { seed, numRuns: options.runs, endOnFailure: true })
    if (found.failed && found.counterexample !== null) foundPath = found.counterexamplePath ?? ""
  }

  let failure: Trace | undefined
  let failureVerdicts: RunVerdicts | undefined
  let failureChoices: ReadonlyArray<Choice> | undefined
  let failureDrainStart: number | undefined
  let minimization: MinimizeStats | undefined
  let nondeterministic = false
  if (foundPath !== undefined && firstFailing !== undefined) {
    const original = firstFailing
    const verdict = verdictOf(original.verdicts, conformance) as Verdict
    let final: FailingRun = original
    let path = foundPath
    const again = await judge(original.choices, undefined)
    if (verdictOf(again.verdicts, conformance) === undefined || !failsLike(again.verdicts, original.verdicts, verdict)) {
      // The same program did not fail the same way twice: shrinking would
      // chase noise, so the run that failed is reported as it was.
      nondeterministic = true
    } else {
      let shrunkRun: FailingRun = again
      let attempt = 0
      let shrinkCommands = 0
      const shrinkAttemptsMax = options.shrinkAttemptsMax ?? shrinkAttemptsMaxDefault
      const shrinkCommandsMax = options.shrinkCommandsMax ?? shrinkCommandsMaxDefault
      const shrink = fc.asyncProperty(arbitrary, async (choices) => {
        // Out of budget: an interrupting precondition failure ends fast-check's
        // shrink at once (answering "passed" instead would let it enumerate
        // every remaining shrink of a long counterexample, minutes for a
        // thousand choices); the minimizer goes on from the last failure.
        if (attempt >= shrinkAttemptsMax || shrinkCommands >= shrinkCommandsMax) throw new fc.PreconditionFailure(true)
        attempt += 1
        const judged = await judge(choices, undefined)
        shrinkCommands += judged.result.commands.length
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
        commandDropperOf: (choices) => {
          const dropper = commandDropperOf(config, choices)
          return (dropped) => dropper(dropped, true)
        },
        failureStepOf: (failing) => failureStepOf(failing.verdicts, verdict),
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

  const guaranteeTallies = ids.map((id): GuaranteeTally => {
    const guarantee = catalogue.find((g) => g.id === id) as Guarantee
    const notApplicableReason = notApplicableReasonOf(guarantee, guaranteeCheckById(id), config)
    return {
      guarantee,
      applicable: notApplicableReason === undefined,
      notApplicableReason,
      violatedRuns: tallies.violated.get(id) ?? 0,
      witnessedRuns: tallies.witnessed.get(id) ?? 0,
      notJudgedRuns: tallies.notJudged.get(id)?.runs ?? 0,
      notJudgedReason: tallies.notJudged.get(id)?.reason
    }
  })
  return {
    target: options.target.name,
    seed,
    runsDone: tallies.runs,
    commandsRun: tallies.commands,
    divergedRuns: tallies.divergedRuns,
    tallies: guaranteeTallies,
    failure,
    failureVerdicts,
    failureChoices,
    failureDrainStart,
    minimization,
    nondeterministic,
    ...(fold === undefined ? {} : { folded })
  }
}
