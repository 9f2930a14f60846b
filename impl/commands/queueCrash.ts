/**
 * `QueueCrash`: 1. `UnknownQueue`; 2. the consumer's client (its buffer) is
 * destroyed, if it had one; its messages stay in flight at the broker until
 * their visibility ends, their receive counts counted; answer
 * `QueueCrashed` with the receipts its buffer held, in receive order.
 *
 * @module
 */
import { Effect } from "effect"
import { QueueConfigs } from "../queue/queueConfigs.ts"
import { QueueConsumers } from "../queue/queueConsumers.ts"
import { QueueStore } from "../queue/queueStore.ts"
import type { Handler } from "./handler.ts"

/** The `QueueCrash` handler. */
export const makeQueueCrash = Effect.gen(function*() {
  const configs = yield* QueueConfigs
  const store = yield* QueueStore
  const consumers = yield* QueueConsumers
  const handler: Handler<"QueueCrash", "QueueCrashed"> = ({ consumer, ...command }) => {
    const { name } = configs.requireQueue(command.queue)
    const receipts = consumers.crash(name, consumer)
    store.crashed(name, receipts)
    return { _tag: "QueueCrashed", queue: name, consumer, receipts }
  }
  return handler
})
