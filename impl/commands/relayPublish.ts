/**
 * `RelayPublish`: 1. `UnknownService`; 2. `NotAnOutbox` unless the service
 * publishes through an outbox; 3. `OutboxEmpty` when every outbox row is
 * published; 4. the oldest unpublished row's event is sent; 5. the row is
 * marked published (see `service/outboxRelay.ts`). Answer `Relayed`; with
 * `crashMidway` the relay dies between 4 and 5: answer `RelayCrashed`.
 *
 * @module
 */
import { NotAnOutbox, OutboxEmpty } from "../errors.ts"
import type { Handler } from "./handler.ts"

/** The `RelayPublish` handler (answering `Relayed`, or `RelayCrashed` with `crashMidway`). */
export const relayPublish: Handler<"RelayPublish", "Relayed" | "RelayCrashed"> = (s, command) => {
  const { config, outboxRelay: relay } = s
  const service = config.requireService(command.service)
  if (service.publish !== "outbox") throw new NotAnOutbox({ service: service.name })
  const pass = relay.publish(service, command.crashMidway === true)
  if (pass === undefined) throw new OutboxEmpty({ service: service.name })
  const { event, sent } = pass
  if (pass.crashed) {
    return sent === undefined ? { _tag: "RelayCrashed", service: service.name, event } : { _tag: "RelayCrashed", service: service.name, event, sent }
  }
  // The spec's relay has always sent before it marks the row: a finished pass without a send is a defect of the relay layer.
  if (sent === undefined) throw new Error(`the outbox relay of ${service.name} marked ${event} published without sending it`)
  return { _tag: "Relayed", service: service.name, event, sent }
}

