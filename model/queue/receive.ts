/**
 * Receiving (spec/command/queue.ts `QueueReceive`): which messages a receive
 * returns and what it does to them. The first `messagesMax` visible messages
 * in queue order; on a FIFO queue only messages of a group none of whose
 * messages is in flight (a group with one in flight is blocked behind it), so
 * a receive may return several consecutive messages of one group, in queue
 * order, as SQS FIFO does. Each gets receive count + 1, the next receipt and
 * `inFlightUntilMs = nowMs + visibilityTimeoutMs`.
 *
 * @module
 */
import type { ReceivedMessage } from "../../spec/queue.ts"
import * as Seq from "../internal/seq.ts"
import type { IssuedReceipt, QueueMessage, QueueState } from "./queueState.ts"
import { messageReceived } from "./queueState.ts"
import { isInFlight } from "./visibility.ts"

/** The FIFO groups of the queue with a message in flight at `nowMs`: a receive passes them over. */
const groupsInFlight = (messages: ReadonlyArray<QueueMessage>, nowMs: number): ReadonlySet<string | undefined> => {
  const blocked = new Set<string | undefined>()
  for (let i = 0; i < messages.length; i++) if (isInFlight(messages[i], nowMs)) blocked.add(messages[i].group)
  return blocked
}

/** The positions (ascending) of the messages a receive of up to `messagesMax` returns at `nowMs`. */
export const eligiblePositions = (queue: QueueState, fifo: boolean, messagesMax: number, nowMs: number): Array<number> => {
  const messages = queue.messages
  const positions: Array<number> = []
  if (fifo) {
    // Every message of a group not blocked is visible: the group is taken in queue order.
    const blocked = groupsInFlight(messages, nowMs)
    for (let i = 0; i < messages.length && positions.length < messagesMax; i++) if (!blocked.has(messages[i].group)) positions.push(i)
    return positions
  }
  for (let i = 0; i < messages.length && positions.length < messagesMax; i++) if (!isInFlight(messages[i], nowMs)) positions.push(i)
  return positions
}

/** A receive's outcome: the queue's new messages, what the answer lists, and the receipts issued (in order). */
export interface ReceiveOutcome {
  readonly messages: ReadonlyArray<QueueMessage>
  readonly received: ReadonlyArray<ReceivedMessage>
  readonly receipts: Seq.Seq<IssuedReceipt>
  readonly issued: ReadonlyArray<number>
}

/** The message as a receive delivers it (group and dedup id only when it has them). */
export const receivedMessage = (message: QueueMessage): ReceivedMessage => {
  const { messageId, value, group, dedupId, receipt, receiveCount } = message
  if (group === undefined) return dedupId === undefined ? { messageId, value, receipt, receiveCount } : { messageId, value, dedupId, receipt, receiveCount }
  return dedupId === undefined ? { messageId, value, group, receipt, receiveCount } : { messageId, value, group, dedupId, receipt, receiveCount }
}

/**
 * Receives the messages at `positions` of the queue at `queueIndex`: receipts
 * are numbered from the size of `receipts` (the run's receipts so far).
 */
export const receiveAt = (
  queue: QueueState,
  queueIndex: number,
  positions: ReadonlyArray<number>,
  receipts: Seq.Seq<IssuedReceipt>,
  inFlightUntilMs: number
): ReceiveOutcome => {
  if (positions.length === 0) return { messages: queue.messages, received: [], receipts, issued: [] }
  const messages = queue.messages.slice()
  const received: Array<ReceivedMessage> = []
  const issued: Array<number> = []
  let nextReceipts = receipts
  for (const position of positions) {
    const receipt = Seq.size(nextReceipts)
    const message = messageReceived(messages[position], messages[position].receiveCount + 1, receipt, inFlightUntilMs)
    messages[position] = message
    nextReceipts = Seq.append(nextReceipts, { queueIndex, messageId: message.messageId })
    received.push(receivedMessage(message))
    issued.push(receipt)
  }
  return { messages, received, receipts: nextReceipts, issued }
}
