/**
 * The producer-side partitioner: where a record goes.
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
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
  ) => number
}

/** A partitioner whose round-robin counters all start at 0. */
export const partitionerOf = (): PartitionerShape => {
  const counters = new Map<string, Map<string, number>>()
  return {
    partition(producer, topic, partitions, key) {
      if (key !== undefined) return partitionForKey(key, partitions)
      let byTopic = counters.get(producer)
      if (byTopic === undefined) {
        byTopic = new Map()
        counters.set(producer, byTopic)
      }
      const counter = byTopic.get(topic) ?? 0
      byTopic.set(topic, counter + 1)
      return counter % partitions
    }
  }
}

/** {@link partitionerOf}, as an Effect. */
export const makePartitioner: Effect.Effect<PartitionerShape> = Effect.sync(partitionerOf)

/** The partitioner of the broker (Kafka's default for keyed records, round-robin otherwise). */
export class Partitioner extends Context.Service<Partitioner, PartitionerShape>()("qsem/impl/Partitioner") {
  /** Fresh round-robin counters. */
  static readonly layer: Layer.Layer<Partitioner> = Layer.effect(Partitioner, makePartitioner)
}
