/**
 * What the main thread and an exploration's worker threads say to each
 * other (see `workerPool.ts` and `exploreWorkerMain.ts`). The main thread
 * numbers the states and views; each worker keeps a copy of the tree, told
 * after each depth the states and views the main thread numbered, and does
 * the ranges it is sent: a range of a depth's frontier to expand during
 * the search, a range of states whose paths to judge after it. Each range
 * belongs to a job (a depth's expansion, the judging), so an answer to a
 * job already done is told apart. Typed arrays are moved, not copied.
 *
 * @module
 */
import type { Config } from "../../../spec/config.ts"
import type { GuaranteeId } from "../../../spec/guarantee.ts"
import type { PathTally } from "../judgePaths.ts"
import type { TreeLevel } from "./treeLevel.ts"

/** What a worker needs (its `workerData`). */
export interface ExploreWorkerData {
  readonly config: Config
}

/**
 * From the main thread: the states of the next depth (indexes from
 * `start`, consecutive), each by its parent, move and view numbers, and the
 * views numbered while merging them, four numbers each: the view's number,
 * the state and the move it was met from, its hash.
 */
export interface LevelMessage extends TreeLevel {
  readonly _tag: "Level"
}

/** From the main thread: expand states `start` to `end` (excluded) of the frontier. */
export interface ExpandMessage {
  readonly _tag: "Expand"
  readonly job: number
  readonly start: number
  readonly end: number
}

/** From the main thread: judge the paths of states `start` to `end` (excluded) by `guarantees`. */
export interface JudgeMessage {
  readonly _tag: "Judge"
  readonly job: number
  readonly start: number
  readonly end: number
  readonly guarantees: ReadonlyArray<GuaranteeId>
}

/** From the main thread: nothing more; end. */
export interface StopMessage {
  readonly _tag: "Stop"
}

/** What the main thread sends a worker. */
export type ToExploreWorker = LevelMessage | ExpandMessage | JudgeMessage | StopMessage

/** A range of a job: what the main thread sends and a worker answers. */
export type RangeMessage = ExpandMessage | JudgeMessage

/** From a worker: it has loaded; it does the ranges it is sent. */
export interface ReadyMessage {
  readonly _tag: "Ready"
}

/** From a worker: the expansion of states `start` to `end` (see `expandRange.ts`). */
export interface ExpandedMessage {
  readonly _tag: "Expanded"
  readonly job: number
  readonly start: number
  readonly end: number
  readonly out: Float64Array
}

/** From a worker: the tallies of the paths of states `start` to `end`. */
export interface JudgedMessage {
  readonly _tag: "Judged"
  readonly job: number
  readonly start: number
  readonly end: number
  readonly tallies: ReadonlyArray<PathTally>
}

/** From a worker: something threw, or its copy of the tree diverged (one line); the worker ends. */
export interface CrashedMessage {
  readonly _tag: "Crashed"
  readonly reason: string
}

/** A range done: what a worker answers to a {@link RangeMessage}. */
export type RangeDoneMessage = ExpandedMessage | JudgedMessage

/** What a worker sends the main thread. */
export type FromExploreWorker = ReadyMessage | RangeDoneMessage | CrashedMessage
