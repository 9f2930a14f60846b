/**
 * `QueueProcess`: 1. `UnknownQueue`; 2. `NotReceived` unless the consumer's
 * buffer holds the receipt; 3. the receipt leaves the buffer (the broker is
 * not touched: a stale receipt is processed all the same); answer
 * `QueueProcessed` with the receipt's message.
 *
 * @module
 */
import { NotReceived } from "../errors.ts"
import type { Handler } from "./handler.ts"

/** The `QueueProcess` handler. */
export const queueProcess: Handler<"QueueProcess", "QueueProcessed"> = (s, { consumer, receipt, ...command }) => {
  const { queueConfigs: configs, queueConsumers: consumers, queueStore: store } = s
  const { name } = configs.requireQueue(command.queue)
  if (!consumers.take(name, consumer, receipt)) throw new NotReceived({ queue: name, consumer, receipt })
  const messageId = store.messageOf(name, receipt)
  // A buffer holds only receipts its queue issued.
  if (messageId === undefined) throw new Error(`QueueProcess: queue ${name} never issued buffered receipt ${receipt}`)
  return { _tag: "QueueProcessed", queue: name, consumer, receipt, messageId }
}

