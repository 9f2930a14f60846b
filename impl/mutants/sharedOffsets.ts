/**
 * `mutant:shared-offsets`: the classic "offsets keyed without the group" bug
 * (a commit store whose key forgets the consumer group). One group's commit
 * moves the starting point of every other group reading that partition, so
 * fanout silently skips or repeats records. Breaks `GroupsAreIndependent`.
 *
 * @module
 */
import { Effect, Layer, Ref } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { partitionKey } from "../internal/topicPartition.ts"
import { OffsetStore } from "../offsetStore.ts"
import type { Target } from "../target.ts"

/** An offset store keyed by topic-partition only: the group is ignored. */
export const offsetStoreSharedLayer = Layer.effect(
  OffsetStore,
  Effect.gen(function*() {
    const byPartition = yield* Ref.make<ReadonlyMap<string, number>>(new Map())
    return {
      committedOf: (_group) =>
        Effect.map(Ref.get(byPartition), (offsets) => (topic, partition) => offsets.get(partitionKey(topic, partition))),
      commit: (_group, offsets) =>
        Ref.update(byPartition, (current) => {
          const next = new Map(current)
          for (const { offset, partition, topic } of offsets) next.set(partitionKey(topic, partition), offset)
          return next
        })
    }
  })
)

/** The built-in broker with {@link offsetStoreSharedLayer}: every group reads every group's commits. */
export const sharedOffsets: Target = makeBrokerTarget("mutant:shared-offsets", { offsetStore: offsetStoreSharedLayer })
