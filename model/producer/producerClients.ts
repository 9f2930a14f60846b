/**
 * Producer clients: the client side of a producer, per producer name. Plain
 * producers have a client only while they hold a pending send.
 *
 * @module
 */
import type { ProducedRecord } from "./append.ts"

/**
 * A send whose acknowledgement was lost and that was not retried yet: what a
 * retry resends (same partition, key, value, producer id, epoch, sequence).
 */
export type PendingSend = Omit<ProducedRecord, "producer" | "transactionalId">

/** One producer's client. */
export interface ProducerClient {
  /** The producer id it holds, or -1 when it holds none (not initialized, or plain). */
  readonly producerId: number
  /** Its epoch (meaningful when it holds a producer id). */
  readonly epoch: number
  /** Whether it knows it is fenced (a transactional producer that saw `ProducerFenced`). */
  readonly fenced: boolean
  /** Whether it has begun a transaction (`TxnBegin`) that is not over. */
  readonly inTransaction: boolean
  /** Its next sequence per partition (key: {@link partitionKey}); a partition not listed is at 0. */
  readonly sequences: ReadonlyMap<number, number>
  /** Its pending send, if any. */
  readonly pending: PendingSend | undefined
}

/** The producer clients of a run, by producer name (a persistent map: copied on write). */
export type ProducerClients = ReadonlyMap<string, ProducerClient>

const sequencesNone: ReadonlyMap<number, number> = new Map()

/** No producer clients. */
export const producerClientsEmpty: ProducerClients = new Map()

/** A client that holds nothing: no producer id, not fenced, no transaction, no sequences, no pending send. */
export const producerClientBlank: ProducerClient = {
  producerId: -1,
  epoch: 0,
  fenced: false,
  inTransaction: false,
  sequences: sequencesNone,
  pending: undefined
}

/** A client holding `producerId` and `epoch`, with sequences from 0, as after an initialization. */
export const producerClientInitialized = (producerId: number, epoch: number): ProducerClient => ({
  producerId,
  epoch,
  fenced: false,
  inTransaction: false,
  sequences: sequencesNone,
  pending: undefined
})

/** The key of a partition in {@link ProducerClient}`.sequences` (a topic has at most 1,024 partitions). */
export const partitionKey = (topicIndex: number, partition: number): number => topicIndex * 1024 + partition

/** The client's next sequence for a partition. */
export const sequenceNext = (client: ProducerClient, topicIndex: number, partition: number): number =>
  client.sequences.get(partitionKey(topicIndex, partition)) ?? 0

/** The client with its sequence for a partition moved past `sequence`. */
export const withSequence = (client: ProducerClient, topicIndex: number, partition: number, sequence: number): ProducerClient => {
  const sequences = new Map(client.sequences)
  sequences.set(partitionKey(topicIndex, partition), sequence + 1)
  return { ...client, sequences }
}

/** The client with this pending send (or none). */
export const withPending = (client: ProducerClient, pending: PendingSend | undefined): ProducerClient =>
  client.pending === pending ? client : { ...client, pending }

/** The client once it learned it is fenced: fenced, its transaction over, its pending send dropped. */
export const clientFenced = (client: ProducerClient): ProducerClient => ({ ...client, fenced: true, inTransaction: false, pending: undefined })

/** The clients with `name`'s client replaced (or removed when `client` is `undefined`). */
export const clientsWith = (clients: ProducerClients, name: string, client: ProducerClient | undefined): ProducerClients => {
  if (client === undefined && !clients.has(name)) return clients
  const next = new Map(clients)
  if (client === undefined) next.delete(name)
  else next.set(name, client)
  return next
}
