/**
 * `QueueCrash`: a consumer crashes. Its client (its buffer) is gone; its
 * messages stay in flight at the broker until their visibility ends, their
 * receive counts counted.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { bufferOf, buffersCrashed } from "../queue/consumers.ts"
import { withQueueState } from "../queue/queueState.ts"
import type { ModelState, Transition } from "../state.ts"
import { withQueues } from "../state.ts"

/**
 * Runs `QueueCrash`: `UnknownQueue`; then the consumer's client is removed (a
 * consumer without one crashes all the same). Answers `QueueCrashed` with the
 * receipts its buffer held, in receive order.
 */
export const queueCrash = (state: ModelState, command: CommandOf<"QueueCrash">): Transition => {
  const { queue, consumer } = command
  const queueIndex = state.world.queueIndex.get(queue)
  if (queueIndex === undefined) return { state, response: { _tag: "UnknownQueue", queue } }
  const queueState = state.queues.byIndex[queueIndex]
  const buffer = bufferOf(queueState.consumers, consumer)
  const response = { _tag: "QueueCrashed" as const, queue, consumer, receipts: buffer === undefined ? [] : buffer.slice() }
  if (buffer === undefined) return { state, response }
  const next = withQueueState(state.queues, queueIndex, { messages: queueState.messages, dedup: queueState.dedup, consumers: buffersCrashed(queueState.consumers, consumer) })
  return { state: withQueues(state, next), response }
}
