/**
 * A producer's send, as `ProducerSend` makes it and as an exactly-once
 * member's `ConsumerProcess` makes it for its result: the client-side checks
 * of a transactional producer, the partitioner, the coordinator's fence and
 * transaction, the idempotent producer's id and sequence, the append, and the
 * client's pending send.
 *
 * @module
 */
import { Effect } from "effect"
import type { TopicConfig } from "../../spec/config.ts"
import { BrokerClock } from "../brokerClock.ts"
import { BrokerConfig } from "../brokerConfig.ts"
import { type ProducerFenced, type ProducerNotInitialized, SendTimedOut, type TransactionNotOpen } from "../errors.ts"
import { partitionKey } from "../internal/topicPartition.ts"
import type { ProducerStamp } from "../logStore.ts"
import { Partitioner } from "../partitioner.ts"
import { TransactionCoordinator } from "../transaction/coordinator.ts"
import { fenceAtCoordinator, requireSendable } from "./checks.ts"
import { ProducerClients } from "./producerClients.ts"
import { ProducerTransport } from "./transport.ts"
import type { Services } from "../services.ts"

/** One send: who sends what where, and whether its acknowledgement is lost. */
export interface SendRequest {
  readonly producer: string
  readonly topic: TopicConfig
  readonly key: string | undefined
  readonly value: string
  readonly ackLost: boolean
}

/** Where a send was appended. */
export interface SendPlaced {
  readonly topic: string
  readonly partition: number
  readonly offset: number
}

/** The errors a send throws (checks 2 and 4 of `ProducerSend`, and a lost acknowledgement). */
export type SendError = ProducerNotInitialized | ProducerFenced | TransactionNotOpen | SendTimedOut

/** The services a send reads (a subset of the session's `Services`). */
export type SendServices = Pick<
  Services,
  "config" | "clock" | "partitioner" | "transactionCoordinator" | "producerClients" | "producerTransport"
>

/**
 * Checks 2 and 4 of `ProducerSend` for a producer: a transactional
 * producer's client checks, then the coordinator's fence (which tells a
 * fenced client so); plain and idempotent producers pass. `ConsumerProcess`
 * runs them before it writes anything; a send runs them first. Throws
 * `ProducerNotInitialized`, `ProducerFenced` or `TransactionNotOpen`.
 */
export const sendChecks = (s: SendServices, producer: string): void => {
  const kind = s.config.producer(producer)
  if (kind.transactionalId === undefined) return
  const client = s.producerClients.get(producer)
  requireSendable(kind, client, producer)
  fenceAtCoordinator(s.transactionCoordinator, s.producerClients, kind.transactionalId, client.epoch ?? 0, producer)
}

/** The send of `ProducerSend` (steps 2 to 7 of its contract; the topic is already known); it throws a {@link SendError}. */
export const send = (s: SendServices, request: SendRequest): SendPlaced => {
  const { clock, partitioner, producerClients: clients, producerTransport: transport, transactionCoordinator: coordinator } = s
  const { producer, topic } = request
  const kind = s.config.producer(producer)
  let client = clients.get(producer)
  if (kind.transactionalId !== undefined) {
    requireSendable(kind, client, producer)
    // The fence (check 4) runs before the partitioner moves a round-robin counter: a fenced send changes
    // nothing but the client's knowledge (the spec: `SendTimedOut` is the one error answer that changes
    // the state), so its partition is never chosen.
    fenceAtCoordinator(coordinator, clients, kind.transactionalId, client.epoch ?? 0, producer)
  }
  const partition = partitioner.partition(producer, topic.name, topic.partitions, request.key)
  const nowMs = clock.nowMs()
  if (kind.transactionalId !== undefined) coordinator.addPartition(kind.transactionalId, topic.name, partition, nowMs)
  let stamp: ProducerStamp | undefined
  if (kind.idempotent) {
    const producerId = client.producerId ?? coordinator.allocateProducerId()
    const epoch = client.epoch ?? 0
    const key = partitionKey(topic.name, partition)
    const sequence = client.sequences.get(key) ?? 0
    stamp = { producerId, epoch, sequence }
    client = { ...client, producerId, epoch, sequences: new Map(client.sequences).set(key, sequence + 1) }
  }
  const transactional = kind.transactionalId !== undefined
  const answer = transport.send({
    producer,
    topic: topic.name,
    partition,
    key: request.key,
    value: request.value,
    timestampMs: nowMs,
    stamp,
    transactional
  }, request.ackLost)
  const pending = request.ackLost
    ? { topic: topic.name, partition, key: request.key, value: request.value, stamp, transactional }
    : undefined
  if (kind.idempotent || client.pending !== undefined || pending !== undefined) {
    const next = { ...client, pending }
    clients.update(producer, () => next)
  }
  if (request.ackLost) throw new SendTimedOut({ producer, topic: topic.name, partition })
  return { topic: topic.name, partition, offset: answer.offset }
}

/** The {@link SendServices} of the broker's Context (for a service built by a layer that sends). */
export const sendServices: Effect.Effect<
  SendServices,
  never,
  BrokerConfig | BrokerClock | Partitioner | TransactionCoordinator | ProducerClients | ProducerTransport
> = Effect.gen(function*() {
  return {
    config: yield* BrokerConfig,
    clock: yield* BrokerClock,
    partitioner: yield* Partitioner,
    transactionCoordinator: yield* TransactionCoordinator,
    producerClients: yield* ProducerClients,
    producerTransport: yield* ProducerTransport
  }
})
