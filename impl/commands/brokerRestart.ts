/**
 * `BrokerRestart`: the built-in broker keeps everything it acknowledged (it
 * is in memory and does not really die); what a restart changes is its
 * clients: queue by queue in configuration order, every queue consumer's
 * client is destroyed, as at a `QueueCrash`, and the answer lists the
 * receipts each held.
 *
 * @module
 */
import { Effect } from "effect"
import type { ResponseOf } from "../../spec/response.ts"
import { QueueConfigs } from "../queue/queueConfigs.ts"
import { QueueConsumers } from "../queue/queueConsumers.ts"
import { QueueStore } from "../queue/queueStore.ts"
import type { Handler } from "./handler.ts"

/** The `BrokerRestart` handler. */
export const makeBrokerRestart = Effect.gen(function*() {
  const configs = yield* QueueConfigs
  const store = yield* QueueStore
  const consumers = yield* QueueConsumers
  const handler: Handler<"BrokerRestart", "BrokerRestarted"> = () => {
    const clients: Array<ResponseOf<"BrokerRestarted">["clients"][number]> = []
    for (const { name } of configs.queues) {
      for (const [consumer, receipts] of consumers.crashAll(name)) {
        store.crashed(name, receipts)
        clients.push({ queue: name, consumer, receipts })
      }
    }
    return { _tag: "BrokerRestarted", clients }
  }
  return handler
})
