import { beforeAll, describe, expect, it } from "vitest"
import { readConfigFile } from "../../../cli/configFile.ts"
import type { Command } from "../../../spec/command.ts"
import { step, type ModelState } from "../../../model/index.ts"
import { exampleConfig } from "../../exampleConfigs.ts"
import { counterexampleTrace, explore, exploreOnThreads, judgingPlanOf, type ExploreOptions, type ExploreReport } from "../explore.ts"
import { mergePathTallies, pathJudge, pathTalliesEmpty } from "../judgePaths.ts"
import { exploreStates } from "../bfs.ts"
import { judgeOnWorkers } from "./judgeOnWorkers.ts"
import { searchOnWorkers } from "./searchOnWorkers.ts"
import { ExploreWorkers } from "./workerPool.ts"
import { bundledWorkerEntry } from "../../internal/testWorkerBundle.ts"

const singlePartition = readConfigFile("examples/configs/single-partition.json")
// The worker threads run the test entry compiled into one file: each starts in about 0.5 s rather than 2 to 3.
let entry: URL
beforeAll(async () => {
  entry = await bundledWorkerEntry(new URL("./internal/testExploreWorker.mjs", import.meta.url))
})
const crashingEntry = new URL("./internal/testCrashingWorker.mjs", import.meta.url)

/** A report without its timings and thread notes: what must be the same for any number of threads. */
const outcomeOf = (report: ExploreReport) => ({
  // the tree itself aside: its views' memo of moves fills as paths are judged
  states: report.exploration.states,
  transitions: report.exploration.transitions,
  depthReached: report.exploration.depthReached,
  statesJudged: report.statesJudged,
  tallies: report.tallies,
  counterexamples: report.counterexamples
})

/** A model that acknowledges every send and keeps nothing of it: a loss under at-least-once. */
const forgetfulStep = (state: ModelState, command: Command) => {
  const transition = step(state, command)
  return command._tag === "ProducerSend" ? { state, response: transition.response } : transition
}

/** single-partition.json explored to depth 4 (7,181 states), every path judged. */
const depth4: ExploreOptions = { config: singlePartition, depthMax: 4, statesMax: 1_000_000 }

let depth4Alone: ExploreReport | undefined
/** {@link depth4} explored and judged in this thread: the reference of several tests, explored once. */
const depth4AloneOutcome = () => outcomeOf((depth4Alone ??= explore(depth4)))

describe("judging an exploration's paths on several threads", () => {
  // Three threads (this one and two workers): uneven shares, and ranges of one worker between another's.
  it.each([
    ["single-partition", depth4],
    ["exactly-once", { config: exampleConfig("exactly-once"), depthMax: 2, statesMax: 1_000_000, judgeStatesMax: 1_500 }],
    ["queue-and-stream", { config: exampleConfig("queue-and-stream"), depthMax: 3, statesMax: 1_000_000, judgeStatesMax: 1_500 }]
  ] as const)("gives %s.json the same report on 3 threads as on one", async (_name, options) => {
    const report = await exploreOnThreads(options, { threads: 3, entry, statesPerThreadMin: 500 })
    const alone = options === depth4 ? depth4AloneOutcome() : outcomeOf(explore(options))
    expect(alone.statesJudged).toBeGreaterThan(1_000)
    expect(outcomeOf(report)).toEqual(alone)
    expect([report.judgeThreads, report.threadsNote]).toEqual([3, undefined])
  }, 120_000)

  it("judges on this thread alone below a thousand paths, and with a mutated model (a worker could not load it)", async () => {
    const small = await exploreOnThreads({ config: singlePartition, depthMax: 3, statesMax: 1_000_000 }, { threads: 3, entry })
    expect([small.statesJudged, small.judgeThreads]).toEqual([798, 1])
    // As many threads as have statesPerThreadMin paths each: 7,181 paths are two threads' worth of 3,000, one's of 4,000.
    const judged = { ...depth4, judgeStatesMax: 7_181 }
    expect((await exploreOnThreads(judged, { threads: 3, entry, statesPerThreadMin: 3_000 })).judgeThreads).toBe(2)
    expect((await exploreOnThreads(judged, { threads: 3, entry, statesPerThreadMin: 4_000 })).judgeThreads).toBe(1)
    const options: ExploreOptions = { ...depth4, step: forgetfulStep }
    const mutated = await exploreOnThreads(options, { threads: 3, entry })
    expect(mutated.judgeThreads).toBe(1)
    expect(outcomeOf(mutated)).toEqual(outcomeOf(explore(options)))
    expect(mutated.counterexamples.length).toBeGreaterThan(0)
  }, 60_000)

  it("takes the workers' tallies as one thread's: every range searched and judged by two workers (the first 2,000 paths)", async () => {
    const config = exampleConfig("queue-and-stream")
    const workers = new ExploreWorkers(2, entry, { config }, false)
    try {
      const found = await searchOnWorkers(workers, { config, depthMax: 3, statesMax: 1_000_000, workersFromFrontier: 0 })
      const guarantees = judgingPlanOf({ config, depthMax: 3, statesMax: 1_000_000 }).judged
      const judged = await judgeOnWorkers(workers, { config, guarantees, tree: found.tree, states: 2_000, workersMax: 2 })
      const alone = explore({ config, depthMax: 3, statesMax: 1_000_000, judgeStatesMax: 2_000 })
      expect(judged.tallies).toEqual(alone.tallies.flatMap((tally) => (tally.judged === undefined ? [] : [tally.judged])))
      expect([judged.workersUsed.size, judged.failure]).toEqual([2, undefined])
    } finally {
      await workers.stop()
    }
  }, 120_000)

  // The worker never answers a range of the search (this thread takes them back), then fails on its first range of paths.
  it.each(["message", "throw"])("judges a failing worker's ranges itself, to the same report, and says why (%s)", async (how) => {
    process.env.QSEM_TEST_CRASH = how
    process.env.QSEM_TEST_CRASH_ON = "Judge"
    try {
      const report = await exploreOnThreads(depth4, { threads: 3, entry: crashingEntry })
      expect(outcomeOf(report)).toEqual(depth4AloneOutcome())
      expect([report.searchThreads, report.searchThreadsNote]).toEqual([1, undefined])
      expect(report.threadsNote).toBe(
        how === "throw"
          ? "a worker thread stopped: the test worker threw on purpose; its paths were judged in the main thread"
          : "a worker thread stopped: the test worker gave up on purpose; its paths were judged in the main thread"
      )
    } finally {
      delete process.env.QSEM_TEST_CRASH
      delete process.env.QSEM_TEST_CRASH_ON
    }
  }, 60_000)

  it("drops a worker whose tallies are not of the guarantees judged, to the same report", async () => {
    const lying = new URL("./internal/testLyingWorker.mjs", import.meta.url)
    const report = await exploreOnThreads(depth4, { threads: 2, entry: lying })
    expect(outcomeOf(report)).toEqual(depth4AloneOutcome())
    expect(report.threadsNote).toMatch(/^a worker thread answered the range of states \d+ to \d+ with something else than it was asked; its paths were judged in the main thread$/)
  }, 60_000)

  it("explores and judges on when a worker's entry cannot be loaded, and says so where it was found", async () => {
    const entry = new URL("./internal/noSuchWorker.mjs", import.meta.url)
    // Started with the search: the search says so, and the judging has no worker left to lose.
    const fromSearch = await exploreOnThreads(depth4, { threads: 2, entry, workersFromFrontier: 0 })
    expect(outcomeOf(fromSearch)).toEqual(depth4AloneOutcome())
    expect(fromSearch.searchThreadsNote).toMatch(/^a worker thread (stopped|ended).*; its states were expanded in the main thread$/)
    expect(fromSearch.threadsNote).toBeUndefined()
    // Depth 4's frontiers are too small to start workers (at most 708 states): the judging starts them.
    const fromJudging = await exploreOnThreads(depth4, { threads: 2, entry })
    expect(outcomeOf(fromJudging)).toEqual(depth4AloneOutcome())
    expect(fromJudging.searchThreadsNote).toBeUndefined()
    expect(fromJudging.threadsNote).toMatch(/^a worker thread (stopped|ended).*; its paths were judged in the main thread$/)
  }, 60_000)
})

describe("merging the tallies of consecutive ranges of paths", () => {
  it.each([
    ["a forgetful model (violations)", forgetfulStep, 148],
    ["the model (witnesses)", step, 798]
  ] as const)("give what one judge of every path gives, on %s", (_name, stepping, size) => {
    const config = singlePartition
    const { tree } = exploreStates({ config, depthMax: 3, statesMax: 1_000_000, step: stepping })
    const guarantees = ["NoLossUnderAtLeastOnce", "AtLeastOnceCanDuplicate"] as const
    const whole = pathJudge(config, guarantees, stepping)
    whole.visitRange(tree, 0, tree.size)
    const merged = pathTalliesEmpty(guarantees)
    expect(tree.size).toBe(size)
    for (const [start, end] of [[0, 1], [1, 37], [37, 100], [100, tree.size]]) {
      const part = pathJudge(config, guarantees, stepping)
      part.visitRange(tree, start, end)
      // as a worker's tallies arrive: through a structured clone
      mergePathTallies(merged, structuredClone(part.tallies))
    }
    expect(merged).toEqual(whole.tallies)
    if (stepping === step) {
      expect([merged[0].violatedPaths, merged[1].witnessLength]).toEqual([0, 3])
    } else {
      expect(merged[0].violatedPaths).toBeGreaterThan(0)
      expect(counterexampleTrace(config, merged[0])).toEqual(counterexampleTrace(config, whole.tallies[0]))
    }
  })

  it("refuses tallies of other guarantees", () => {
    expect(() => mergePathTallies(pathTalliesEmpty(["NoLossUnderAtLeastOnce"]), pathTalliesEmpty(["AtLeastOnceCanDuplicate"]))).toThrow(
      "mergePathTallies: AtLeastOnceCanDuplicate where NoLossUnderAtLeastOnce was expected"
    )
  })
})
