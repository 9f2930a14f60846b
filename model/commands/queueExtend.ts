/**
 * `QueueExtend`: a consumer extends a message's visibility (SQS
 * `ChangeMessageVisibility`, JetStream's `AckProgress`): it stays in flight
 * until `nowMs + ms`.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { messagesWith, messageVisibleFrom, withMessages, withQueueState } from "../queue/queueState.ts"
import { lookUpInFlight } from "../queue/visibility.ts"
import type { ModelState, Transition } from "../state.ts"
import { withQueues } from "../state.ts"

/**
 * Runs `QueueExtend`: `UnknownQueue`; `UnknownReceipt`; `NotInFlight` as in
 * `QueueRelease`; then `inFlightUntilMs = nowMs + ms`. Answers `Extended`.
 */
export const queueExtend = (state: ModelState, command: CommandOf<"QueueExtend">): Transition => {
  const { queue, consumer, receipt } = command
  const queueIndex = state.world.queueIndex.get(queue)
  if (queueIndex === undefined) return { state, response: { _tag: "UnknownQueue", queue } }
  const lookup = lookUpInFlight(state.queues, queueIndex, queue, receipt, state.nowMs)
  if ("_tag" in lookup) return { state, response: lookup }
  const queueState = state.queues.byIndex[queueIndex]
  const message = queueState.messages[lookup.position]
  const inFlightUntilMs = state.nowMs + command.ms
  const messages = messagesWith(queueState.messages, lookup.position, messageVisibleFrom(message, inFlightUntilMs))
  return {
    state: withQueues(state, withQueueState(state.queues, queueIndex, withMessages(queueState, messages))),
    response: { _tag: "Extended", queue, consumer, receipt, messageId: message.messageId, inFlightUntilMs }
  }
}
