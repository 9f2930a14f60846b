/**
 * Judging an exploration's paths on several threads: this thread and worker
 * threads (each started from an entry module that calls
 * `serveJudgeWorker`, and each exploring the same tree itself first). The
 * states to judge are cut into ranges handed out in index order; this
 * thread judges from the start, while the workers load and explore, and
 * takes a range between the workers' messages; once none is left to hand
 * out, it judges the ranges the workers still hold rather than wait. Each range is judged into
 * fresh tallies, and the caller merges them in index order, so the outcome
 * is the same for any number of threads. A worker that fails hands its
 * ranges back to this thread.
 *
 * @module
 */
import { Worker } from "node:worker_threads"
import type { PathTally } from "../judgePaths.ts"
import type { FromJudgeWorker, JudgeWorkerData, ToJudgeWorker } from "./protocol.ts"

/** How to judge states 0 to `states - 1` on several threads. */
export interface JudgePoolOptions {
  /** Worker threads to start besides this one, at least 1. */
  readonly workers: number
  /** The worker's entry module (it calls `serveJudgeWorker`). */
  readonly entry: URL
  readonly data: JudgeWorkerData
  /** States to judge: indexes 0 to `states - 1`. */
  readonly states: number
  /** Judges states `start` to `end` (excluded) in this thread, into fresh tallies. */
  readonly judgeHere: (start: number, end: number) => ReadonlyArray<PathTally>
}

/** What the threads judged. */
export interface JudgePoolOutcome {
  /** The tallies of consecutive ranges covering states 0 to `states - 1`, in index order. */
  readonly chunks: ReadonlyArray<ReadonlyArray<PathTally>>
  /** Ranges judged by worker threads. */
  readonly chunksInWorkers: number
  /** Why some worker could not do its share (one line; its ranges were judged here), `undefined` when none failed. */
  readonly interrupted: string | undefined
}

/** A range of states. */
interface Range {
  readonly start: number
  readonly end: number
}

/**
 * States per range, for `states` states on `threads` threads: a sixteenth
 * of an even share, from 8 to 256, so the threads stay balanced up to the
 * end and this thread answers the workers' messages often.
 */
const rangeSizeOf = (states: number, threads: number): number => Math.max(8, Math.min(256, Math.ceil(states / (threads * 16))))

/** Ranges a worker holds at once: the one it judges and the next, so it never waits for this thread between ranges. */
const rangesAheadMax = 2

/** Lets the event loop deliver the workers' messages. */
const yieldToMessages = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * Judges the states; see {@link JudgePoolOptions}. Settles once every range
 * is judged (the workers are then terminated); rejects with what this
 * thread's judging threw, after terminating the workers.
 */
export const judgePool = async (options: JudgePoolOptions): Promise<JudgePoolOutcome> => {
  const size = rangeSizeOf(options.states, options.workers + 1)
  const pending: Array<Range> = []
  for (let start = 0; start < options.states; start += size) pending.push({ start, end: Math.min(options.states, start + size) })
  const total = pending.length
  const judged = new Map<number, ReadonlyArray<PathTally>>()
  const held = new Map<Worker, Map<number, Range>>()
  let chunksInWorkers = 0
  let interrupted: string | undefined
  let finished = false

  const send = (thread: Worker, message: ToJudgeWorker) => thread.postMessage(message)
  const assign = (thread: Worker) => {
    const ranges = held.get(thread)
    const range = pending.shift()
    if (ranges === undefined || range === undefined) return
    ranges.set(range.start, range)
    send(thread, { _tag: "Chunk", ...range })
  }
  // Once nothing is left to hand out, this thread judges the last range a worker still holds rather than wait for it (the worker's answer is then dropped).
  const lastHeld = (): Range | undefined => {
    let last: Range | undefined
    for (const ranges of held.values()) {
      for (const range of ranges.values()) if (!judged.has(range.start) && (last === undefined || range.start > last.start)) last = range
    }
    return last
  }
  // A worker that fails: its ranges go back to the front of the queue, for this thread or another worker.
  const drop = (thread: Worker, reason: string) => {
    const ranges = held.get(thread)
    if (ranges === undefined) return
    held.delete(thread)
    pending.unshift(...[...ranges.values()].filter((range) => !judged.has(range.start)))
    interrupted ??= reason
    void thread.terminate()
  }
  const onMessage = (thread: Worker, message: FromJudgeWorker) => {
    if (finished || !held.has(thread)) return
    switch (message._tag) {
      case "Ready":
        for (let i = 0; i < rangesAheadMax; i++) assign(thread)
        return
      case "Judged":
        held.get(thread)?.delete(message.start)
        if (!judged.has(message.start)) {
          judged.set(message.start, message.tallies)
          chunksInWorkers += 1
        }
        assign(thread)
        return
      case "Crashed":
        drop(thread, `a worker thread stopped: ${message.reason}`)
        return
    }
  }

  const threads: Array<Worker> = []
  for (let i = 0; i < options.workers; i++) {
    const thread = new Worker(options.entry, { workerData: options.data })
    threads.push(thread)
    held.set(thread, new Map())
    thread.on("message", (message: FromJudgeWorker) => onMessage(thread, message))
    thread.on("error", (error) => {
      if (!finished) drop(thread, `a worker thread stopped: ${String(error.message).split("\n")[0]}`)
    })
    thread.on("exit", (code) => {
      if (!finished) drop(thread, `a worker thread ended (exit code ${code})`)
    })
  }
  const stopAll = async () => {
    finished = true
    for (const thread of threads) {
      send(thread, { _tag: "Stop" })
      await thread.terminate()
    }
  }

  try {
    while (judged.size < total) {
      const range = pending.shift() ?? lastHeld()
      if (range === undefined) break
      if (!judged.has(range.start)) judged.set(range.start, options.judgeHere(range.start, range.end))
      await yieldToMessages()
    }
  } finally {
    await stopAll()
  }
  const chunks: Array<ReadonlyArray<PathTally>> = []
  for (let start = 0; start < options.states; start += size) {
    const tallies = judged.get(start)
    if (tallies === undefined) throw new Error(`judgePool: the states from ${start} were not judged`)
    chunks.push(tallies)
  }
  return { chunks, chunksInWorkers, interrupted }
}
