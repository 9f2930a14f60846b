/**
 * What the main thread and a check's worker threads say to each other (see
 * `explorePool.ts` and `workerMain.ts`): plain data, copied by
 * `postMessage`'s structured clone.
 *
 * @module
 */
import type { Config } from "../../../spec/config.ts"
import type { GuaranteeId } from "../../../spec/guarantee.ts"
import type { Choice } from "../../choice.ts"
import type { Run } from "../../run.ts"
import type { RunVerdicts } from "../evaluate.ts"

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

/** From a worker: the target loaded; it waits for chunks. */
export interface ReadyMessage {
  readonly _tag: "Ready"
}

/** From a worker: the target cannot be loaded here (one line); the worker ends. */
export interface UnavailableMessage {
  readonly _tag: "Unavailable"
  readonly reason: string
}

/** From a worker: exploring run `index`, judged. */
export interface JudgedMessage {
  readonly _tag: "Judged"
  readonly index: number
  readonly run: Run
  readonly verdicts: RunVerdicts
  readonly choices: ReadonlyArray<Choice>
  /** Whether the run fails the check (`verdictOf` is defined). */
  readonly failing: boolean
}

/** From a worker: its chunk is done (every run, or up to a failing one); it waits for the next. */
export interface ChunkDoneMessage {
  readonly _tag: "ChunkDone"
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
export type FromWorker = ReadyMessage | UnavailableMessage | JudgedMessage | ChunkDoneMessage | CrashedMessage | StoppedMessage
