/**
 * What the main thread and a check's worker threads say to each other (see
 * `explorePool.ts` and `workerMain.ts`): plain data, copied by
 * `postMessage`'s structured clone. A worker sends one small summary per
 * chunk of runs ({@link ChunkFolded}), and a run in full only when it fails.
 *
 * @module
 */
import type { Config } from "../../../spec/config.ts"
import type { GuaranteeId } from "../../../spec/guarantee.ts"
import type { Choice } from "../../choice.ts"
import type { Run } from "../../run.ts"
import type { RunVerdicts } from "../evaluate.ts"
import type { Tallies } from "../tallies.ts"

/** What a worker needs to run any exploring run of a check by its index (its `workerData`). */
export interface CheckWorkerData {
  /** The `--target` value, resolved in the worker. */
  readonly targetSpec: string
  readonly config: Config
  readonly seed: number
  readonly commandsMax: number
  /** Whether the runs are soak runs (`soakArbitrary`) rather than `choicesArbitrary`. */
  readonly soak: boolean
  readonly guarantees: ReadonlyArray<GuaranteeId>
  readonly conformance: boolean
  readonly answerTimeoutMs: number | undefined
  /**
   * What the worker entry's fold resolver turns into the caller's fold
   * (`ParallelOptions.foldData`); `undefined`: the runs are folded into the
   * tallies only.
   */
  readonly foldData: unknown
}

/** From the main thread: run the exploring runs `start` to `end` (excluded), in order, stopping after a failing one. */
export interface ChunkMessage {
  readonly _tag: "Chunk"
  readonly start: number
  readonly end: number
}

/** From the main thread: run nothing more and end. */
export interface StopMessage {
  readonly _tag: "Stop"
}

/** What the main thread sends a worker. */
export type ToWorker = ChunkMessage | StopMessage

/** From a worker: the target loaded; it runs the chunks it is sent. */
export interface ReadyMessage {
  readonly _tag: "Ready"
}

/** From a worker: the target cannot be loaded here (one line); the worker ends. */
export interface UnavailableMessage {
  readonly _tag: "Unavailable"
  readonly reason: string
}

/** A run that fails the check, in full, with its index. */
export interface FailingExplored {
  readonly index: number
  readonly run: Run
  readonly verdicts: RunVerdicts
  readonly choices: ReadonlyArray<Choice>
}

/**
 * The summary of a chunk of exploring runs, `start` to `end` (excluded),
 * every run of it judged and folded: the whole chunk, or up to its first
 * failing run (then `failing`, and `end` is one past it).
 */
export interface ChunkFolded {
  readonly start: number
  readonly end: number
  readonly tallies: Tallies
  /** The caller's fold of the runs (see `CheckOptions.fold`); `undefined` without one. */
  readonly folded: unknown
  /** Each run's commands, in order (for progress, run by run). */
  readonly commandsPerRun: ReadonlyArray<number>
  readonly failing: FailingExplored | undefined
  /** Whether some run's target did not answer in time (see `Run.timedOut`). */
  readonly timedOut: boolean
  /** The slowest answer of the runs, in real milliseconds. */
  readonly answerMsSlowest: number
}

/** From a worker: a chunk, folded. */
export interface FoldedMessage {
  readonly _tag: "Folded"
  readonly chunk: ChunkFolded
}

/** From a worker: running or judging a run threw (one line); the worker ends. */
export interface CrashedMessage {
  readonly _tag: "Crashed"
  readonly reason: string
}

/**
 * From a worker: it stopped as told, after its current run; the main thread
 * then terminates it (a target may have left a timer or a socket that would
 * keep the thread alive).
 */
export interface StoppedMessage {
  readonly _tag: "Stopped"
}

/** What a worker sends the main thread. */
export type FromWorker = ReadyMessage | UnavailableMessage | FoldedMessage | CrashedMessage | StoppedMessage
