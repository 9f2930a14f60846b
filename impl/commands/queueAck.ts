/**
 * `QueueAck`: 1. `UnknownQueue`; 2. `UnknownReceipt` when the queue never
 * issued the receipt; 3. the latest receipt of a message still in the queue
 * deletes it: answer `Acknowledged` with `deleted: true`; 4. a stale receipt
 * changes nothing: answer `Acknowledged` with `deleted: false` (SQS's
 * successful delete that keeps the message, made exact). The consumer's
 * buffer is not touched.
 *
 * @module
 */
import type { Handler } from "./handler.ts"

/** The `QueueAck` handler. */
export const queueAck: Handler<"QueueAck", "Acknowledged"> = (s, { consumer, receipt, ...command }) => {
  const { queueConfigs: configs, queueStore: store } = s
  const { name } = configs.requireQueue(command.queue)
  const { deleted, messageId } = store.acknowledge(name, receipt)
  return { _tag: "Acknowledged", queue: name, consumer, receipt, messageId, deleted }
}

