/**
 * `ServiceWrite`: a service commits a business write and publishes its event
 * by its publish mode: through the transactional outbox (one local
 * transaction writes the business row and the outbox row), or by a dual
 * write (commit then send, or send then commit). With `crashMidway` the
 * service dies in the middle: the outbox transaction rolls back, a
 * `commit-then-send` loses its event, a `send-then-commit` publishes a
 * phantom.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { businessRow, commitRow, commitRowWithOutbox, holdsEvent } from "../service/serviceTables.ts"
import { serviceSend } from "../service/serviceSend.ts"
import type { ModelState, Transition } from "../state.ts"
import { withService } from "../state.ts"

/**
 * Runs `ServiceWrite`: `UnknownService`; `EventExists` when the business
 * table holds the event; then the service's publish mode. Answers
 * `ServiceWritten` (with `sent` for a dual write), or `ServiceCrashed` with
 * `crashMidway`.
 */
export const serviceWrite = (state: ModelState, command: CommandOf<"ServiceWrite">): Transition => {
  const { service: name, event, key } = command
  const serviceIndex = state.world.serviceIndex.get(name)
  if (serviceIndex === undefined) return { state, response: { _tag: "UnknownService", service: name } }
  const tables = state.services[serviceIndex]
  if (holdsEvent(tables, event)) return { state, response: { _tag: "EventExists", service: name, event } }
  const crashMidway = command.crashMidway === true
  const row = businessRow(event, key, state.nowMs)
  switch (state.world.config.services![serviceIndex].publish) {
    case "outbox":
      return crashMidway
        ? { state, response: { _tag: "ServiceCrashed", service: name, event, committed: false } }
        : { state: withService(state, serviceIndex, commitRowWithOutbox(tables, row)), response: { _tag: "ServiceWritten", service: name, event } }
    case "commit-then-send": {
      const committed = withService(state, serviceIndex, commitRow(tables, row))
      if (crashMidway) return { state: committed, response: { _tag: "ServiceCrashed", service: name, event, committed: true } }
      const { state: next, sent } = serviceSend(committed, serviceIndex, event, key)
      return { state: next, response: { _tag: "ServiceWritten", service: name, event, sent } }
    }
    case "send-then-commit": {
      const { state: next, sent } = serviceSend(state, serviceIndex, event, key)
      if (crashMidway) return { state: next, response: { _tag: "ServiceCrashed", service: name, event, committed: false, sent } }
      return { state: withService(next, serviceIndex, commitRow(next.services[serviceIndex], row)), response: { _tag: "ServiceWritten", service: name, event, sent } }
    }
  }
}
