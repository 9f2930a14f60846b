/**
 * Exploring a check's runs on several threads: worker threads (each started
 * from an entry module that calls `serveCheckWorker`) and, optionally, this
 * thread too. The runs are cut into chunks handed out in index order; each
 * thread folds its chunks into small summaries (`exploreChunk.ts`), and
 * this thread merges them in run order: runs 0, 1, ... up to the first
 * failing run (the lowest failing index), and nothing after it. Runs past a
 * failure are never handed out once it is known, and those already running
 * are dropped.
 *
 * @module
 */
import { Worker } from "node:worker_threads"
import type { ChunkExplorer } from "./exploreChunk.ts"
import type { CheckWorkerData, ChunkFolded, FromWorker, ToWorker } from "./protocol.ts"

/** How to explore a check's runs in worker threads. */
export interface ExplorePoolOptions {
  /** Worker threads to start, at least 1. */
  readonly workers: number
  /** The worker's entry module (it calls `serveCheckWorker`). */
  readonly entry: URL
  readonly data: CheckWorkerData
  /** Exploring runs, indexed from 0. */
  readonly runs: number
  /**
   * Explores chunks in this thread as well, between the workers' messages:
   * it starts at once, while the workers load. `undefined`: only the
   * workers explore.
   */
  readonly local: ChunkExplorer | undefined
  /**
   * Gets the chunks' summaries in run order: they cover runs 0, 1, ...
   * without a gap, and the one that ends with a failing run is the last.
   */
  readonly onChunk: (chunk: ChunkFolded) => void
}

/** How the exploration in workers ended. */
export interface ExplorePoolOutcome {
  /** Runs passed to `onChunk` (runs 0 to `delivered - 1`). */
  readonly delivered: number
  /** The last delivered run failed. */
  readonly failed: boolean
  /**
   * Why the workers could not do their share (one line): a worker could not
   * load the target, or stopped unexpectedly; the caller runs the runs from
   * `delivered` on in its own thread. `undefined` when they did.
   */
  readonly interrupted: string | undefined
  /** Settles once every worker thread has ended. */
  readonly closed: Promise<void>
}

/**
 * Runs per chunk, for `remaining` runs on `threads` threads: a quarter of an
 * even share, at most 16, so the threads stay balanced up to the end (the
 * chunks shrink as the runs run out) and a failure stops them soon.
 */
const chunkSizeOf = (remaining: number, threads: number): number => Math.max(1, Math.min(16, Math.ceil(remaining / (threads * 4))))

/** Chunks a worker holds at once: the one it runs and the next, so it never waits for this thread between chunks. */
const chunksAheadMax = 2

/**
 * Explores the runs; see {@link ExplorePoolOptions}. It settles once the
 * runs are explored (or the workers interrupted), this thread's chunk has
 * stopped, and every worker has said whether it could load the target (so
 * a worker that cannot is reported whatever the timing). Rejects with what
 * this thread's exploring threw, after stopping the workers.
 */
export const explorePool = (options: ExplorePoolOptions): Promise<ExplorePoolOutcome> =>
  new Promise((resolve, reject) => {
    const { runs } = options
    const threadCount = options.workers + (options.local === undefined ? 0 : 1)
    const threads: Array<Worker> = []
    const exits: Array<Promise<void>> = []
    // Workers that said whether they could load the target (or ended).
    const answered = new Set<Worker>()
    const early = new Map<number, ChunkFolded>()
    let next = 0
    // Runs at or past `limit` are not needed: it is `runs`, or one past the lowest failing run seen.
    let limit = runs
    let delivered = 0
    let failed = false
    let done = false
    let interrupted: string | undefined
    let localBusy = false
    let localError: { readonly error: unknown } | undefined
    let settled = false

    const settle = () => {
      if (!done || settled || localBusy || answered.size < options.workers) return
      settled = true
      if (localError !== undefined) reject(localError.error)
      else resolve({ delivered, failed, interrupted, closed: Promise.all(exits).then(() => undefined) })
    }
    const send = (thread: Worker, message: ToWorker) => thread.postMessage(message)
    const stop = (reason: string | undefined) => {
      if (done) return
      done = true
      interrupted = reason
      for (const thread of threads) send(thread, { _tag: "Stop" })
      settle()
    }
    const chunkNext = (): { readonly start: number; readonly end: number } | undefined => {
      if (done || next >= limit) return undefined
      const start = next
      next = Math.min(limit, start + chunkSizeOf(limit - start, threadCount))
      return { start, end: next }
    }
    const assign = (thread: Worker) => {
      const chunk = chunkNext()
      if (chunk !== undefined) send(thread, { _tag: "Chunk", ...chunk })
    }
    const received = (chunk: ChunkFolded) => {
      if (done || chunk.start >= limit) return
      if (chunk.failing !== undefined) limit = Math.min(limit, chunk.end)
      early.set(chunk.start, chunk)
      while (!failed && early.has(delivered)) {
        const folded = early.get(delivered) as ChunkFolded
        early.delete(delivered)
        delivered = folded.end
        options.onChunk(folded)
        if (folded.failing !== undefined) failed = true
      }
      if (failed || delivered >= limit) stop(undefined)
    }
    const exploreHere = async (explore: ChunkExplorer) => {
      localBusy = true
      try {
        for (let chunk = chunkNext(); chunk !== undefined; chunk = chunkNext()) {
          const { start, end } = chunk
          const folded = await explore(start, end, () => done || start >= limit)
          if (folded !== undefined) received(folded)
        }
      } catch (error) {
        localError = { error }
        stop(undefined)
      } finally {
        localBusy = false
        settle()
      }
    }
    // A worker that cannot do its share interrupts the exploration; if that comes once the runs are
    // explored, it is still reported (the caller then has nothing left to run).
    const interrupt = (reason: string) => {
      if (!done) stop(reason)
      else interrupted ??= reason
    }
    const onMessage = (thread: Worker, message: FromWorker) => {
      switch (message._tag) {
        case "Stopped":
          void thread.terminate()
          return
        case "Ready":
          answered.add(thread)
          for (let i = 0; i < chunksAheadMax; i++) assign(thread)
          settle()
          return
        case "Unavailable":
          answered.add(thread)
          for (const each of threads) void each.terminate()
          interrupt(`the target cannot be loaded in a worker thread: ${message.reason}`)
          settle()
          return
        case "Crashed":
          interrupt(`a worker thread stopped: ${message.reason}`)
          return
        case "Folded":
          received(message.chunk)
          assign(thread)
          return
      }
    }

    for (let i = 0; i < options.workers; i++) {
      const thread = new Worker(options.entry, { workerData: options.data })
      threads.push(thread)
      exits.push(new Promise((settleExit) => thread.once("exit", () => settleExit())))
      thread.on("message", (message: FromWorker) => onMessage(thread, message))
      thread.on("error", (error) => {
        answered.add(thread)
        interrupt(`a worker thread stopped: ${String(error.message).split("\n")[0]}`)
        settle()
      })
      thread.on("exit", (code) => {
        // Ending before it said whether it could load the target, or while it had chunks to run: unexpected.
        if (!settled && (!done || !answered.has(thread))) interrupt(`a worker thread ended (exit code ${code})`)
        answered.add(thread)
        settle()
      })
    }
    if (runs === 0) stop(undefined)
    if (options.local !== undefined) void exploreHere(options.local)
  })
