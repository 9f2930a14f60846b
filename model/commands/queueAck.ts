/**
 * `QueueAck`: a consumer acknowledges (deletes) a message by its receipt.
 * Only the message's latest receipt deletes; a stale one changes nothing and
 * says so (`deleted: false`), where SQS answers success and keeps the
 * message.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { messagesWithout, withMessages, withQueueState } from "../queue/queueState.ts"
import { issuedBy, positionOfCurrent } from "../queue/visibility.ts"
import type { ModelState, Transition } from "../state.ts"
import { withQueues } from "../state.ts"

/**
 * Runs `QueueAck`: `UnknownQueue`; `UnknownReceipt` when the queue never
 * issued the receipt; when it is the latest receipt of a message still in
 * the queue (in flight or visible again), the message is deleted; otherwise
 * nothing changes. The consumer's buffer is not touched. Answers
 * `Acknowledged` with `deleted` saying which.
 */
export const queueAck = (state: ModelState, command: CommandOf<"QueueAck">): Transition => {
  const { queue, consumer, receipt } = command
  const queueIndex = state.world.queueIndex.get(queue)
  if (queueIndex === undefined) return { state, response: { _tag: "UnknownQueue", queue } }
  const queues = state.queues
  const issued = issuedBy(queues, queueIndex, receipt)
  if (issued === undefined) return { state, response: { _tag: "UnknownReceipt", queue, receipt } }
  const queueState = queues.byIndex[queueIndex]
  const position = positionOfCurrent(queueState, issued, receipt)
  const messageId = issued.messageId
  if (position < 0) return { state, response: { _tag: "Acknowledged", queue, consumer, receipt, messageId, deleted: false } }
  return {
    state: withQueues(state, withQueueState(queues, queueIndex, withMessages(queueState, messagesWithout(queueState.messages, position)))),
    response: { _tag: "Acknowledged", queue, consumer, receipt, messageId, deleted: true }
  }
}
