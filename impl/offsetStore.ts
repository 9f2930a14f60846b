/**
 * Committed offsets, per consumer group.
 *
 * @module
 */
import { Context, Effect, Layer, Ref } from "effect"
import type { PartitionOffset } from "../spec/record.ts"
import { partitionKey } from "./internal/topicPartition.ts"

/** One group's committed offsets at one moment: the next offset to read per partition, if committed. */
export type CommittedOffsets = (topic: string, partition: number) => number | undefined

/** Where each group will resume reading each partition. */
export interface OffsetStoreShape {
  /** The group's committed offsets as they are now. */
  readonly committedOf: (group: string) => Effect.Effect<CommittedOffsets>
  /** Stores the offsets for the group, in order (a later entry wins; an offset may move back). */
  readonly commit: (group: string, offsets: ReadonlyArray<PartitionOffset>) => Effect.Effect<void>
}

const none: ReadonlyMap<string, number> = new Map()

/** An offset store with nothing committed. */
export const makeOffsetStore: Effect.Effect<OffsetStoreShape> = Effect.gen(function*() {
  const byGroup = yield* Ref.make<ReadonlyMap<string, ReadonlyMap<string, number>>>(new Map())
  return {
    committedOf: (group) =>
      Effect.map(Ref.get(byGroup), (groups) => {
        const offsets = groups.get(group) ?? none
        return (topic, partition) => offsets.get(partitionKey(topic, partition))
      }),
    commit: (group, offsets) =>
      Ref.update(byGroup, (groups) => {
        const next = new Map(groups.get(group) ?? none)
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
