/**
 * A FIFO queue's deduplication table (spec/command/queue.ts `QueueSend`): each
 * dedup id it enqueued, with the message and the time. An id is remembered
 * while `nowMs < atMs + dedupWindowMs`, whether or not its message is still
 * in the queue; a suppressed duplicate does not extend the window, and an id
 * sent again after its window is recorded afresh (its latest recording is
 * what the queue remembers).
 *
 * @module
 */
import type { RememberedDedupId } from "../../spec/queue.ts"
import { compareNames } from "../assignor.ts"
import * as Seq from "../internal/seq.ts"
import { seqKeyIndex } from "../internal/seqKeyIndex.ts"

const recordingIndex = seqKeyIndex<RememberedDedupId>((recording) => recording.dedupId)

/** The recording of `dedupId` the table remembers at `nowMs`, or `undefined` (never enqueued, or its window is over). */
export const rememberedDedupId = (
  dedup: Seq.Seq<RememberedDedupId>,
  dedupId: string,
  nowMs: number,
  windowMs: number
): RememberedDedupId | undefined => {
  const recording = recordingIndex.lastOf(dedup, dedupId)
  return recording !== undefined && nowMs < recording.atMs + windowMs ? recording : undefined
}

/** The table with `dedupId` recorded for `messageId` at `atMs`. */
export const recordDedupId = (dedup: Seq.Seq<RememberedDedupId>, dedupId: string, messageId: number, atMs: number): Seq.Seq<RememberedDedupId> =>
  Seq.append(dedup, { dedupId, messageId, atMs })

/** The ids remembered at `nowMs` (expired ones left out), sorted by `atMs`, then id (plain string order). */
export const rememberedDedupIds = (dedup: Seq.Seq<RememberedDedupId>, nowMs: number, windowMs: number): Array<RememberedDedupId> =>
  recordingIndex
    .lastOfEach(dedup)
    .filter((recording) => nowMs < recording.atMs + windowMs)
    .sort((a, b) => a.atMs - b.atMs || compareNames(a.dedupId, b.dedupId))
