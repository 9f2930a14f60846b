/**
 * DropOverflowLosesSilently: a `drop-oldest` or `drop-newest` queue accepts
 * a send that finds it full and discards a message: its first visible one,
 * or the new one; the `Enqueued` answer's `dropped` records which, and the
 * dropped message is gone for good. The witness counts a dropped message
 * that was never processed: the silent loss the regime costs.
 *
 * The queue's fullness is its visible depth as the queue replay rebuilds it
 * from the answers (see `internal/queueReplay.ts`).
 *
 * @module
 */
import type { Config, History, Response } from "../../spec/index.ts"
import { needs } from "./applicability.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { type BoundedSend, boundedSendOf, showDepth } from "./internal/boundedSends.ts"
import { overflowQueuesOf } from "./internal/queueConfigs.ts"
import { type QueueDrop, type QueueMoment, QueueReplay } from "./internal/queueReplay.ts"

const droppingQueuesOf = (config: Config) => overflowQueuesOf(config, ["drop-oldest", "drop-newest"])

/** Why the send's answer breaks the claim on a dropping queue, or `undefined` when it does not (or the queue does not drop). */
const sendReason = (replay: QueueReplay, send: BoundedSend): string | undefined => {
  const { queue, response } = send
  if (queue.overflow !== "drop-oldest" && queue.overflow !== "drop-newest") return undefined
  if (response._tag !== "Enqueued") return `a ${queue.overflow} queue accepts every send`
  const dropped = response.dropped
  if (response.deduplicated === true) {
    return dropped === undefined ? undefined : "a deduplicated send stores nothing, so it drops nothing"
  }
  const held = showDepth(send.depth)
  if (!send.full) return dropped === undefined ? undefined : `it held ${held}, fewer than its messagesMax of ${queue.messagesMax}: it dropped a message while it had room`
  if (queue.overflow === "drop-newest") {
    if (dropped === response.messageId) return undefined
    const wrong = dropped === undefined ? "it stored the message without dropping any" : `it dropped message ${dropped}`
    return `it held ${held}, its messagesMax of ${queue.messagesMax} or more: ${wrong}, and drop-newest drops the send's own message ${response.messageId}`
  }
  const oldest = replay.oldestVisible(queue.name)
  if (oldest !== undefined && dropped === oldest.messageId) return undefined
  const wrong = dropped === undefined ? "it stored the message without dropping any" : `it dropped message ${dropped}`
  const due = oldest === undefined ? "none is visible" : `its first visible message in queue order is message ${oldest.messageId} (appended at step ${oldest.stay.step + 1})`
  return `it held ${held}, its messagesMax of ${queue.messagesMax} or more: ${wrong}, and drop-oldest drops the first visible message: ${due}`
}

/** What the answer did to a message that a dropping queue dropped before (received, deleted, moved or listed it), or `undefined`. */
const afterDropReason = (moment: QueueMoment, nowMs: number, dropOf: (messageId: number) => QueueDrop | undefined): string | undefined => {
  const response: Response = moment.entry.response
  const dropped = (messageId: number, did: string): string | undefined => {
    const drop = dropOf(messageId)
    if (drop === undefined) return undefined
    return `${did} message ${messageId}, which the Enqueued of ${drop.queue} at step ${drop.step + 1} (message ${drop.sentId}) dropped: a dropped message is gone`
  }
  switch (response._tag) {
    case "Received": {
      const received = moment.received
      return received === undefined ? undefined : dropped(received.messageId, `queue ${response.queue} gave consumer ${response.consumer} (receipt ${received.receipt}, at ${nowMs} ms)`)
    }
    case "Acknowledged":
      return response.deleted ? dropped(response.messageId, `queue ${response.queue} deleted (receipt ${response.receipt}, at ${nowMs} ms)`) : undefined
    case "Released":
      return response.deadLettered ? dropped(response.messageId, `queue ${response.queue} moved to its dead-letter queue (receipt ${response.receipt}, at ${nowMs} ms)`) : undefined
    case "ClockAdvanced": {
      for (const moved of response.deadLettered ?? []) {
        const reason = dropped(moved.messageId, `ClockAdvanced to ${response.nowMs} ms moved from ${moved.queue} to ${moved.deadLetterQueue}`)
        if (reason !== undefined) return reason
      }
      return undefined
    }
    case "Redriven": {
      for (const redriven of response.messages) {
        const reason = dropped(redriven.messageId, `Redriven of ${response.queue} at ${nowMs} ms moved back to ${redriven.source}`)
        if (reason !== undefined) return reason
      }
      return undefined
    }
    case "QueueListed": {
      for (const entry of response.messages) {
        const reason = dropped(entry.messageId, `the listing of ${response.queue} at ${nowMs} ms holds`)
        if (reason !== undefined) return reason
      }
      return undefined
    }
    default:
      return undefined
  }
}

/**
 * The first, in history order, of: a refusal (`SendBlocked`,
 * `SendRejected`) by a `drop-oldest` or `drop-newest` queue; an `Enqueued`
 * of such a queue that carries `dropped` while its visible messages numbered
 * fewer than `messagesMax`, or a deduplicated one that does; a non-deduplicated
 * `Enqueued` of a full one that does not carry `dropped`, or drops another
 * message than the first visible one in queue order (`drop-oldest`) or the
 * send's own (`drop-newest`); an answer that receives, deletes, moves or
 * lists a message such a queue dropped before.
 */
const always = (history: History, config: Config): Violation | undefined => {
  const queues = new Set(droppingQueuesOf(config).map((queue) => queue.name))
  if (queues.size === 0) return undefined
  const replay = new QueueReplay(config)
  const dropOf = (messageId: number): QueueDrop | undefined => {
    const drop = replay.drops.get(messageId)
    return drop !== undefined && queues.has(drop.queue) ? drop : undefined
  }
  for (const moment of replay.walk(history)) {
    const send = boundedSendOf(replay, moment)
    const sendWrong = send === undefined ? undefined : sendReason(replay, send)
    if (sendWrong !== undefined) return { step: moment.step, message: `${send!.here}, but ${sendWrong}` }
    const after = afterDropReason(moment, replay.nowMs, dropOf)
    if (after !== undefined) return { step: moment.step, message: after }
  }
  return undefined
}

/** A `drop-oldest` or `drop-newest` queue's `Enqueued` dropped a message that no `QueueProcessed` names, before or after. */
const sometimes = (history: History, config: Config): boolean => {
  const queues = new Set(droppingQueuesOf(config).map((queue) => queue.name))
  if (queues.size === 0) return false
  const replay = new QueueReplay(config).run(history)
  for (const drop of replay.drops.values()) {
    if (queues.has(drop.queue) && replay.messages.get(drop.messageId)?.processedFirstStep === undefined) return true
  }
  return false
}

/** The checker of DropOverflowLosesSilently. */
export const dropOverflowLosesSilently: GuaranteeCheck = {
  id: "DropOverflowLosesSilently",
  always,
  sometimes,
  notApplicableReason: needs.droppingQueue
}
