/**
 * `BrokerRestart`: the built-in broker keeps everything it acknowledged (it
 * is in memory and does not really die); what a restart changes is its
 * clients: queue by queue in configuration order, every queue consumer's
 * client is destroyed, as at a `QueueCrash`, and the answer lists the
 * receipts each held.
 *
 * @module
 */
import type { ResponseOf } from "../../spec/response.ts"
import type { Handler } from "./handler.ts"

/** The `BrokerRestart` handler. */
export const brokerRestart: Handler<"BrokerRestart", "BrokerRestarted"> = (s) => {
  const { queueConfigs: configs, queueConsumers: consumers, queueStore: store } = s
  const clients: Array<ResponseOf<"BrokerRestarted">["clients"][number]> = []
  for (const { name } of configs.queues) {
    for (const [consumer, receipts] of consumers.crashAll(name)) {
      store.crashed(name, receipts)
      clients.push({ queue: name, consumer, receipts })
    }
  }
  return { _tag: "BrokerRestarted", clients }
}

