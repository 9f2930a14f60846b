/**
 * The main-thread side of `qsem check --workers N`: starts the worker
 * threads, hands them chunks of exploring runs in increasing order, and
 * passes every judged run on in index order (buffering the runs that come
 * early), so whoever listens sees exactly what a single thread would: run 0,
 * run 1, ... up to the first failing run (the lowest failing index), and
 * nothing after it. Runs past a failure are never handed out once it is
 * known, and those already running are dropped.
 *
 * @module
 */
import { Worker } from "node:worker_threads"
import type { CheckWorkerData, FromWorker, JudgedMessage, ToWorker } from "./protocol.ts"

/** How to explore a check's runs in worker threads. */
export interface ExplorePoolOptions {
  /** Worker threads to start (at least 2 makes sense; 1 works). */
  readonly workers: number
  /** The worker's entry module (it calls `serveCheckWorker`). */
  readonly entry: URL
  readonly data: CheckWorkerData
  /** Exploring runs, indexed from 0. */
  readonly runs: number
  /** Gets each run in index order; returns true when the run fails (nothing after it is passed on). */
  readonly onJudged: (judged: JudgedMessage) => boolean
}

/** How the exploration in workers ended. */
export interface ExplorePoolOutcome {
  /** Runs passed to `onJudged` (runs 0 to `delivered - 1`). */
  readonly delivered: number
  /** The last delivered run failed. */
  readonly failed: boolean
  /**
   * Why the workers could not finish (one line): a worker could not load the
   * target (nothing was delivered then) or stopped unexpectedly; the caller
   * runs the rest in its own thread. `undefined` when they finished.
   */
  readonly interrupted: string | undefined
  /** Settles once every worker thread has ended. */
  readonly closed: Promise<void>
}

/** Runs per chunk: small enough that the threads stay balanced and a failure stops them soon, at most 16. */
const chunkSizeOf = (runs: number, workers: number): number => Math.max(1, Math.min(16, Math.ceil(runs / (workers * 4))))

/** Explores the runs in worker threads; see {@link ExplorePoolOptions}. */
export const explorePool = (options: ExplorePoolOptions): Promise<ExplorePoolOutcome> =>
  new Promise((resolve) => {
    const { runs } = options
    const chunkSize = chunkSizeOf(runs, options.workers)
    const threads: Array<Worker> = []
    const exits: Array<Promise<void>> = []
    const early = new Map<number, JudgedMessage>()
    let next = 0
    // Runs at or past `limit` are not needed: it is `runs`, or one past the lowest failing run seen.
    let limit = runs
    let delivered = 0
    let failed = false
    let ready = 0
    let finished = false

    const send = (thread: Worker, message: ToWorker) => thread.postMessage(message)
    const finish = (interrupted: string | undefined) => {
      if (finished) return
      finished = true
      for (const thread of threads) send(thread, { _tag: "Stop" })
      resolve({ delivered, failed, interrupted, closed: Promise.all(exits).then(() => undefined) })
    }
    const assign = (thread: Worker) => {
      if (next >= limit) return
      const start = next
      next = Math.min(limit, start + chunkSize)
      send(thread, { _tag: "Chunk", start, end: next })
    }
    const deliver = () => {
      while (!failed && early.has(delivered)) {
        const judged = early.get(delivered) as JudgedMessage
        early.delete(delivered)
        delivered += 1
        if (options.onJudged(judged)) failed = true
      }
      if (failed || delivered >= limit) finish(undefined)
    }
    const onMessage = (thread: Worker, message: FromWorker) => {
      if (message._tag === "Stopped") {
        void thread.terminate()
        return
      }
      if (finished) return
      switch (message._tag) {
        case "Ready":
          ready += 1
          if (ready === options.workers) {
            if (runs === 0) finish(undefined)
            else for (const each of threads) assign(each)
          }
          return
        case "Unavailable":
          for (const each of threads) void each.terminate()
          finish(`the target cannot be loaded in a worker thread: ${message.reason}`)
          return
        case "Crashed":
          finish(`a worker thread stopped: ${message.reason}`)
          return
        case "Judged":
          if (message.index >= limit) return
          if (message.failing) limit = message.index + 1
          early.set(message.index, message)
          deliver()
          return
        case "ChunkDone":
          assign(thread)
          return
      }
    }

    for (let i = 0; i < options.workers; i++) {
      const thread = new Worker(options.entry, { workerData: options.data })
      threads.push(thread)
      exits.push(new Promise((settle) => thread.once("exit", () => settle())))
      thread.on("message", (message: FromWorker) => onMessage(thread, message))
      thread.on("error", (error) => finish(`a worker thread stopped: ${String(error.message).split("\n")[0]}`))
      thread.on("exit", (code) => {
        if (!finished) finish(`a worker thread ended (exit code ${code})`)
      })
    }
  })
