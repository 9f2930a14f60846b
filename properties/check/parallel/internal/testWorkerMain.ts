/**
 * What the parallel check's tests run in their worker threads (entry:
 * `testWorker.mjs`) and in the main thread alike: targets by name (the
 * built-in broker, its mutants, and `after-worker:<file>`, the built-in
 * broker whose first session in the main thread waits for a worker thread's
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
 * The built-in broker, except that a worker thread's open creates `marker`,
 * and the main thread's first open waits (without using the core) until
 * `marker` exists: a check on several threads then has a worker explore
 * some runs however slowly the workers start, and one on one thread runs
 * at once when `marker` is already there.
 */
const afterWorkerTarget = (marker: string): Target => {
  let waited = !isMainThread
  const untilMarker = Effect.callback<void>((resume) => {
    const poll = () => (existsSync(marker) ? resume(Effect.void) : void setTimeout(poll, 5))
    poll()
  })
  return {
    name: `after-worker:${marker}`,
    open: (config) => {
      if (!isMainThread) writeFileSync(marker, "")
      if (waited) return builtinTarget.open(config)
      waited = true
      return Effect.andThen(untilMarker, builtinTarget.open(config))
    }
  }
}

/** The target `spec` names: `builtin`, `mutant:<name>` or `after-worker:<file>`. */
export const testTargetOf = async (spec: string): Promise<Target> => {
  if (spec === builtinTarget.name) return builtinTarget
  if (spec.startsWith("after-worker:")) return afterWorkerTarget(spec.slice("after-worker:".length))
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
