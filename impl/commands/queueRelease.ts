/**
 * `QueueRelease`: 1. `UnknownQueue`; 2. `UnknownReceipt`; 3. `NotInFlight`
 * unless the receipt is the latest of a message in the queue that is in
 * flight; 4. the receipt leaves the consumer's buffer if it is there, and the
 * message's visibility ends now: it is visible again, or, its receive count
 * at `receiveCountMax`, moved to the dead-letter queue; answer `Released`,
 * saying which.
 *
 * @module
 */
import type { Handler } from "./handler.ts"

/** The `QueueRelease` handler. */
export const queueRelease: Handler<"QueueRelease", "Released"> = (s, { consumer, receipt, ...command }) => {
  const { clock, queueConfigs: configs, queueConsumers: consumers, queueStore: store } = s
  const queue = configs.requireQueue(command.queue)
  const { deadLettered, messageId } = store.release(queue, receipt, clock.nowMs())
  consumers.take(queue.name, consumer, receipt)
  return { _tag: "Released", queue: queue.name, consumer, receipt, messageId, deadLettered }
}

