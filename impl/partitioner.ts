/**
 * The producer-side partitioner: where a record goes.
 *
 * @module
 */
import { Context, Effect, Layer, Ref } from "effect"
import { partitionForKey } from "./murmur2.ts"

/** Chooses a partition for each record a producer sends. */
export interface PartitionerShape {
  /**
   * The partition of a record: Kafka's murmur2 partition for a keyed record;
   * for an unkeyed one, the (producer, topic) round-robin counter modulo the
   * partition count, after which the counter moves on by one.
   */
  readonly partition: (
    producer: string,
    topic: string,
    partitions: number,
    key: string | undefined
  ) => Effect.Effect<number>
}

/** A partitioner whose round-robin counters all start at 0. */
export const makePartitioner: Effect.Effect<PartitionerShape> = Effect.gen(function*() {
  const counters = yield* Ref.make<ReadonlyMap<string, ReadonlyMap<string, number>>>(new Map())
  return {
    partition: (producer, topic, partitions, key) =>
      key !== undefined
        ? Effect.succeed(partitionForKey(key, partitions))
        : Ref.modify(counters, (byProducer) => {
          const byTopic = byProducer.get(producer)
          const counter = byTopic?.get(topic) ?? 0
          const next = new Map(byTopic ?? []).set(topic, counter + 1)
          return [counter % partitions, new Map(byProducer).set(producer, next)]
        })
  }
})

/** The partitioner of the broker (Kafka's default for keyed records, round-robin otherwise). */
export class Partitioner extends Context.Service<Partitioner, PartitionerShape>()("qsem/impl/Partitioner") {
  /** Fresh round-robin counters. */
  static readonly layer: Layer.Layer<Partitioner> = Layer.effect(Partitioner, makePartitioner)
}
