/**
 * StaleReceiptsDoNotDelete: an acknowledgement deletes a message only with
 * the receipt of its latest receive, and only while the message is still
 * where that receive found it; a stale receipt's `Acknowledged` says
 * `deleted: false`.
 *
 * @module
 */
import type { Config, History } from "../../spec/index.ts"
import { needs } from "./applicability.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { queuesOf, showReceive } from "./internal/queueConfigs.ts"
import { type QueueMessage, type QueueReceive, QueueReplay } from "./internal/queueReplay.ts"

/** Why a receipt no longer deletes its message (it is stale), or `undefined` when it still does. */
const staleReason = (message: QueueMessage, receive: QueueReceive): string | undefined => {
  if (message.deleted !== undefined) {
    return `receipt ${message.deleted.receipt} of consumer ${message.deleted.consumer} deleted it at step ${message.deleted.step + 1}`
  }
  const latest = message.latest!
  if (latest.receipt !== receive.receipt) return `${showReceive(latest)} received it again since, from ${latest.queue}`
  if (message.redriven !== undefined && message.redriven.step > receive.step) {
    return `Redriven moved it back from ${message.redriven.from} to ${message.redriven.to} at step ${message.redriven.step + 1}`
  }
  if (message.moved !== undefined && message.moved.step > receive.step) {
    return `${message.moved.by} moved it to ${message.moved.to ?? "no dead-letter queue"} at step ${message.moved.step + 1}`
  }
  // A bound's drop takes the message out of its queue as a deletion does (QueueAck's rule 3: "a message still in the queue").
  if (message.dropped !== undefined && message.dropped.step > receive.step) {
    return `the Enqueued of ${message.dropped.queue} at step ${message.dropped.step + 1} dropped it to make room`
  }
  return undefined
}

/**
 * The first `Acknowledged` whose `deleted` is not "its receipt is the latest
 * receipt of its message, and the message was not deleted, moved to the
 * dead-letter queue or redriven since that receipt was issued" (nor dropped
 * by a bound: QueueAck deletes only a message still in the queue). An
 * acknowledgement of a receipt no `Received` of its queue issued is not
 * judged (it should have been `UnknownReceipt`).
 */
const always = (history: History, config: Config): Violation | undefined => {
  if (queuesOf(config).length === 0) return undefined
  const replay = new QueueReplay(config)
  for (const moment of replay.walk(history)) {
    const response = moment.entry.response
    if (response._tag !== "Acknowledged") continue
    const receive = replay.receipts.get(response.receipt)
    if (receive === undefined || receive.queue !== response.queue) continue
    const message = replay.messages.get(receive.messageId)!
    const stale = staleReason(message, receive)
    const here = `queue ${response.queue} acknowledged receipt ${response.receipt} of message ${receive.messageId} (consumer ${response.consumer}) at ${replay.nowMs} ms`
    if (response.deleted && stale !== undefined) {
      return { step: moment.step, message: `${here} with deleted: true, but the receipt was stale: ${stale}` }
    }
    if (!response.deleted && stale === undefined) {
      return {
        step: moment.step,
        message: `${here} with deleted: false, but the receipt is its latest (${showReceive(receive)}) and it was not deleted, moved or redriven since`
      }
    }
  }
  return undefined
}

/** An `Acknowledged` with `deleted: false` of a receipt whose message was received again since, and was not deleted. */
const sometimes = (history: History, config: Config): boolean => {
  if (queuesOf(config).length === 0) return false
  const replay = new QueueReplay(config)
  for (const moment of replay.walk(history)) {
    const response = moment.entry.response
    if (response._tag !== "Acknowledged" || response.deleted) continue
    const receive = replay.receipts.get(response.receipt)
    if (receive === undefined || receive.queue !== response.queue) continue
    const message = replay.messages.get(receive.messageId)!
    if (message.deleted === undefined && message.latest !== undefined && message.latest.step > receive.step) return true
  }
  return false
}

/** The checker of StaleReceiptsDoNotDelete. */
export const staleReceiptsDoNotDelete: GuaranteeCheck = {
  id: "StaleReceiptsDoNotDelete",
  always,
  sometimes,
  notApplicableReason: needs.queue
}
