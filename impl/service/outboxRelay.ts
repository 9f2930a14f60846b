/**
 * The outbox relay of `outbox` services (`RelayPublish`): one pass publishes
 * the oldest unpublished outbox row. The correct relay sends the row's event,
 * then marks the row published, so a crash between the two sends it again
 * later (at least once). It is a service of its own so that a mutant can
 * swap in a relay with its steps in another order.
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import type { ServiceConfig } from "../../spec/config.ts"
import type { BrokerClock } from "../brokerClock.ts"
import type { BrokerConfig } from "../brokerConfig.ts"
import type { LogStore } from "../logStore.ts"
import type { Partitioner } from "../partitioner.ts"
import type { ProducerClients } from "../producer/producerClients.ts"
import { type SendPlaced, type SendServices, sendServices } from "../producer/send.ts"
import type { ProducerTransport } from "../producer/transport.ts"
import type { TransactionCoordinator } from "../transaction/coordinator.ts"
import { serviceSend } from "./serviceSend.ts"
import { ServiceStore, type ServiceStoreShape } from "./serviceStoreShape.ts"

/** One relay pass over a row: its event, where the event was sent (if it was: a relay may crash before its send), and whether the relay crashed. */
export interface RelayPass {
  readonly event: string
  readonly sent: SendPlaced | undefined
  readonly crashed: boolean
}

/** The relay of every `outbox` service. */
export interface OutboxRelayShape {
  /**
   * One pass: the oldest unpublished row of the service's outbox is sent,
   * then marked published; with `crashMidway` the relay dies between its two
   * steps. `undefined` when every row is published.
   */
  readonly publish: (service: ServiceConfig, crashMidway: boolean) => RelayPass | undefined
}

/** What a relay layer may use: the services' databases and a producer's send path (and the logs). */
export type OutboxRelayServices =
  | ServiceStore
  | BrokerConfig
  | BrokerClock
  | LogStore
  | Partitioner
  | TransactionCoordinator
  | ProducerClients
  | ProducerTransport

/** The correct relay over the services' databases and a producer's send path: send, then mark. */
export const outboxRelayOf = (store: ServiceStoreShape, sending: SendServices): OutboxRelayShape => ({
  publish(service, crashMidway) {
    const row = store.nextUnpublished(service.name)
    if (row === undefined) return undefined
    const sent = serviceSend(sending, service, row.event, row.key)
    if (crashMidway) return { event: row.event, sent, crashed: true }
    store.markPublished(service.name, row.event)
    return { event: row.event, sent, crashed: false }
  }
})

/** Builds the correct relay ({@link outboxRelayOf}) over the broker's Context. */
export const makeOutboxRelay: Effect.Effect<OutboxRelayShape, never, OutboxRelayServices> = Effect.gen(function*() {
  return outboxRelayOf(yield* ServiceStore, yield* sendServices)
})

/** The outbox relay of the broker's session. */
export class OutboxRelay extends Context.Service<OutboxRelay, OutboxRelayShape>()("qsem/impl/OutboxRelay") {
  /** The relay that sends, then marks (at least once). */
  static readonly layer: Layer.Layer<OutboxRelay, never, OutboxRelayServices> = Layer.effect(OutboxRelay, makeOutboxRelay)
}
