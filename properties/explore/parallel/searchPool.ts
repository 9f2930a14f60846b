/**
 * The breadth-first search (`bfs.ts`) on several threads: each level's
 * frontier is cut into ranges, expanded by this thread and worker threads
 * (`expandRange.ts`; each worker keeps a copy of the tree), and the
 * expansions are merged here in frontier order (`mergeExpansion.ts`), so
 * the tree, the counts and the numbering of views are the same as one
 * thread's. Ranges are handed out in order; this thread expands from the
 * start, takes a range between the workers' messages, and, once none is
 * left to hand out, expands the ranges the workers still hold rather than
 * wait. A worker that fails hands its ranges back.
 *
 * @module
 */
import { Worker } from "node:worker_threads"
import { init, step as modelStep } from "../../../model/index.ts"
import type { Config } from "../../../spec/config.ts"
import { driverInit } from "../../driver/index.ts"
import type { Exploration } from "../bfs.ts"
import { expandRange } from "../expandRange.ts"
import { ExpansionMerge } from "../mergeExpansion.ts"
import { PathReplayer } from "../pathReplayer.ts"
import { StateTree } from "../stateTree.ts"
import { StructuralHasher } from "../structuralHasher.ts"
import { ViewTable } from "../views.ts"
import type { FromSearchWorker, SearchWorkerData, ToSearchWorker } from "./searchProtocol.ts"

/** What to search, and on how many threads. */
export interface SearchOnThreadsOptions {
  readonly config: Config
  readonly depthMax: number
  readonly statesMax: number
  /** Threads in all: this one and `threads - 1` worker threads. */
  readonly threads: number
  /** The worker threads' entry module (it calls `serveSearchWorker`, `searchWorkerMain.ts`). */
  readonly entry: URL
  /**
   * Whether this thread expands ranges too (default true). False leaves
   * every range to the workers while any is alive, this thread only
   * merging: what a test does to check the workers' expansions.
   */
  readonly mainExpands?: boolean | undefined
}

/** An exploration searched on several threads. */
export interface ThreadedExploration extends Exploration {
  /** Threads that expanded states: this one and each worker that expanded a range. */
  readonly searchThreads: number
  /** Why some worker thread could not do its share (one line), `undefined` when none failed. */
  readonly threadsNote: string | undefined
  /** Per depth from 1, the views numbered with its states: with the tree, what another thread needs to copy it (`treeCopy.ts`). */
  readonly viewsNumbered: ReadonlyArray<Float64Array>
}

/** A range of a level's frontier. */
interface Range {
  readonly start: number
  readonly end: number
}

/** Ranges a worker holds at once: the one it expands and the next, so it never waits for this thread between ranges. */
const rangesAheadMax = 2

/**
 * States per range of a frontier of `size` states on `threads` threads: an
 * eighth of an even share, at most 64 (a few milliseconds of work), so
 * the threads stay balanced up to the end of each level.
 */
const rangeSizeOf = (size: number, threads: number): number => Math.max(1, Math.min(64, Math.ceil(size / (threads * 8))))

/** What a range's result becomes once merged: its expansion is no longer kept. */
const expandedAndMerged = new Float64Array(0)

/** Lets the event loop deliver the workers' messages. */
const yieldToMessages = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** The worker threads of one search, and the level they are expanding. */
class SearchWorkers {
  private readonly threads: Array<Worker> = []
  private readonly ready = new Set<Worker>()
  /** Per live worker, the ranges of the current level it holds, by start. */
  private readonly held = new Map<Worker, Map<number, Range>>()
  private readonly busy = new Set<Worker>()
  private depth = -1
  private pending: Array<Range> = []
  private results = new Map<number, Float64Array>()
  private finished = false
  /** Wakes this thread waiting for a worker's message (see {@link SearchWorkers.nextMessage}). */
  private wake: (() => void) | undefined
  /** Why the first worker that failed did. */
  note: string | undefined

  constructor(count: number, entry: URL, data: SearchWorkerData, private readonly mainExpands: boolean) {
    for (let i = 0; i < count; i++) {
      const thread = new Worker(entry, { workerData: data })
      this.threads.push(thread)
      this.held.set(thread, new Map())
      thread.on("message", (message: FromSearchWorker) => this.onMessage(thread, message))
      thread.on("error", (error) => this.drop(thread, `a worker thread stopped: ${String(error.message).split("\n")[0]}`))
      thread.on("exit", (code) => this.drop(thread, `a worker thread ended (exit code ${code})`))
    }
  }

  /** Workers that expanded a range so far. */
  get workersUsed(): number {
    return this.busy.size
  }

  /** Tells every live worker the states of a level and the views numbered with them. */
  broadcast(tree: StateTree, depth: number, start: number, end: number, viewsNumbered: Float64Array): void {
    for (const thread of this.held.keys()) {
      this.send(thread, { _tag: "Level", depth, start, ...tree.numbersOf(start, end), viewsNumbered })
    }
  }

  /**
   * Expands the frontier `start` to `start + size` of depth `depth`: its
   * ranges, each expanded here (`here`) or by a worker, are passed to
   * `merge` in order as soon as each and those before it are expanded, so
   * this thread merges while the workers expand. Ends once every range is
   * merged, or when `merge` says to stop (the rest is dropped).
   */
  async expandLevel(
    depth: number,
    start: number,
    size: number,
    here: (start: number, end: number) => Float64Array,
    merge: (start: number, end: number, out: Float64Array) => boolean
  ): Promise<void> {
    const rangeSize = rangeSizeOf(size, this.held.size + 1)
    const ranges: Array<Range> = []
    for (let at = start; at < start + size; at += rangeSize) ranges.push({ start: at, end: Math.min(start + size, at + rangeSize) })
    this.depth = depth
    this.pending = [...ranges]
    this.results = new Map()
    for (const held of this.held.values()) held.clear()
    for (const thread of this.ready) for (let i = 0; i < rangesAheadMax; i++) this.assign(thread)
    let merged = 0
    try {
      for (;;) {
        for (let out = this.results.get(ranges[merged].start); out !== undefined; out = this.results.get(ranges[merged].start)) {
          if (!merge(ranges[merged].start, ranges[merged].end, out)) return
          this.results.set(ranges[merged].start, expandedAndMerged)
          merged += 1
          if (merged === ranges.length) return
        }
        if (!this.mainExpands && this.held.size > 0) {
          await this.nextMessage()
          continue
        }
        const range = this.pending.shift() ?? this.lastHeld()
        if (range === undefined) throw new Error(`searchPool: the states from ${ranges[merged].start} were neither expanded nor held`)
        if (!this.results.has(range.start)) this.results.set(range.start, here(range.start, range.end))
        await yieldToMessages()
      }
    } finally {
      this.depth = -1
      this.pending = []
    }
  }

  /** Stops every worker. */
  async stop(): Promise<void> {
    this.finished = true
    for (const thread of this.threads) {
      this.send(thread, { _tag: "Stop" })
      await thread.terminate()
    }
  }

  /** Settles once a worker's message was handled, or a worker failed. */
  private nextMessage(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve
    })
  }

  private woken(): void {
    const wake = this.wake
    this.wake = undefined
    wake?.()
  }

  private send(thread: Worker, message: ToSearchWorker): void {
    thread.postMessage(message)
  }

  private assign(thread: Worker): void {
    const ranges = this.held.get(thread)
    const range = this.pending.shift()
    if (ranges === undefined || range === undefined) return
    ranges.set(range.start, range)
    this.send(thread, { _tag: "Expand", depth: this.depth, ...range })
  }

  /** The last range a worker holds and nobody expanded yet: this thread takes it rather than wait (the worker's answer is then dropped). */
  private lastHeld(): Range | undefined {
    let last: Range | undefined
    for (const ranges of this.held.values()) {
      for (const range of ranges.values()) if (!this.results.has(range.start) && (last === undefined || range.start > last.start)) last = range
    }
    return last
  }

  private onMessage(thread: Worker, message: FromSearchWorker): void {
    if (this.finished || !this.held.has(thread)) return
    this.handle(thread, message)
    this.woken()
  }

  private handle(thread: Worker, message: FromSearchWorker): void {
    switch (message._tag) {
      case "Ready":
        this.ready.add(thread)
        for (let i = 0; i < rangesAheadMax; i++) this.assign(thread)
        return
      case "Expanded":
        if (message.depth !== this.depth) return
        this.held.get(thread)?.delete(message.start)
        if (!this.results.has(message.start)) {
          this.results.set(message.start, message.out)
          this.busy.add(thread)
        }
        this.assign(thread)
        return
      case "Crashed":
        this.drop(thread, `a worker thread stopped: ${message.reason}`)
        return
    }
  }

  /** A worker that fails: its ranges go back to the front of the queue, and it gets no more. */
  private drop(thread: Worker, reason: string): void {
    if (this.finished) return
    const ranges = this.held.get(thread)
    if (ranges === undefined) return
    this.held.delete(thread)
    this.ready.delete(thread)
    this.pending.unshift(...[...ranges.values()].filter((range) => !this.results.has(range.start)))
    this.note ??= reason
    void thread.terminate()
    for (const other of this.ready) for (let i = this.held.get(other)?.size ?? rangesAheadMax; i < rangesAheadMax; i++) this.assign(other)
    this.woken()
  }
}

/**
 * `exploreStates` (`bfs.ts`) on `threads` threads: the same tree, counts
 * and flags for any number of threads. Resolves once the search is done and
 * the workers are stopped; rejects with what this thread's expanding or
 * merging threw, after stopping them.
 */
export const exploreStatesOnThreads = async (options: SearchOnThreadsOptions): Promise<ThreadedExploration> => {
  const { config, depthMax, statesMax } = options
  const views = new ViewTable(config)
  const tree = new StateTree(config, modelStep, init(config), views, views.intern(driverInit(config)))
  const replayer = new PathReplayer(tree)
  const hasher = new StructuralHasher()
  const merge = new ExpansionMerge(tree, replayer, hasher, statesMax, depthMax)
  const workers = new SearchWorkers(Math.max(0, options.threads - 1), options.entry, { _tag: "Search", config }, options.mainExpands ?? true)
  const viewsNumbered: Array<Float64Array> = []
  let frontierStart = 0
  let frontierSize = 1
  let depth = 0
  try {
    while (!merge.truncated && depth < depthMax && frontierSize > 0) {
      if (depth > 0) {
        viewsNumbered.push(merge.takeViewsNumbered())
        workers.broadcast(tree, depth, frontierStart, frontierStart + frontierSize, viewsNumbered[depth - 1])
      }
      const nextStart = tree.size
      tree.deepen()
      await workers.expandLevel(
        depth,
        frontierStart,
        frontierSize,
        (start, end) => expandRange(tree, replayer, hasher, start, end),
        (start, end, out) => {
          merge.merge(start, end, out)
          return !merge.truncated
        }
      )
      hasher.forget()
      frontierStart = nextStart
      frontierSize = tree.size - nextStart
      depth += 1
    }
  } finally {
    await workers.stop()
  }
  if (depth > 0) viewsNumbered.push(merge.takeViewsNumbered())
  return {
    tree,
    states: tree.size,
    transitions: merge.transitions,
    depthReached: tree.depthOf(tree.size - 1),
    truncated: merge.truncated,
    exhausted: !merge.truncated && frontierSize === 0,
    searchThreads: 1 + workers.workersUsed,
    threadsNote: workers.note,
    viewsNumbered
  }
}
