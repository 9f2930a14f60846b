/**
 * What the main thread and an exploration's judging worker threads say to
 * each other (see `judgePool.ts` and `judgeWorkerMain.ts`): plain data,
 * copied by `postMessage`'s structured clone. A worker explores the same
 * tree itself (the search is deterministic and a small part of the time),
 * so a chunk is named by its range of state indexes alone.
 *
 * @module
 */
import type { Config } from "../../../spec/config.ts"
import type { GuaranteeId } from "../../../spec/guarantee.ts"
import type { PathTally } from "../judgePaths.ts"

/** What a worker needs to explore the same tree and judge any of its states' paths (its `workerData`). */
export interface JudgeWorkerData {
  readonly config: Config
  readonly depthMax: number
  readonly statesMax: number
  /** The guarantees judged, in the order of the tallies. */
  readonly guarantees: ReadonlyArray<GuaranteeId>
  /** The states the main thread explored: the worker's tree must have as many, or it says it crashed. */
  readonly states: number
}

/** From the main thread: judge the paths of states `start` to `end` (excluded). */
export interface JudgeChunkMessage {
  readonly _tag: "Chunk"
  readonly start: number
  readonly end: number
}

/** From the main thread: judge nothing more and end. */
export interface JudgeStopMessage {
  readonly _tag: "Stop"
}

/** What the main thread sends a judging worker. */
export type ToJudgeWorker = JudgeChunkMessage | JudgeStopMessage

/** From a worker: it explored the tree; it judges the chunks it is sent. */
export interface JudgeReadyMessage {
  readonly _tag: "Ready"
}

/** From a worker: the tallies of the paths of states `start` to `end` (excluded). */
export interface JudgedMessage {
  readonly _tag: "Judged"
  readonly start: number
  readonly end: number
  readonly tallies: ReadonlyArray<PathTally>
}

/** From a worker: exploring or judging threw, or its tree differs (one line); the worker ends. */
export interface JudgeCrashedMessage {
  readonly _tag: "Crashed"
  readonly reason: string
}

/** What a judging worker sends the main thread. */
export type FromJudgeWorker = JudgeReadyMessage | JudgedMessage | JudgeCrashedMessage
