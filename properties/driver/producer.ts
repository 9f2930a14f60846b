/**
 * The producer clients the application follows (configured producers and the
 * transactional producers of exactly-once members), as their answers showed
 * them. Producers a config does not name (`p0`, `p1`, ...) are plain and not
 * followed: nothing about them changes how a run goes on.
 *
 * @module
 */
import type { Config } from "../../spec/config.ts"
import type { TopicPartition } from "../../spec/record.ts"

/**
 * One producer client, as the application sees it (see
 * `spec/command/producer.ts` for the state it mirrors).
 */
export interface ProducerView {
  readonly name: string
  readonly idempotent: boolean
  /** The transactional id, for a transactional producer. */
  readonly transactionalId: string | undefined
  /** The epoch the client holds since its last `ProducerInit` (transactional producers only). */
  readonly epoch: number | undefined
  /** The client was answered `ProducerFenced` since its last init. */
  readonly fenced: boolean
  /** The client has begun a transaction (and has not ended it, nor learned it is over). */
  readonly inTransaction: boolean
  /**
   * When the coordinator opened the client's transaction, as far as answers
   * tell (the clock at its first send or offsets), until it ended or the
   * coordinator aborted it; a timeout fires at `transactionStartMs + transactionTimeoutMs`.
   */
  readonly transactionStartMs: number | undefined
  /** The partition of the client's pending send (its acknowledgement was lost, not yet retried). */
  readonly pending: TopicPartition | undefined
}

/** A producer client that has done nothing yet. */
export const producerIdle = (name: string, idempotent: boolean, transactionalId: string | undefined): ProducerView => ({
  name,
  idempotent,
  transactionalId,
  epoch: undefined,
  fenced: false,
  inTransaction: false,
  transactionStartMs: undefined,
  pending: undefined
})

/** The same client after its process died: only what the config says of it is left. */
export const producerCrashed = (producer: ProducerView): ProducerView =>
  producerIdle(producer.name, producer.idempotent, producer.transactionalId)

/** The followed producers before anything happened: the configured ones in config order, then `memberProducers` (transactional, their name as transactional id). */
export const producersInit = (config: Config, memberProducers: ReadonlyArray<string>): ReadonlyMap<string, ProducerView> => {
  const producers = new Map<string, ProducerView>()
  for (const producer of config.producers ?? []) {
    producers.set(producer.name, producerIdle(producer.name, producer.idempotent, producer.transactionalId))
  }
  for (const name of memberProducers) producers.set(name, producerIdle(name, true, name))
  return producers
}

/**
 * Whether a transactional client is a zombie the answers already revealed: it
 * holds an epoch older than the latest one of its transactional id.
 */
export const isZombieProducer = (epochs: ReadonlyMap<string, number>, producer: ProducerView): boolean =>
  producer.transactionalId !== undefined && producer.epoch !== undefined &&
  (epochs.get(producer.transactionalId) ?? producer.epoch) > producer.epoch
