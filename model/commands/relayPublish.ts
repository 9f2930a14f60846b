/**
 * `RelayPublish`: an outbox service's relay sends the oldest unpublished
 * outbox row's event, then marks the row published. With `crashMidway` it
 * dies between the two: the row stays unpublished and the next relay sends
 * it again (at least once).
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { markPublished, nextUnpublished } from "../service/serviceTables.ts"
import { serviceSend } from "../service/serviceSend.ts"
import type { ModelState, Transition } from "../state.ts"
import { withService } from "../state.ts"

/**
 * Runs `RelayPublish`: `UnknownService`; `NotAnOutbox` unless the service
 * publishes through an outbox; `OutboxEmpty` when every row is published;
 * the row's event is sent (key = the row's key). Answers `Relayed` (the row
 * now published), or `RelayCrashed` with `crashMidway` (the row still
 * unpublished).
 */
export const relayPublish = (state: ModelState, command: CommandOf<"RelayPublish">): Transition => {
  const name = command.service
  const serviceIndex = state.world.serviceIndex.get(name)
  if (serviceIndex === undefined) return { state, response: { _tag: "UnknownService", service: name } }
  if (state.world.config.services![serviceIndex].publish !== "outbox") return { state, response: { _tag: "NotAnOutbox", service: name } }
  const row = nextUnpublished(state.services[serviceIndex])
  if (row === undefined) return { state, response: { _tag: "OutboxEmpty", service: name } }
  const { state: next, sent } = serviceSend(state, serviceIndex, row.event, row.key)
  if (command.crashMidway === true) return { state: next, response: { _tag: "RelayCrashed", service: name, event: row.event, sent } }
  return {
    state: withService(next, serviceIndex, markPublished(next.services[serviceIndex])),
    response: { _tag: "Relayed", service: name, event: row.event, sent }
  }
}
