/**
 * The client side of producers: per producer name, the state its running
 * client holds (producer id and epoch, whether it knows it is fenced, whether
 * it began a transaction, its next sequence per partition, and its pending
 * send: the last send, when its acknowledgement was lost and it was not
 * retried). A crash destroys the client; the broker side is untouched.
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import type { ProducerStamp } from "../logStore.ts"

/** A send whose acknowledgement was lost: what a retry sends again. */
export interface PendingSend {
  readonly topic: string
  readonly partition: number
  readonly key: string | undefined
  readonly value: string
  /** The producer id, epoch and sequence it carried (idempotent producers). */
  readonly stamp: ProducerStamp | undefined
  readonly transactional: boolean
}

/** One producer's client. */
export interface ProducerClientState {
  /** The producer id and epoch the client holds (none before its first send or `ProducerInit`). */
  readonly producerId: number | undefined
  readonly epoch: number | undefined
  /** Whether the client was told it is fenced. */
  readonly fenced: boolean
  /** Whether the client began a transaction (`TxnBegin`) that it has not ended. */
  readonly inTransaction: boolean
  /** The next sequence per partition, by `partitionKey` (absent: 0). */
  readonly sequences: ReadonlyMap<string, number>
  readonly pending: PendingSend | undefined
}

/** A client that just started: no producer id, nothing begun, nothing pending. */
export const producerClientFresh: ProducerClientState = {
  producerId: undefined,
  epoch: undefined,
  fenced: false,
  inTransaction: false,
  sequences: new Map(),
  pending: undefined
}

/** The producer clients, by producer name (a name never used has a fresh client). */
export interface ProducerClientsShape {
  /** The producer's client. */
  readonly get: (producer: string) => ProducerClientState
  /** Replaces the producer's client with `f` of it. */
  readonly update: (producer: string, f: (client: ProducerClientState) => ProducerClientState) => void
  /** The producer's process dies: its client state is gone. */
  readonly crash: (producer: string) => void
}

/** Producer clients, all fresh. */
export const producerClientsOf = (): ProducerClientsShape => {
  const clients = new Map<string, ProducerClientState>()
  return {
    get(producer) {
      return clients.get(producer) ?? producerClientFresh
    },
    update(producer, f) {
      clients.set(producer, f(clients.get(producer) ?? producerClientFresh))
    },
    crash(producer) {
      clients.delete(producer)
    }
  }
}

/** {@link producerClientsOf}, as an Effect. */
export const makeProducerClients: Effect.Effect<ProducerClientsShape> = Effect.sync(producerClientsOf)

/** The producer clients of the broker's session. */
export class ProducerClients extends Context.Service<ProducerClients, ProducerClientsShape>()("qsem/impl/ProducerClients") {
  /** No client has done anything yet. */
  static readonly layer: Layer.Layer<ProducerClients> = Layer.effect(ProducerClients, makeProducerClients)
}
