/**
 * `ObserverService`: a service's tables, as a query against its database
 * lists them. Changes nothing.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { serviceOf } from "../query.ts"
import type { ModelState, Transition } from "../state.ts"

/**
 * Runs `ObserverService`: `UnknownService`; answers `ServiceListed`: the
 * business rows in commit order and the outbox rows in insertion order (empty
 * unless the service publishes through an outbox; see `serviceOf`).
 */
export const observerService = (state: ModelState, command: CommandOf<"ObserverService">): Transition => {
  const service = command.service
  const tables = serviceOf(state, service)
  if (tables === undefined) return { state, response: { _tag: "UnknownService", service } }
  return { state, response: { _tag: "ServiceListed", service, rows: tables.rows, outbox: tables.outbox } }
}
