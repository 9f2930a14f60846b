import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { builtinTarget } from "../../../impl/index.ts"
import type { Target } from "../../../impl/target.ts"
import { configDefault, type Config } from "../../../spec/config.ts"
import { exampleConfig } from "../../exampleConfigs.ts"
import { catalogue } from "../../../spec/catalogue.ts"
import { guaranteeCheckById } from "../../guarantees/index.ts"
import { checkTarget, type CheckOptions, type CheckProgress, type CheckReport } from "../checkTarget.ts"
import { choicesOfCheck } from "../choicesOfCheck.ts"
import { runnerOf } from "../internal/runner.ts"
import { runChoicesSource } from "../runChoicesSource.ts"
import { talliesFold } from "../tallies.ts"
import { chunkExplorerOf } from "./exploreChunk.ts"
import { explorePool } from "./explorePool.ts"
import type { ChunkFolded } from "./protocol.ts"
import { bundledWorkerEntry } from "../../internal/testWorkerBundle.ts"
import { afterWorkerSpec, testFold, testTargetOf, testWorkerEntry, type TestSummary } from "./internal/testWorkerMain.ts"

// The worker threads run the test entry compiled into one file: each starts in about 0.5 s rather than 2 to 3.
let entry: URL
beforeAll(async () => {
  entry = await bundledWorkerEntry(testWorkerEntry)
})

/** A check of `target` on `threads` threads with the test fold; the report, the notes and the progress it gave. */
const checkOn = async (
  target: Target,
  options: Omit<CheckOptions<TestSummary>, "target" | "parallel" | "fold"> & { readonly soak?: boolean },
  threads: number
) => {
  const notes: Array<string> = []
  const progress: Array<CheckProgress> = []
  const report = await checkTarget({
    // The main thread's first open may wait for a worker thread to start (see `afterWorker`): on a loaded machine, longer than 10 s.
    answerTimeoutMs: 120_000,
    ...options,
    target,
    fold: testFold,
    parallel: { workers: threads, entry, targetSpec: target.name, soak: options.soak, foldData: "test" },
    onNote: (line) => notes.push(line),
    onProgress: (each) => progress.push(each)
  })
  return { report, notes, progress }
}

/** The report as JSON, without the one figure that depends on the threads (the test fold's runs in worker threads). */
const comparable = (report: CheckReport<TestSummary>): string =>
  JSON.stringify({ ...report, folded: { ...report.folded, workerThreadRuns: undefined } }, (_key, value: unknown) =>
    value instanceof Map ? [...value] : value)

/**
 * `base` (a target name: `builtin`, `mutant:<name>`), whose main thread waits
 * for a worker thread's first session: on several threads, the worker threads
 * always explore some of the runs, however slowly they start (the main thread
 * alone would otherwise run them all while the workers load); on one thread,
 * after a check on several, it runs as `base` does.
 */
const afterWorker = (base: string): Promise<Target> => {
  const dir = mkdtempSync(join(tmpdir(), "qsem-parallel-"))
  markerDirs.push(dir)
  return testTargetOf(afterWorkerSpec(base, join(dir, "worker-opened")))
}

const markerDirs: Array<string> = []
afterAll(() => {
  for (const dir of markerDirs) rmSync(dir, { recursive: true, force: true })
})

describe("checkTarget on several threads", () => {
  // Three threads (this one and two workers): the threads' shares of the runs are uneven, and a worker thread's
  // chunks come in between another's. Each check on several threads starts its worker threads anew.
  const cases: ReadonlyArray<readonly [string, Config, number, number]> = [
    ["the default config", configDefault, 120, 1],
    ["queue-and-stream", exampleConfig("queue-and-stream"), 60, 2],
    ["poison-and-retries", exampleConfig("poison-and-retries"), 60, 3],
    ["exactly-once", exampleConfig("exactly-once"), 60, 4]
  ]
  for (const [name, config, runs, seed] of cases) {
    it(`gives ${name} the same report, folded summary and progress on 3 threads as on one`, async () => {
      const target = await afterWorker(builtinTarget.name)
      const many = await checkOn(target, { config, runs, seed }, 3)
      const one = await checkOn(target, { config, runs, seed }, 1)
      expect(one.report.runsDone).toBe(runs)
      expect(one.report.folded?.lengths.length).toBe(runs)
      expect(one.progress.map((each) => each.runsDone)).toEqual(Array.from({ length: runs }, (_, i) => i + 1))
      expect(many.report.folded?.workerThreadRuns).toBeGreaterThan(0)
      expect(many.notes).toEqual([])
      expect(comparable(many.report)).toBe(comparable(one.report))
      expect(many.progress).toEqual(one.progress)
    })
  }

  it("gives soak runs the same report on 1 and 3 threads", async () => {
    const options = { config: configDefault, runs: 6, seed: 5, commandsMax: 300, soak: true }
    const target = await afterWorker(builtinTarget.name)
    const three = await checkOn(target, options, 3)
    const one = await checkOn(target, options, 1)
    expect(three.report.folded?.workerThreadRuns).toBeGreaterThan(0)
    // Soak runs: longer than the config's commandsMax (60) allows a run of choicesArbitrary.
    expect(Math.max(...(one.report.folded?.lengths ?? []))).toBeGreaterThan(100)
    expect(comparable(three.report)).toBe(comparable(one.report))
  })

  it("finds the lowest failing run, past runs other threads ran beyond it, and shrinks it to the same trace", async () => {
    for (const [base, config, runs, seed, commandsMax, failingRun] of [
      ["mutant:skip-record", configDefault, 60, 1, 6, 28],
      ["mutant:dead-letter-drops", exampleConfig("queue-and-stream"), 200, 1, 20, 121]
    ] as const) {
      const options = { config, runs, seed, commandsMax, shrinkAttemptsMax: 40, minimizeAttemptsMax: 40 }
      const target = await afterWorker(base)
      const many = await checkOn(target, options, 3)
      const one = await checkOn(target, options, 1)
      expect(one.report.runsDone).toBe(failingRun)
      expect(one.report.failure).toBeDefined()
      expect(many.report.folded?.workerThreadRuns).toBeGreaterThan(0)
      expect(comparable(many.report)).toBe(comparable(one.report))
      expect(many.progress).toEqual(one.progress)
    }
  })

  it("spreads the runs over the threads: worker threads explore some, and the figures add up to one thread's", async () => {
    // This thread's first run waits for a worker thread's first run (then, on one thread, the marker is there).
    const target = await afterWorker(builtinTarget.name)
    const options = { config: configDefault, runs: 150, seed: 6, answerTimeoutMs: 120_000 }
    const two = await checkOn(target, options, 2)
    const one = await checkOn(target, options, 1)
    expect(one.report.folded?.workerThreadRuns).toBe(0)
    expect(two.report.folded?.workerThreadRuns).toBeGreaterThan(0)
    expect(two.report.folded?.workerThreadRuns).toBeLessThan(150)
    expect(comparable(two.report)).toBe(comparable(one.report))
  })

  it("keeps a check with onRun, or with a fold but no foldData, in this thread, with a note", async () => {
    const notes: Array<string> = []
    let runs = 0
    const parallel = { workers: 2, entry, targetSpec: builtinTarget.name }
    const withOnRun = await checkTarget({
      target: builtinTarget,
      config: configDefault,
      runs: 5,
      seed: 1,
      parallel,
      onRun: () => (runs += 1),
      onNote: (line) => notes.push(line)
    })
    expect(withOnRun.runsDone).toBe(5)
    expect(runs).toBe(5)
    const withFold = await checkTarget({
      target: builtinTarget,
      config: configDefault,
      runs: 5,
      seed: 1,
      parallel,
      fold: testFold,
      onNote: (line) => notes.push(line)
    })
    expect(withFold.folded?.workerThreadRuns).toBe(0)
    expect(withFold.folded?.lengths.length).toBe(5)
    expect(notes).toEqual([
      "onRun needs every run in this thread: running in this thread",
      "a fold without foldData cannot be built in worker threads: running in this thread"
    ])
  })

  it("falls back to this thread, with a note, when a worker cannot build the fold", async () => {
    const notes: Array<string> = []
    const report = await checkTarget({
      target: builtinTarget,
      config: configDefault,
      runs: 20,
      seed: 1,
      fold: testFold,
      parallel: { workers: 2, entry, targetSpec: builtinTarget.name, foldData: "unknown" },
      onNote: (line) => notes.push(line)
    })
    expect(notes).toEqual(["the target cannot be loaded in a worker thread: the worker entry has no fold for the check's fold data; the rest runs in this thread"])
    expect(report.runsDone).toBe(20)
    expect(report.folded?.workerThreadRuns).toBe(0)
  })

  it("folds in worker threads alone (explorePool without this thread) what one chunk in this thread folds", async () => {
    for (const [target, config, runs, commandsMax] of [
      [builtinTarget, configDefault, 100, 60],
      [await testTargetOf("mutant:skip-record"), configDefault, 60, 6]
    ] as const) {
      const guarantees = catalogue.map((guarantee) => guarantee.id)
      const here = await chunkExplorerOf({
        runner: runnerOf(target, config, undefined),
        config,
        checks: guarantees.map(guaranteeCheckById),
        conformance: true,
        source: runChoicesSource(choicesOfCheck(config, commandsMax, false), 1),
        fold: testFold
      })(0, runs, () => false) as ChunkFolded
      const chunks: Array<ChunkFolded> = []
      const outcome = await explorePool({
        workers: 3,
        entry,
        runs,
        data: { targetSpec: target.name, config, seed: 1, commandsMax, soak: false, guarantees, conformance: true, answerTimeoutMs: undefined, foldData: "test" },
        local: undefined,
        onChunk: (chunk) => chunks.push(chunk)
      })
      await outcome.closed
      expect(outcome.interrupted).toBeUndefined()
      expect(outcome.delivered).toBe(here.end)
      expect(outcome.failed).toBe(here.failing !== undefined)
      // Chunks in run order, without a gap, and more than one (the workers shared the runs).
      expect(chunks.map((chunk) => chunk.start)).toEqual([0, ...chunks.slice(0, -1).map((chunk) => chunk.end)])
      expect(chunks.length).toBeGreaterThan(1)
      const tallies = talliesFold.init()
      const folded = testFold.init()
      for (const chunk of chunks) {
        talliesFold.merge(tallies, chunk.tallies)
        testFold.merge(folded, chunk.folded as TestSummary)
      }
      expect(tallies).toEqual(here.tallies)
      expect({ ...folded, workerThreadRuns: 0 }).toEqual(here.folded)
      expect(folded.workerThreadRuns).toBe(here.end)
      expect(chunks.flatMap((chunk) => chunk.commandsPerRun)).toEqual(here.commandsPerRun)
      expect(chunks.at(-1)?.failing).toEqual(here.failing)
    }
  })
})
