/**
 * `BrokerRestart`: the broker process dies and comes back from its data. The
 * model's broker made every send durable before it answered, so only the
 * clients change: every queue consumer's client is gone, as at a
 * `QueueCrash` of each.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import type { ResponseOf } from "../../spec/response.ts"
import { consumerBuffersEmpty } from "../queue/consumers.ts"
import { withQueueState } from "../queue/queueState.ts"
import type { ModelState, Transition } from "../state.ts"
import { withQueues } from "../state.ts"

/**
 * Runs `BrokerRestart`: queue by queue in configuration order, each queue's
 * consumers in the order their clients started, every client is removed.
 * Answers `BrokerRestarted` with the receipts each held.
 */
export const brokerRestart = (state: ModelState, _command: CommandOf<"BrokerRestart">): Transition => {
  const clients: Array<ResponseOf<"BrokerRestarted">["clients"][number]> = []
  let queues = state.queues
  state.queues.byIndex.forEach((queueState, queueIndex) => {
    if (queueState.consumers.size === 0) return
    const queue = state.world.config.queues![queueIndex].name
    for (const [consumer, receipts] of queueState.consumers) clients.push({ queue, consumer, receipts: receipts.slice() })
    queues = withQueueState(queues, queueIndex, { messages: queueState.messages, dedup: queueState.dedup, consumers: consumerBuffersEmpty })
  })
  const response = { _tag: "BrokerRestarted" as const, clients }
  return { state: queues === state.queues ? state : withQueues(state, queues), response }
}
