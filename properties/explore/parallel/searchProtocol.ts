/**
 * What the main thread and a search worker thread say to each other (see
 * `searchPool.ts` and `searchWorkerMain.ts`). The main thread numbers the
 * states and views; each worker keeps a copy of the tree, told after each
 * level the states and views the main thread numbered, and expands the
 * ranges of the frontier it is sent. Typed arrays are moved, not copied.
 *
 * @module
 */
import type { Config } from "../../../spec/config.ts"
import type { TreeLevel } from "./treeCopy.ts"

/** What a search worker needs (its `workerData`). */
export interface SearchWorkerData {
  readonly _tag: "Search"
  readonly config: Config
}

/**
 * From the main thread: the states of depth `depth` (indexes from `start`,
 * consecutive), each by its parent, move and view numbers, and the views
 * numbered while merging them, four numbers each: the view's number, the
 * state and the move it was met from, its hash.
 */
export interface SearchLevelMessage extends TreeLevel {
  readonly _tag: "Level"
  readonly depth: number
}

/** From the main thread: expand states `start` to `end` (excluded) of depth `depth`. */
export interface SearchExpandMessage {
  readonly _tag: "Expand"
  readonly depth: number
  readonly start: number
  readonly end: number
}

/** From the main thread: expand nothing more and end. */
export interface SearchStopMessage {
  readonly _tag: "Stop"
}

/** What the main thread sends a search worker. */
export type ToSearchWorker = SearchLevelMessage | SearchExpandMessage | SearchStopMessage

/** From a worker: it has loaded; it expands the ranges it is sent. */
export interface SearchReadyMessage {
  readonly _tag: "Ready"
}

/** From a worker: the expansion of states `start` to `end` of depth `depth` (see `expandRange.ts`). */
export interface SearchExpandedMessage {
  readonly _tag: "Expanded"
  readonly depth: number
  readonly start: number
  readonly end: number
  readonly out: Float64Array
}

/** From a worker: something threw, or its copy of the tree diverged (one line); the worker ends. */
export interface SearchCrashedMessage {
  readonly _tag: "Crashed"
  readonly reason: string
}

/** What a search worker sends the main thread. */
export type FromSearchWorker = SearchReadyMessage | SearchExpandedMessage | SearchCrashedMessage
