/**
 * `mutant:key-partition-drift`: the classic "a key does not stick to its
 * partition" bug (a partitioner that balances load by spilling a key over,
 * or hashes with a changing partition count). Every other record of a key in
 * a topic goes to the partition after the key's own, so one key lands on two
 * partitions, and a consumer that processes in delivery order can process a
 * key's later record before an earlier one: per-partition order still holds,
 * per-key order does not. Breaks `KeyOrderProcessed`.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { partitionForKey } from "../murmur2.ts"
import { makePartitioner, Partitioner, type PartitionerShape } from "../partitioner.ts"
import type { Target } from "../target.ts"

/**
 * A partitioner that sends the 2nd, 4th, ... record of each (topic, key) to
 * the partition after the key's murmur2 partition; unkeyed records are
 * partitioned as by the real one.
 */
export const makePartitionerDrifting: Effect.Effect<PartitionerShape> = Effect.gen(function*() {
  const real = yield* makePartitioner
  const counts = new Map<string, number>()
  return {
    partition: (producer, topic, partitions, key) => {
      if (key === undefined) return real.partition(producer, topic, partitions, key)
      const name = `${topic}\u0000${key}`
      const count = counts.get(name) ?? 0
      counts.set(name, count + 1)
      const home = partitionForKey(key, partitions)
      return count % 2 === 1 ? (home + 1) % partitions : home
    }
  }
})

/** The drifting partitioner as the broker's `Partitioner` layer. */
export const partitionerDriftingLayer = Layer.effect(Partitioner, makePartitionerDrifting)

/** The built-in broker with {@link partitionerDriftingLayer}: one key lands on two partitions. */
export const keyPartitionDrift: Target = makeBrokerTarget("mutant:key-partition-drift", { partitioner: partitionerDriftingLayer })
