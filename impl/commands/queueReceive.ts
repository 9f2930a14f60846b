/**
 * `QueueReceive`: 1. `UnknownQueue`; 2. the first `messagesMax` of the
 * queue's visible messages in queue order (on a FIFO queue, only the oldest
 * of its group still in the queue) get receive count + 1, the next receipt
 * and `inFlightUntilMs = nowMs + visibilityTimeoutMs`; the consumer's buffer
 * gets their receipts (a consumer without a client starts one); answer
 * `Received`, possibly with no message.
 *
 * @module
 */
import { Effect } from "effect"
import { BrokerClock } from "../brokerClock.ts"
import { QueueConfigs } from "../queue/queueConfigs.ts"
import { QueueConsumers } from "../queue/queueConsumers.ts"
import { QueueStore } from "../queue/queueStore.ts"
import type { Handler } from "./handler.ts"

/** The `QueueReceive` handler. */
export const makeQueueReceive = Effect.gen(function*() {
  const configs = yield* QueueConfigs
  const clock = yield* BrokerClock
  const store = yield* QueueStore
  const consumers = yield* QueueConsumers
  const handler: Handler<"QueueReceive", "Received"> = ({ consumer, messagesMax, ...command }) => {
    const queue = configs.requireQueue(command.queue)
    const messages = store.receive(queue, clock.nowMs(), messagesMax)
    consumers.hold(queue.name, consumer, messages.map((message) => message.receipt))
    return { _tag: "Received", queue: queue.name, consumer, messages }
  }
  return handler
})
