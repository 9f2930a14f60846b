/**
 * Committed offsets, per consumer group.
 *
 * @module
 */
import { Context, Effect, Layer, Ref } from "effect"
import type { PartitionOffset } from "../spec/record.ts"
import { partitionKey } from "./internal/topicPartition.ts"

/** Where each group will resume reading each partition. */
export interface OffsetStoreShape {
  /** The group's committed offset for the partition (the next offset to read), if any. */
  readonly committed: (group: string, topic: string, partition: number) => Effect.Effect<number | undefined>
  /** Stores the offsets for the group, in order (a later entry wins; an offset may move back). */
  readonly commit: (group: string, offsets: ReadonlyArray<PartitionOffset>) => Effect.Effect<void>
}

/** An offset store with nothing committed. */
export const makeOffsetStore: Effect.Effect<OffsetStoreShape> = Effect.gen(function*() {
  const byGroup = yield* Ref.make<ReadonlyMap<string, ReadonlyMap<string, number>>>(new Map())
  return {
    committed: (group, topic, partition) =>
      Effect.map(Ref.get(byGroup), (groups) => groups.get(group)?.get(partitionKey(topic, partition))),
    commit: (group, offsets) =>
      Ref.update(byGroup, (groups) => {
        const next = new Map(groups.get(group) ?? [])
        for (const { offset, partition, topic } of offsets) next.set(partitionKey(topic, partition), offset)
        return new Map(groups).set(group, next)
      })
  }
})

/** The broker's committed offsets, kept apart per group. */
export class OffsetStore extends Context.Service<OffsetStore, OffsetStoreShape>()("qsem/impl/OffsetStore") {
  /** An empty offset store. */
  static readonly layer: Layer.Layer<OffsetStore> = Layer.effect(OffsetStore, makeOffsetStore)
}
