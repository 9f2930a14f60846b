/**
 * `QueueReceive`: a consumer receives up to `messagesMax` visible messages;
 * each goes in flight for the queue's visibility timeout with a new receipt.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { buffersReceived } from "../queue/consumers.ts"
import { eligiblePositions, receiveAt } from "../queue/receive.ts"
import type { ModelState, Transition } from "../state.ts"
import { withQueues } from "../state.ts"

/**
 * Runs `QueueReceive`: `UnknownQueue`; then the eligible messages (see
 * `eligiblePositions`) get receive count + 1, the next receipts and
 * `inFlightUntilMs = nowMs + visibilityTimeoutMs`, and the consumer's buffer
 * (started if it had no client) gets their receipts. Answers `Received`.
 */
export const queueReceive = (state: ModelState, command: CommandOf<"QueueReceive">): Transition => {
  const { queue, consumer } = command
  const world = state.world
  const queueIndex = world.queueIndex.get(queue)
  if (queueIndex === undefined) return { state, response: { _tag: "UnknownQueue", queue } }
  const queues = state.queues
  const queueState = queues.byIndex[queueIndex]
  const positions = eligiblePositions(queueState, world.fifo[queueIndex], command.messagesMax, state.nowMs)
  const inFlightUntilMs = state.nowMs + world.config.queues![queueIndex].visibilityTimeoutMs
  const outcome = receiveAt(queueState, queueIndex, positions, queues.receipts, inFlightUntilMs)
  const consumers = buffersReceived(queueState.consumers, consumer, outcome.issued)
  const response = { _tag: "Received" as const, queue, consumer, messages: outcome.received }
  if (outcome.messages === queueState.messages && consumers === queueState.consumers) return { state, response }
  const byIndex = queues.byIndex.slice()
  byIndex[queueIndex] = { messages: outcome.messages, dedup: queueState.dedup, consumers }
  return { state: withQueues(state, { byIndex, receipts: outcome.receipts, messageIdNext: queues.messageIdNext }), response }
}
