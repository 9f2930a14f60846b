/**
 * Visibility: a received message is in flight while `nowMs < inFlightUntilMs`
 * and visible otherwise (spec/config.ts `QueueConfig.visibilityTimeoutMs`).
 * A receipt is "current" while it is the latest receipt of a message still in
 * its queue; `QueueRelease` and `QueueExtend` need a current receipt of a
 * message in flight.
 *
 * @module
 */
import type { ResponseOf } from "../../spec/response.ts"
import * as Seq from "../internal/seq.ts"
import type { IssuedReceipt, QueueMessage, Queues, QueueState } from "./queueState.ts"
import { positionOfMessage } from "./queueState.ts"

/** Whether the message is in flight at `nowMs`. */
export const isInFlight = (message: QueueMessage, nowMs: number): boolean => nowMs < message.inFlightUntilMs

/** The receipt as issued by the queue at `queueIndex`, or `undefined` when that queue never issued it. */
export const issuedBy = (queues: Queues, queueIndex: number, receipt: number): IssuedReceipt | undefined => {
  if (receipt >= Seq.size(queues.receipts)) return undefined
  const issued = Seq.at(queues.receipts, receipt)
  return issued.queueIndex === queueIndex ? issued : undefined
}

/** The position in the queue of the message whose latest receipt is `receipt` (the receipt is current), or -1. */
export const positionOfCurrent = (queue: QueueState, issued: IssuedReceipt, receipt: number): number => {
  const position = positionOfMessage(queue, issued.messageId)
  return position >= 0 && queue.messages[position].receipt === receipt ? position : -1
}

/** What `QueueRelease` and `QueueExtend` find for a receipt: the issued receipt and its message's position, or their error. */
export type InFlightLookup =
  | { readonly issued: IssuedReceipt; readonly position: number }
  | ResponseOf<"UnknownReceipt">
  | ResponseOf<"NotInFlight">

/**
 * The checks of `QueueRelease` and `QueueExtend` after `UnknownQueue`:
 * `UnknownReceipt` when the queue never issued the receipt, `NotInFlight`
 * unless it is the latest receipt of a message of the queue in flight at
 * `nowMs`.
 */
export const lookUpInFlight = (queues: Queues, queueIndex: number, queue: string, receipt: number, nowMs: number): InFlightLookup => {
  const issued = issuedBy(queues, queueIndex, receipt)
  if (issued === undefined) return { _tag: "UnknownReceipt", queue, receipt }
  const queueState = queues.byIndex[queueIndex]
  const position = positionOfCurrent(queueState, issued, receipt)
  if (position < 0 || !isInFlight(queueState.messages[position], nowMs)) return { _tag: "NotInFlight", queue, receipt }
  return { issued, position }
}
