/**
 * `ObserverService`: 1. `UnknownService`; 2. answer `ServiceListed`: the
 * service's business rows in commit order and its outbox rows in insertion
 * order. Changes nothing.
 *
 * @module
 */
import type { Handler } from "./handler.ts"

/** The `ObserverService` handler. */
export const observerService: Handler<"ObserverService", "ServiceListed"> = (s, command) => {
  const { config, serviceStore: store } = s
  const { name } = config.requireService(command.service)
  const { outbox, rows } = store.list(name)
  return { _tag: "ServiceListed", service: name, rows, outbox }
}

