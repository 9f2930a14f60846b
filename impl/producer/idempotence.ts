/**
 * The broker's side of idempotent producers (KIP-98): per producer id and
 * partition, the epoch, sequence and offset of the last send it appended, so
 * a retried send is recognised and answered with its original offset instead
 * of being appended again.
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import { partitionKey } from "../internal/topicPartition.ts"

/** The last send the broker appended for one producer id in one partition. */
export interface AppendRemembered {
  readonly epoch: number
  readonly sequence: number
  readonly offset: number
}

/** The broker's memory of idempotent appends. */
export interface IdempotenceShape {
  /**
   * The offset a send with this producer id, epoch and sequence was already
   * appended at in the partition (the last append for the producer id there
   * has that epoch and sequence), else `undefined`: the send is new.
   */
  readonly duplicateOf: (
    producerId: number,
    epoch: number,
    sequence: number,
    topic: string,
    partition: number
  ) => number | undefined
  /** Remembers an append as the last one of the producer id in the partition. */
  readonly remember: (producerId: number, topic: string, partition: number, append: AppendRemembered) => void
}

/** Nothing appended yet. */
export const idempotenceOf = (): IdempotenceShape => {
  const last = new Map<string, AppendRemembered>()
  const keyOf = (producerId: number, topic: string, partition: number) => `${producerId}:${partitionKey(topic, partition)}`
  return {
    duplicateOf(producerId, epoch, sequence, topic, partition) {
      const append = last.get(keyOf(producerId, topic, partition))
      return append !== undefined && append.epoch === epoch && append.sequence === sequence ? append.offset : undefined
    },
    remember(producerId, topic, partition, append) {
      last.set(keyOf(producerId, topic, partition), append)
    }
  }
}

/** {@link idempotenceOf}, as an Effect. */
export const makeIdempotence: Effect.Effect<IdempotenceShape> = Effect.sync(idempotenceOf)

/** The broker's idempotence memory. */
export class Idempotence extends Context.Service<Idempotence, IdempotenceShape>()("qsem/impl/Idempotence") {
  /** An empty memory: every send is new until appended. */
  static readonly layer: Layer.Layer<Idempotence> = Layer.effect(Idempotence, makeIdempotence)
}
