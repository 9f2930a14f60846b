/**
 * What the main thread and an exploration's judging worker threads say to
 * each other (see `judgePool.ts` and `judgeWorkerMain.ts`): plain data,
 * copied by `postMessage`'s structured clone. A worker rebuilds the
 * explored tree from a copy of it as numbers (`treeCopy.ts`), so a chunk is
 * named by its range of state indexes alone.
 *
 * @module
 */
import type { Config } from "../../../spec/config.ts"
import type { GuaranteeId } from "../../../spec/guarantee.ts"
import type { PathTally } from "../judgePaths.ts"
import type { TreeCopy } from "./treeCopy.ts"

/** What a worker needs to rebuild the explored tree and judge any of its states' paths (its `workerData`). */
export interface JudgeWorkerData {
  readonly _tag: "Judge"
  readonly config: Config
  /** The guarantees judged, in the order of the tallies. */
  readonly guarantees: ReadonlyArray<GuaranteeId>
  /** The explored tree, as numbers. */
  readonly tree: TreeCopy
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
