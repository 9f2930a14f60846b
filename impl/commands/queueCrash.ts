/**
 * `QueueCrash`: 1. `UnknownQueue`; 2. the consumer's client (its buffer) is
 * destroyed, if it had one; its messages stay in flight at the broker until
 * their visibility ends, their receive counts counted; answer
 * `QueueCrashed` with the receipts its buffer held, in receive order.
 *
 * @module
 */
import type { Handler } from "./handler.ts"

/** The `QueueCrash` handler. */
export const queueCrash: Handler<"QueueCrash", "QueueCrashed"> = (s, { consumer, ...command }) => {
  const { queueConfigs: configs, queueConsumers: consumers, queueStore: store } = s
  const { name } = configs.requireQueue(command.queue)
  const receipts = consumers.crash(name, consumer)
  store.crashed(name, receipts)
  return { _tag: "QueueCrashed", queue: name, consumer, receipts }
}

