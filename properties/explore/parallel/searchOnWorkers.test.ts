import { beforeAll, describe, expect, it } from "vitest"
import type { Config } from "../../../spec/config.ts"
import { exampleConfig } from "../../exampleConfigs.ts"
import { bundledWorkerEntry } from "../../internal/testWorkerBundle.ts"
import { exploreStates, type Exploration } from "../bfs.ts"
import { init, step } from "../../../model/index.ts"
import { driverInit } from "../../driver/index.ts"
import { PathReplayer } from "../pathReplayer.ts"
import { StateTree } from "../stateTree.ts"
import { ViewTable } from "../views.ts"
import { exploreStatesOnThreads, type ThreadedExploration } from "./searchOnWorkers.ts"
import { addLevel, type TreeLevel } from "./treeLevel.ts"

// The worker threads run the test entry compiled into one file: each starts in about 0.5 s rather than 2 to 3.
let entry: URL
beforeAll(async () => {
  entry = await bundledWorkerEntry(new URL("./internal/testExploreWorker.mjs", import.meta.url))
})
const crashingEntry = new URL("./internal/testCrashingWorker.mjs", import.meta.url)

/** Everything a tree numbers: its states' parent, move and view numbers, where each depth starts, and each view's hash. */
const numbersOf = (tree: StateTree) => ({
  size: tree.size,
  depthStarts: [...tree.depthStartsOf()],
  ...tree.numbersOf(0, tree.size),
  viewHashes: [...tree.views.hashes]
})

/** An exploration as numbers: what must be the same for any number of threads. */
const outcomeOf = (exploration: Exploration) => ({
  states: exploration.states,
  transitions: exploration.transitions,
  depthReached: exploration.depthReached,
  truncated: exploration.truncated,
  exhausted: exploration.exhausted,
  tree: numbersOf(exploration.tree)
})

const alone = (config: Config, depthMax: number, statesMax = 1_000_000) => outcomeOf(exploreStates({ config, depthMax, statesMax }))

describe("a search on several threads", () => {
  // The workers expand every range (this thread only merges): their expansions and copies of the tree are what is checked.
  it.each([
    ["single-partition", 5, 65_839],
    ["exactly-once", 2, 9_181],
    ["queue-and-stream", 3, 0],
    ["dead-letter-triage", 3, 0]
  ] as const)("numbers the tree of %s.json to depth %i as one thread does, expanded by two workers", async (name, depthMax, states) => {
    const config = exampleConfig(name)
    const expected = alone(config, depthMax)
    if (states > 0) expect(expected.states).toBe(states)
    const found = await exploreStatesOnThreads({ config, depthMax, statesMax: 1_000_000, threads: 3, entry, mainExpands: false, workersFromFrontier: 0 })
    expect(outcomeOf(found)).toEqual(expected)
    expect(found.searchThreads).toBeGreaterThanOrEqual(2)
    expect(found.threadsNote).toBeUndefined()
  }, 120_000)

  it("stops at the states bound where one thread stops, mid-level, with this thread expanding too", async () => {
    const config = exampleConfig("single-partition")
    const expected = alone(config, 5, 20_000)
    expect([expected.truncated, expected.states, expected.depthReached]).toEqual([true, 20_000, 5])
    for (const mainExpands of [false, true]) {
      const found = await exploreStatesOnThreads({ config, depthMax: 5, statesMax: 20_000, threads: 2, entry, mainExpands, workersFromFrontier: 0 })
      expect(outcomeOf(found)).toEqual(expected)
    }
  }, 60_000)

  it("gives one thread's tree at the edges: depth 0, one state, every reachable state", async () => {
    const config = exampleConfig("single-partition")
    for (const [depthMax, statesMax] of [[0, 10], [3, 1], [1, 1_000]] as const) {
      const found = await exploreStatesOnThreads({ config, depthMax, statesMax, threads: 2, entry, workersFromFrontier: 0 })
      expect(outcomeOf(found)).toEqual(alone(config, depthMax, statesMax))
      expect(found.viewsNumbered.length).toBe(found.tree.depthStartsOf().length - 1)
    }
  }, 60_000)

  it.each(["message", "throw"])("expands a failing worker's ranges itself, to the same tree, and says why (%s)", async (how) => {
    process.env.QSEM_TEST_CRASH = how
    try {
      const config = exampleConfig("single-partition")
      const found = await exploreStatesOnThreads({ config, depthMax: 4, statesMax: 1_000_000, threads: 2, entry: crashingEntry, mainExpands: false, workersFromFrontier: 0 })
      expect(outcomeOf(found)).toEqual(alone(config, 4))
      expect(found.searchThreads).toBe(1)
      expect(found.threadsNote).toBe(how === "throw" ? "a worker thread stopped: the test worker threw on purpose" : "a worker thread stopped: the test worker gave up on purpose")
    } finally {
      delete process.env.QSEM_TEST_CRASH
    }
  }, 60_000)

  it.each([
    ["an expansion one successor short", undefined, "a worker thread answered the range of states 0 to 1 with something else than it was asked"],
    ["an answer for a range it was not sent", "range", "a worker thread answered the range of states 1 to 1 with something else than it was asked"]
  ])("drops a worker whose answers do not fit their ranges (%s), to the same tree, and says so", async (_how, lie, note) => {
    if (lie !== undefined) process.env.QSEM_TEST_LIE = lie
    try {
      const config = exampleConfig("single-partition")
      const lying = new URL("./internal/testLyingWorker.mjs", import.meta.url)
      const found = await exploreStatesOnThreads({ config, depthMax: 4, statesMax: 1_000_000, threads: 2, entry: lying, mainExpands: false, workersFromFrontier: 0 })
      expect(outcomeOf(found)).toEqual(alone(config, 4))
      expect([found.searchThreads, found.threadsNote]).toEqual([1, note])
    } finally {
      delete process.env.QSEM_TEST_LIE
    }
  }, 60_000)

  it("searches on when a worker's entry cannot be loaded", async () => {
    const config = exampleConfig("single-partition")
    const found = await exploreStatesOnThreads({ config, depthMax: 4, statesMax: 1_000_000, threads: 2, entry: new URL("./internal/noSuchWorker.mjs", import.meta.url), mainExpands: false, workersFromFrontier: 0 })
    expect(outcomeOf(found)).toEqual(alone(config, 4))
    expect(found.threadsNote).toMatch(/^a worker thread (stopped|ended)/)
  }, 60_000)
})

describe("a copy of an explored tree", () => {
  /** A copy of `found`'s tree grown depth by depth, as a worker grows it. */
  const copyOf = (config: Config, found: ThreadedExploration, level: (depth: number, level: TreeLevel) => TreeLevel = (_depth, level) => level) => {
    const views = new ViewTable(config)
    const copy = new StateTree(config, step, init(config), views, views.intern(driverInit(config)))
    const replayer = new PathReplayer(copy)
    const starts = found.tree.depthStartsOf()
    for (let depth = 1; depth < starts.length; depth++) {
      const start = starts[depth]
      const end = starts[depth + 1] ?? found.tree.size
      addLevel(copy, replayer, level(depth, { start, ...found.tree.numbersOf(start, end), viewsNumbered: found.viewsNumbered[depth - 1] }))
    }
    return copy
  }

  it("numbers the same states, depths and views as the tree it copies", async () => {
    const config = exampleConfig("queue-and-stream")
    const found = await exploreStatesOnThreads({ config, depthMax: 3, statesMax: 1_000_000, threads: 1, entry })
    const copy = copyOf(config, found)
    // The views met but not expanded are numbered too: the copy has every view the original has.
    expect(numbersOf(copy)).toEqual(numbersOf(found.tree))
    for (const index of [1, 100, copy.size - 1]) expect(copy.commandOf(index)).toEqual(found.tree.commandOf(index))
  })

  it("refuses a depth that does not fit, in one line", async () => {
    const config = exampleConfig("single-partition")
    const found = await exploreStatesOnThreads({ config, depthMax: 2, statesMax: 1_000_000, threads: 1, entry })
    expect(() => copyOf(config, found, (depth, level) => (depth === 2 ? { ...level, start: 2 } : level))).toThrow(
      "a depth whose states start at 2, where this copy of the tree has 10"
    )
    const renumbered = (depth: number, level: TreeLevel) => {
      if (depth !== 1) return level
      const viewsNumbered = level.viewsNumbered.slice()
      viewsNumbered[0] = 7
      return { ...level, viewsNumbered }
    }
    expect(() => copyOf(config, found, renumbered)).toThrow("a view numbered 7 by the main thread is numbered 1 here")
  })
})
