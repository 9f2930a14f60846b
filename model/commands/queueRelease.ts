/**
 * `QueueRelease`: a consumer releases a message early (SQS
 * `ChangeMessageVisibility` to 0, RabbitMQ's `basic.nack` with requeue): its
 * visibility ends now, so it is visible again, or moved to the dead-letter
 * queue when its receive count reached `receiveCountMax`.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { buffersWithout } from "../queue/consumers.ts"
import { isExhausted, moveToDeadLetterQueue } from "../queue/deadLetter.ts"
import { messagesWith, messageVisibleFrom, withQueueState } from "../queue/queueState.ts"
import { lookUpInFlight } from "../queue/visibility.ts"
import type { ModelState, Transition } from "../state.ts"
import { withQueues } from "../state.ts"

/**
 * Runs `QueueRelease`: `UnknownQueue`; `UnknownReceipt`; `NotInFlight` unless
 * the receipt is the latest of a message of the queue in flight; then the
 * receipt leaves the consumer's buffer (if there) and the message's
 * visibility ends now. Answers `Released`, with `deadLettered` saying whether
 * it moved to the dead-letter queue.
 */
export const queueRelease = (state: ModelState, command: CommandOf<"QueueRelease">): Transition => {
  const { queue, consumer, receipt } = command
  const world = state.world
  const queueIndex = world.queueIndex.get(queue)
  if (queueIndex === undefined) return { state, response: { _tag: "UnknownQueue", queue } }
  const lookup = lookUpInFlight(state.queues, queueIndex, queue, receipt, state.nowMs)
  if ("_tag" in lookup) return { state, response: lookup }
  const queueState = state.queues.byIndex[queueIndex]
  const message = queueState.messages[lookup.position]
  const deadLettered = isExhausted(world, queueIndex, message)
  const consumers = buffersWithout(queueState.consumers, consumer, receipt)
  const messages = deadLettered ? queueState.messages : messagesWith(queueState.messages, lookup.position, messageVisibleFrom(message, 0))
  const released = withQueueState(state.queues, queueIndex, { messages, dedup: queueState.dedup, consumers })
  const queues = deadLettered ? moveToDeadLetterQueue(world, released, queueIndex, lookup.position) : released
  return {
    state: withQueues(state, queues),
    response: { _tag: "Released", queue, consumer, receipt, messageId: message.messageId, deadLettered }
  }
}
