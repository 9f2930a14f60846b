/**
 * What the parallel check's tests run in their worker threads (entry:
 * `testWorker.mjs`) and in the main thread alike: targets by name (the
 * built-in broker, its mutants, and {@link afterWorkerSpec}, one of those
 * whose first session in the main thread waits for a worker thread's
 * session) and a fold that also counts the runs explored in worker threads.
 *
 * @module
 */
import { Effect } from "effect"
import { existsSync, writeFileSync } from "node:fs"
import { isMainThread } from "node:worker_threads"
import { builtinTarget, mutants } from "../../../../impl/index.ts"
import type { Target } from "../../../../impl/target.ts"
import type { RunFold } from "../../runFold.ts"
import { serveCheckWorker } from "../workerMain.ts"

/** The entry module of the tests' worker threads. */
export const testWorkerEntry = new URL("./testWorker.mjs", import.meta.url)

/**
 * The name of `base` (a target {@link testTargetOf} knows), except that a
 * worker thread's open creates `marker`, and the main thread's first open
 * waits (without using the core) until `marker` exists: a check on several
 * threads then has the worker threads explore some runs however slowly they
 * start (and run past the main thread's runs), and one on one thread runs at
 * once when `marker` is already there.
 */
export const afterWorkerSpec = (base: string, marker: string): string => `after-worker:${JSON.stringify([base, marker])}`

/** The target {@link afterWorkerSpec} names. */
const afterWorkerTarget = (name: string, base: Target, marker: string): Target => {
  let waited = !isMainThread
  const untilMarker = Effect.callback<void>((resume) => {
    const poll = () => (existsSync(marker) ? resume(Effect.void) : void setTimeout(poll, 5))
    poll()
  })
  return {
    name,
    open: (config) => {
      if (!isMainThread) writeFileSync(marker, "")
      if (waited) return base.open(config)
      waited = true
      return Effect.andThen(untilMarker, base.open(config))
    }
  }
}

/** The target `spec` names: `builtin`, `mutant:<name>` or an {@link afterWorkerSpec}. */
export const testTargetOf = async (spec: string): Promise<Target> => {
  if (spec === builtinTarget.name) return builtinTarget
  if (spec.startsWith("after-worker:")) {
    const [base, marker] = JSON.parse(spec.slice("after-worker:".length)) as [string, string]
    return afterWorkerTarget(spec, await testTargetOf(base), marker)
  }
  const mutant = mutants.find((each) => each.name === spec)
  if (mutant === undefined) throw new Error(`no test target ${spec}`)
  return mutant
}

/** What {@link testFold} keeps of the runs. */
export interface TestSummary {
  /** Each run's commands, in run order. */
  readonly lengths: Array<number>
  /** The target's answers by `_tag`, keys in the order they first came up. */
  readonly answers: Map<string, number>
  /** The runs that judged every guarantee they hold under, by the guarantees they witnessed (joined). */
  readonly witnesses: Map<string, number>
  /** Runs explored in a worker thread (the only figure that depends on the threads). */
  workerThreadRuns: number
}

const bump = (counts: Map<string, number>, key: string, n: number) => counts.set(key, (counts.get(key) ?? 0) + n)

/** Folds the runs into a {@link TestSummary}. */
export const testFold: RunFold<TestSummary> = {
  init: () => ({ lengths: [], answers: new Map(), witnesses: new Map(), workerThreadRuns: 0 }),
  add: (summary, run, verdicts) => {
    summary.lengths.push(run.commands.length)
    for (const answer of run.actual) bump(summary.answers, answer._tag, 1)
    if (verdicts.notJudged.length === 0) bump(summary.witnesses, verdicts.witnessed.join(","), 1)
    if (!isMainThread) summary.workerThreadRuns += 1
  },
  merge: (summary, later) => {
    for (const length of later.lengths) summary.lengths.push(length)
    for (const [tag, n] of later.answers) bump(summary.answers, tag, n)
    for (const [witnessed, n] of later.witnesses) bump(summary.witnesses, witnessed, n)
    summary.workerThreadRuns += later.workerThreadRuns
  }
}

/** Serves the main thread's chunks (the body of `testWorker.mjs`). */
export const runTestWorker = (): Promise<void> =>
  serveCheckWorker({ resolveTarget: testTargetOf, foldOf: (_config, data) => (data === "test" ? testFold : undefined) })
