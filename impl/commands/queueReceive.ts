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
import type { Handler } from "./handler.ts"

/** The `QueueReceive` handler. */
export const queueReceive: Handler<"QueueReceive", "Received"> = (s, { consumer, messagesMax, ...command }) => {
  const { clock, queueConfigs: configs, queueConsumers: consumers, queueStore: store } = s
  const queue = configs.requireQueue(command.queue)
  const messages = store.receive(queue, clock.nowMs(), messagesMax)
  consumers.hold(queue.name, consumer, messages.map((message) => message.receipt))
  return { _tag: "Received", queue: queue.name, consumer, messages }
}

