/**
 * DeduplicationWindowSuppresses: a FIFO send whose dedup id the queue
 * enqueued less than `dedupWindowMs` before is accepted and not enqueued
 * again; every other send gets a fresh message id; a listing remembers
 * exactly the ids enqueued within the window.
 *
 * @module
 */
import type { Config, History, QueueConfig, RememberedDedupId } from "../../spec/index.ts"
import { isFifo, queueDedupWindowMsOf } from "../../spec/index.ts"
import { needs } from "./applicability.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { fifoQueuesOf, queuesOf } from "./internal/queueConfigs.ts"
import { type DedupEnqueue, QueueReplay } from "./internal/queueReplay.ts"

const showEnqueue = (enqueue: DedupEnqueue): string => `message ${enqueue.messageId} at ${enqueue.atMs} ms (step ${enqueue.step + 1})`

const showWindow = (queue: QueueConfig): string => `its dedupWindowMs of ${queueDedupWindowMsOf(queue)} ms`

/** What a listing of the queue at `nowMs` gets wrong about the dedup ids it remembers, or `undefined` when it lists exactly those enqueued within the window. */
const listingReason = (replay: QueueReplay, queue: QueueConfig, remembered: ReadonlyArray<RememberedDedupId>, nowMs: number): string | undefined => {
  const expected = new Map<string, DedupEnqueue>()
  if (isFifo(queue)) {
    for (const enqueue of replay.dedupEnqueuesOf(queue.name)) if (replay.remembers(queue, enqueue.atMs, nowMs)) expected.set(enqueue.dedupId, enqueue)
  }
  const listed = new Set<string>()
  for (const id of remembered) {
    const shown = `dedup id ${JSON.stringify(id.dedupId)} (message ${id.messageId}, at ${id.atMs} ms)`
    if (listed.has(id.dedupId)) return `it remembers ${shown} twice`
    listed.add(id.dedupId)
    const enqueue = expected.get(id.dedupId)
    if (enqueue !== undefined) {
      if (enqueue.messageId !== id.messageId || enqueue.atMs !== id.atMs) return `it remembers ${shown}, but the id was last enqueued as ${showEnqueue(enqueue)}`
      continue
    }
    if (!isFifo(queue)) return `it remembers ${shown}, but the queue is not FIFO`
    const last = replay.dedupEnqueue(queue.name, id.dedupId)
    if (last === undefined) return `it remembers ${shown}, but no send enqueued that id`
    return `it remembers ${shown}, but the id was last enqueued as ${showEnqueue(last)}, ${showWindow(queue)} or more before: its window had expired`
  }
  for (const enqueue of expected.values()) {
    if (!listed.has(enqueue.dedupId)) {
      return `it does not remember dedup id ${JSON.stringify(enqueue.dedupId)}, enqueued as ${showEnqueue(enqueue)}, less than ${showWindow(queue)} before`
    }
  }
  return undefined
}

/**
 * The first, in history order, of: a `QueueSend` with a dedup id whose last
 * enqueue in its FIFO queue is less than `dedupWindowMs` before it, not
 * answered `Enqueued` with that message's id and `deduplicated`; any other
 * send answered `deduplicated`, or with a message id an earlier answer gave;
 * a `QueueListed` whose remembered ids are not exactly those enqueued within
 * the window.
 */
const always = (history: History, config: Config): Violation | undefined => {
  if (queuesOf(config).length === 0) return undefined
  const replay = new QueueReplay(config)
  for (const moment of replay.walk(history)) {
    const { command, response } = moment.entry
    if (response._tag === "QueueListed") {
      const queue = replay.queue(response.queue)
      if (queue === undefined) continue
      const reason = listingReason(replay, queue, response.remembered, replay.nowMs)
      if (reason !== undefined) return { step: moment.step, message: `the listing of queue ${queue.name} at ${replay.nowMs} ms is wrong: ${reason}` }
      continue
    }
    if (response._tag !== "Enqueued" || command._tag !== "QueueSend") continue
    const queue = replay.queue(response.queue)
    if (queue === undefined) continue
    const dedupId = command.dedupId
    const last = dedupId === undefined || !isFifo(queue) ? undefined : replay.dedupEnqueue(queue.name, dedupId)
    const here = `queue ${queue.name} answered a send${dedupId === undefined ? "" : ` with dedup id ${JSON.stringify(dedupId)}`} at ${replay.nowMs} ms with message ${response.messageId}`
    if (last !== undefined && replay.remembers(queue, last.atMs, replay.nowMs)) {
      if (response.deduplicated === true && response.messageId === last.messageId) continue
      return {
        step: moment.step,
        message: `${here}${response.deduplicated === true ? " (deduplicated)" : " (enqueued)"}, but the id was enqueued as ${showEnqueue(last)}, less than ${showWindow(queue)} before: it should have been suppressed as a duplicate of message ${last.messageId}`
      }
    }
    if (response.deduplicated === true) {
      const why = dedupId === undefined
        ? "the send has no dedup id"
        : !isFifo(queue)
        ? "the queue is not FIFO"
        : last === undefined
        ? "no send enqueued that id before"
        : `the id was last enqueued as ${showEnqueue(last)}, ${showWindow(queue)} or more before: its window had expired`
      return { step: moment.step, message: `${here} (deduplicated), but ${why}` }
    }
    const owner = replay.messages.get(response.messageId)
    if (owner !== undefined) {
      return { step: moment.step, message: `${here}, but message ${response.messageId} was already enqueued at step ${owner.stay.step + 1}: the id is not fresh` }
    }
  }
  return undefined
}

/** A send was suppressed as a duplicate within the window, and (maybe another) send with an id enqueued before was enqueued again after the window. */
const sometimes = (history: History, config: Config): boolean => {
  if (fifoQueuesOf(config).length === 0) return false
  const replay = new QueueReplay(config)
  let suppressed = false
  let enqueuedAgain = false
  for (const moment of replay.walk(history)) {
    const { command, response } = moment.entry
    if (response._tag !== "Enqueued" || command._tag !== "QueueSend" || command.dedupId === undefined) continue
    const queue = replay.queue(response.queue)
    if (queue === undefined || !isFifo(queue)) continue
    const last = replay.dedupEnqueue(queue.name, command.dedupId)
    if (last === undefined) continue
    const within = replay.remembers(queue, last.atMs, replay.nowMs)
    if (within && response.deduplicated === true && response.messageId === last.messageId) suppressed = true
    if (!within && response.deduplicated !== true && !replay.messages.has(response.messageId)) enqueuedAgain = true
    if (suppressed && enqueuedAgain) return true
  }
  return false
}

/** The checker of DeduplicationWindowSuppresses. */
export const deduplicationWindowSuppresses: GuaranteeCheck = {
  id: "DeduplicationWindowSuppresses",
  always,
  sometimes,
  notApplicableReason: needs.fifoQueue
}
