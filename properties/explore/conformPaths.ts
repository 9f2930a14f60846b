/**
 * Exhaustive conformance: every explored path (or the first ones in
 * breadth-first order) run in lockstep against a target, as `qsem check`
 * runs a generated one: the choices decoded against the application's view
 * of the target's answers, then the standard drain, each answer compared
 * with the model's, every guarantee judged on the target's history.
 *
 * @module
 */
import { Effect } from "effect"
import type { Target } from "../../impl/target.ts"
import type { Config } from "../../spec/config.ts"
import type { GuaranteeId } from "../../spec/guarantee.ts"
import { traceVersion, type Trace, type Verdict } from "../../spec/trace.ts"
import { evaluateRun, verdictOf } from "../check/evaluate.ts"
import { guaranteeCheckById } from "../guarantees/index.ts"
import { runChoices } from "../run.ts"
import { sampledIndexes } from "./samplePaths.ts"
import { pathOf, type StateTree } from "./stateTree.ts"

/** What to run: the target, the explored tree, and how many of its paths. */
export interface ConformOptions {
  readonly target: Target
  readonly config: Config
  readonly tree: StateTree
  /** The paths of the first this many states in breadth-first order (default: every state). */
  readonly pathsMax?: number | undefined
  /**
   * The most of those paths run: when there are more, an evenly spread
   * deterministic sample of them (see `samplePaths.ts`); default: every one.
   */
  readonly sampleSize?: number | undefined
  /** The guarantees judged on the target's histories (those that apply). */
  readonly guarantees: ReadonlyArray<GuaranteeId>
  /** Called after each path with the number run so far. */
  readonly onProgress?: ((pathsRun: number) => void) | undefined
}

/** What the target did on the explored paths. */
export interface ConformReport {
  readonly pathsRun: number
  /** The paths the sample was drawn from (equal to `pathsRun` when every one ran). */
  readonly pathsOffered: number
  readonly commandsRun: number
  /** Paths where the target's answers differed from the model's. */
  readonly divergedPaths: number
  /** Paths whose target history violates a guarantee. */
  readonly violatedPaths: number
  /** The first failing path run in breadth-first order (a shortest one of those run), as a trace of the target; `undefined` when every path passed. */
  readonly failure: Trace | undefined
}

/**
 * Runs the explored paths (or a deterministic sample of them) against the
 * target one by one, in breadth-first order (each from a fresh session),
 * and keeps the first that fails: a
 * divergence from the model, a failing target, or a violated guarantee
 * (the verdict `qsem check` would name it by).
 */
export const conformPaths = async (options: ConformOptions): Promise<ConformReport> => {
  const { config, target, tree } = options
  const checks = options.guarantees.map(guaranteeCheckById)
  const offered = Math.min(options.pathsMax ?? tree.size, tree.size)
  const indexes = sampledIndexes(offered, options.sampleSize ?? offered)
  let commandsRun = 0
  let divergedPaths = 0
  let violatedPaths = 0
  let failure: Trace | undefined
  for (const [done, index] of indexes.entries()) {
    const { choices } = pathOf(tree, index)
    const run = await Effect.runPromise(runChoices(target, config, choices))
    const verdicts = evaluateRun(run, config, checks)
    commandsRun += run.commands.length
    if (verdicts.divergence !== undefined) divergedPaths += 1
    if (verdicts.violations.length > 0) violatedPaths += 1
    const verdict: Verdict | undefined = verdictOf(verdicts, true)
    if (verdict !== undefined && failure === undefined) {
      failure = {
        format: "qsem-trace",
        version: traceVersion,
        target: target.name,
        seed: 0,
        path: "explore",
        config,
        commands: run.commands,
        expected: run.expected,
        actual: run.actual,
        verdict,
        choices
      }
    }
    options.onProgress?.(done + 1)
  }
  return { pathsRun: indexes.length, pathsOffered: offered, commandsRun, divergedPaths, violatedPaths, failure }
}
