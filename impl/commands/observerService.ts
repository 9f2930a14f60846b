/**
 * `ObserverService`: 1. `UnknownService`; 2. answer `ServiceListed`: the
 * service's business rows in commit order and its outbox rows in insertion
 * order. Changes nothing.
 *
 * @module
 */
import { Effect } from "effect"
import { BrokerConfig } from "../brokerConfig.ts"
import { ServiceStore } from "../service/serviceStoreShape.ts"
import type { Handler } from "./handler.ts"

/** The `ObserverService` handler. */
export const makeObserverService = Effect.gen(function*() {
  const config = yield* BrokerConfig
  const store = yield* ServiceStore
  const handler: Handler<"ObserverService", "ServiceListed"> = (command) => {
    const { name } = config.requireService(command.service)
    const { outbox, rows } = store.list(name)
    return { _tag: "ServiceListed", service: name, rows, outbox }
  }
  return handler
})
