/**
 * An exploration's worker threads (each started from an entry module that
 * calls `serveExploreWorker`, `exploreWorkerMain.ts`), kept for the whole
 * exploration: told each depth's states and views as the search goes
 * (each keeps a copy of the tree), and handed the ranges of one job at a
 * time (a depth's expansion, then the judging). Ranges are handed out in
 * order, two at a time per worker; this thread does ranges too between the
 * workers' messages, takes each range's result in order as soon as it and
 * those before it are done, and, once none is left to hand out, does the
 * ranges the workers still hold rather than wait. A worker that fails hands
 * its ranges back and gets no more.
 *
 * @module
 */
import { Worker } from "node:worker_threads"
import type { ExploreWorkerData, FromExploreWorker, RangeDoneMessage, RangeMessage, ToExploreWorker } from "./protocol.ts"
import type { TreeLevel } from "./treeLevel.ts"

/** A range of states: `start` to `end` (excluded). */
export interface Range {
  readonly start: number
  readonly end: number
}

/** The ranges of `size` states from `start`, `rangeSize` each (the last may be shorter). */
export const rangesOf = (start: number, size: number, rangeSize: number): Array<Range> => {
  const ranges: Array<Range> = []
  for (let at = start; at < start + size; at += rangeSize) ranges.push({ start: at, end: Math.min(start + size, at + rangeSize) })
  return ranges
}

/** One job: ranges done by any thread, their results taken in order. */
export interface RangeJob<R> {
  /** The ranges, in order. */
  readonly ranges: ReadonlyArray<Range>
  /** What asks a worker for a range of this job (numbered `job`). */
  readonly ask: (job: number, range: Range) => RangeMessage
  /** The result in a worker's answer, `undefined` when it is not an answer to this job's range (another kind, another size): the worker is then dropped, as one answering a range it does not hold. */
  readonly answer: (message: RangeDoneMessage) => R | undefined
  /** Does a range in this thread. */
  readonly here: (range: Range) => R
  /** Takes each range's result, in order; false when the rest is not needed (the job ends). */
  readonly take: (range: Range, result: R) => boolean
  /** The most workers that take ranges: the first ones started that are alive (default: all). */
  readonly workersMax?: number | undefined
}

/** What a job's threads did. */
export interface JobOutcome {
  /** The workers whose answer was taken, by their number (in the order they were started). */
  readonly workersUsed: ReadonlySet<number>
  /** Why the first worker that failed during the job did (one line), `undefined` when none failed. */
  readonly failure: string | undefined
}

/** Ranges a worker holds at once: the one it does and the next, so it never waits for this thread between ranges. */
const rangesAheadMax = 2

/** What a range's result becomes once taken: it is no longer kept. */
const taken: unique symbol = Symbol("taken")

/** Lets the event loop deliver the workers' messages. */
const yieldToMessages = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** The worker threads of one exploration. */
export class ExploreWorkers {
  private readonly threads: Array<Worker> = []
  private readonly ready = new Set<Worker>()
  /** Per live worker, the ranges of the current job it holds, by start. */
  private readonly held = new Map<Worker, Map<number, Range>>()
  /** The workers that take the current job's ranges. */
  private eligible = new Set<Worker>()
  private job = 0
  private jobCount = 0
  private current: RangeJob<unknown> | undefined
  private pending: Array<Range> = []
  private results = new Map<number, unknown>()
  private used = new Set<number>()
  private failure: string | undefined
  private finished = false
  /** Wakes this thread waiting for a worker's message (see {@link ExploreWorkers.nextMessage}). */
  private wake: (() => void) | undefined

  /** Every depth told so far, for the workers started later. */
  private readonly levels: Array<TreeLevel> = []
  private started = false

  /**
   * `count` workers, not started yet ({@link ExploreWorkers.start}). With
   * `mainWorks` false, this thread leaves every range to the workers while
   * any that may take it is alive, and only takes the results: what a test
   * does to check the workers' answers.
   */
  constructor(
    private readonly count: number,
    private readonly entry: URL,
    private readonly data: ExploreWorkerData,
    private readonly mainWorks = true
  ) {}

  /**
   * Starts the workers (once; later calls do nothing), each told every
   * depth so far: a worker takes about half a second to load and then runs
   * slow code for a while, sharing the machine with this thread, so a small
   * exploration is done sooner without them.
   */
  start(): void {
    if (this.started || this.finished) return
    this.started = true
    const { count, entry, data } = this
    for (let i = 0; i < count; i++) {
      const thread = new Worker(entry, { workerData: data })
      this.threads.push(thread)
      this.held.set(thread, new Map())
      thread.on("message", (message: FromExploreWorker) => this.onMessage(thread, message))
      thread.on("error", (error) => this.drop(thread, `a worker thread stopped: ${String(error.message).split("\n")[0]}`))
      thread.on("exit", (code) => this.drop(thread, `a worker thread ended (exit code ${code})`))
      for (const level of this.levels) this.send(thread, { _tag: "Level", ...level })
    }
  }

  /** The workers alive (started and not failed). */
  get alive(): number {
    return this.held.size
  }

  /** Tells every live worker the next depth's states and views (and keeps them for the workers not started yet). */
  broadcast(level: TreeLevel): void {
    this.levels.push(level)
    for (const thread of this.held.keys()) this.send(thread, { _tag: "Level", ...level })
  }

  /** Does the job's ranges (see {@link RangeJob}); settles once every result is taken or `take` says to stop. */
  async run<R>(job: RangeJob<R>): Promise<JobOutcome> {
    const { ranges } = job
    this.job = ++this.jobCount
    this.current = job as RangeJob<unknown>
    this.pending = [...ranges]
    this.results = new Map()
    this.used = new Set()
    this.failure = undefined
    this.eligible = new Set([...this.held.keys()].slice(0, job.workersMax ?? this.threads.length))
    for (const ranges of this.held.values()) ranges.clear()
    for (const thread of this.eligible) if (this.ready.has(thread)) this.assignAhead(thread)
    let next = 0
    try {
      while (next < ranges.length) {
        const result = this.results.get(ranges[next].start)
        if (result !== undefined && result !== taken) {
          if (!job.take(ranges[next], result as R)) break
          this.results.set(ranges[next].start, taken)
          next += 1
          continue
        }
        if (!this.mainWorks && this.eligible.size > 0) {
          await this.nextMessage()
          continue
        }
        const range = this.pending.shift() ?? this.lastHeld()
        if (range === undefined) throw new Error(`workerPool: the range from ${ranges[next].start} was neither done nor held`)
        if (!this.results.has(range.start)) this.results.set(range.start, job.here(range))
        await yieldToMessages()
      }
    } finally {
      this.job = 0
      this.current = undefined
      this.pending = []
    }
    return { workersUsed: this.used, failure: this.failure }
  }

  /** Stops every worker. */
  async stop(): Promise<void> {
    this.finished = true
    for (const thread of this.threads) {
      this.send(thread, { _tag: "Stop" })
      await thread.terminate()
    }
  }

  private send(thread: Worker, message: ToExploreWorker): void {
    thread.postMessage(message)
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

  /** Hands `thread` ranges until it holds {@link rangesAheadMax}. */
  private assignAhead(thread: Worker): void {
    const ranges = this.held.get(thread)
    const job = this.current
    if (ranges === undefined || job === undefined) return
    while (ranges.size < rangesAheadMax) {
      const range = this.pending.shift()
      if (range === undefined) return
      ranges.set(range.start, range)
      this.send(thread, job.ask(this.job, range))
    }
  }

  /** The last range a worker holds that is not done: this thread does it rather than wait (the worker's answer is then dropped). */
  private lastHeld(): Range | undefined {
    let last: Range | undefined
    for (const ranges of this.held.values()) {
      for (const range of ranges.values()) if (!this.results.has(range.start) && (last === undefined || range.start > last.start)) last = range
    }
    return last
  }

  private onMessage(thread: Worker, message: FromExploreWorker): void {
    if (this.finished || !this.held.has(thread)) return
    this.handle(thread, message)
    this.woken()
  }

  private handle(thread: Worker, message: FromExploreWorker): void {
    switch (message._tag) {
      case "Ready":
        this.ready.add(thread)
        if (this.eligible.has(thread)) this.assignAhead(thread)
        return
      case "Expanded":
      case "Judged": {
        const job = this.current
        if (message.job !== this.job || job === undefined) return
        const result = this.held.get(thread)?.has(message.start) === true ? job.answer(message) : undefined
        if (result === undefined) {
          // Dropped with the range still held: it goes back to be done again.
          this.drop(thread, `a worker thread answered the range of states ${message.start} to ${message.end} with something else than it was asked`)
          return
        }
        this.held.get(thread)?.delete(message.start)
        if (!this.results.has(message.start)) {
          this.results.set(message.start, result)
          this.used.add(this.threads.indexOf(thread))
        }
        this.assignAhead(thread)
        return
      }
      case "Crashed":
        this.drop(thread, `a worker thread stopped: ${message.reason}`)
        return
    }
  }

  /** A worker that fails: its ranges go back to the front of the queue, to the other workers first, and it gets no more. */
  private drop(thread: Worker, reason: string): void {
    if (this.finished) return
    const ranges = this.held.get(thread)
    if (ranges === undefined) return
    this.held.delete(thread)
    this.ready.delete(thread)
    this.eligible.delete(thread)
    this.pending.unshift(...[...ranges.values()].filter((range) => !this.results.has(range.start)))
    this.failure ??= reason
    void thread.terminate()
    for (const other of this.eligible) if (this.ready.has(other)) this.assignAhead(other)
    this.woken()
  }
}
