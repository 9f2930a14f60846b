/**
 * `mutant:shared-offsets`: the classic "offsets keyed without the group" bug
 * (a commit store whose key forgets the consumer group). One group's commit
 * moves the starting point of every other group reading that partition, so
 * fanout silently skips or repeats records. Breaks `GroupsAreIndependent`.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { makeOffsetStore, OffsetStore } from "../offsetStore.ts"
import type { Target } from "../target.ts"

/** The one key every group's offsets are stored under. */
const shared = ""

/** An offset store keyed by topic-partition only: the group is ignored (transactional offsets too). */
export const offsetStoreSharedLayer = Layer.effect(
  OffsetStore,
  Effect.map(makeOffsetStore, (store) => ({
    committedOf: (_group) => store.committedOf(shared),
    commit: (_group, offsets) => store.commit(shared, offsets),
    committedListOf: (_group) => store.committedListOf(shared),
    stage: (transactionalId, _group, offsets) => store.stage(transactionalId, shared, offsets),
    settle: (transactionalId, _group, commit) => store.settle(transactionalId, shared, commit),
    unstableOf: (_group) => store.unstableOf(shared)
  }))
)

/** The built-in broker with {@link offsetStoreSharedLayer}: every group reads every group's commits. */
export const sharedOffsets: Target = makeBrokerTarget("mutant:shared-offsets", { offsetStore: offsetStoreSharedLayer })
