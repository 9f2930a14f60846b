/**
 * `QueueProcess`: the consumer's application processes a message it
 * received. Only the consumer's buffer changes; the broker is not touched.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import * as Seq from "../internal/seq.ts"
import { buffersWithout, holdsReceipt } from "../queue/consumers.ts"
import { withQueueState } from "../queue/queueState.ts"
import type { ModelState, Transition } from "../state.ts"
import { withQueues } from "../state.ts"

/**
 * Runs `QueueProcess`: `UnknownQueue`; `NotReceived` unless the consumer's
 * buffer holds the receipt; the receipt leaves the buffer (a stale receipt is
 * processed all the same). Answers `QueueProcessed` with the receipt's
 * message.
 */
export const queueProcess = (state: ModelState, command: CommandOf<"QueueProcess">): Transition => {
  const { queue, consumer, receipt } = command
  const queueIndex = state.world.queueIndex.get(queue)
  if (queueIndex === undefined) return { state, response: { _tag: "UnknownQueue", queue } }
  const queues = state.queues
  const queueState = queues.byIndex[queueIndex]
  if (!holdsReceipt(queueState.consumers, consumer, receipt)) return { state, response: { _tag: "NotReceived", queue, consumer, receipt } }
  const messageId = Seq.at(queues.receipts, receipt).messageId
  const next = withQueueState(queues, queueIndex, { messages: queueState.messages, dedup: queueState.dedup, consumers: buffersWithout(queueState.consumers, consumer, receipt) })
  return { state: withQueues(state, next), response: { _tag: "QueueProcessed", queue, consumer, receipt, messageId } }
}
