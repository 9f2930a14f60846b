/**
 * Committed offsets, per consumer group, and the offsets open transactions
 * hold for a group until they end (Kafka's pending transactional offset
 * commits, KIP-98; read as unstable by `read_committed` consumers, KIP-447).
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import type { PartitionOffset } from "../spec/record.ts"
import { compareTopicPartition, partitionKey } from "./internal/topicPartition.ts"

/** One group's committed offsets at one moment: the next offset to read per partition, if committed. */
export type CommittedOffsets = (topic: string, partition: number) => number | undefined

/** One group's partitions for which an open transaction holds offsets, at one moment. */
export type UnstableOffsets = (topic: string, partition: number) => boolean

/** Where each group will resume reading each partition. */
export interface OffsetStoreShape {
  /** The group's committed offsets as they are now. */
  readonly committedOf: (group: string) => CommittedOffsets
  /** Stores the offsets for the group, in order (a later entry wins; an offset may move back). */
  readonly commit: (group: string, offsets: ReadonlyArray<PartitionOffset>) => void
  /** The group's committed offsets, sorted by topic name, then partition. */
  readonly committedListOf: (group: string) => ReadonlyArray<PartitionOffset>
  /**
   * Holds offsets the open transaction of `transactionalId` sent for the
   * group (a later entry for a partition replaces an earlier one).
   */
  readonly stage: (transactionalId: string, group: string, offsets: ReadonlyArray<PartitionOffset>) => void
  /**
   * Ends what the transaction of `transactionalId` held for the group: on
   * commit its offsets become the group's committed offsets; on abort they
   * are discarded.
   */
  readonly settle: (transactionalId: string, group: string, commit: boolean) => void
  /** The partitions for which an open transaction holds offsets of the group, as they are now. */
  readonly unstableOf: (group: string) => UnstableOffsets
}

const none: ReadonlyMap<string, PartitionOffset> = new Map()

/** Offsets held by open transactions: by group, then transactional id, then partition key, in first-sent order. */
type Pending = ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, PartitionOffset>>>

const unstableNone: UnstableOffsets = () => false

/** A copy of `offsets` by partition with `entries` set (each copied: a caller's object is never kept). */
const withOffsets = (
  offsets: ReadonlyMap<string, PartitionOffset>,
  entries: ReadonlyArray<PartitionOffset>
): Map<string, PartitionOffset> => {
  const next = new Map(offsets)
  for (const entry of entries) {
    next.set(partitionKey(entry.topic, entry.partition), { topic: entry.topic, partition: entry.partition, offset: entry.offset })
  }
  return next
}

/** An offset store with nothing committed; `settleCommits` says whether a settle stores the offsets (the correct one: only on commit). */
export const offsetStoreOf = (settleCommits: (commit: boolean) => boolean = (commit) => commit): OffsetStoreShape => {
  let byGroup: ReadonlyMap<string, ReadonlyMap<string, PartitionOffset>> = new Map()
  let pending: Pending = new Map()

  const commit = (group: string, offsets: ReadonlyArray<PartitionOffset>): void => {
    byGroup = new Map(byGroup).set(group, withOffsets(byGroup.get(group) ?? none, offsets))
  }

  return {
    committedOf(group) {
      const offsets = byGroup.get(group) ?? none
      return (topic, partition) => offsets.get(partitionKey(topic, partition))?.offset
    },
    commit,
    committedListOf(group) {
      return [...(byGroup.get(group) ?? none).values()].sort(compareTopicPartition)
    },
    stage(transactionalId, group, offsets) {
      const byTransaction = pending.get(group) ?? new Map()
      const held = withOffsets(byTransaction.get(transactionalId) ?? none, offsets)
      pending = new Map(pending).set(group, new Map(byTransaction).set(transactionalId, held))
    },
    settle(transactionalId, group, committed) {
      const byTransaction = pending.get(group)
      const held = byTransaction?.get(transactionalId)
      if (byTransaction === undefined || held === undefined) return
      const rest = new Map(byTransaction)
      rest.delete(transactionalId)
      pending = new Map(pending).set(group, rest)
      if (settleCommits(committed)) commit(group, [...held.values()])
    },
    unstableOf(group) {
      const byTransaction = pending.get(group)
      if (byTransaction === undefined || byTransaction.size === 0) return unstableNone
      return (topic, partition) => {
        const key = partitionKey(topic, partition)
        for (const held of byTransaction.values()) if (held.has(key)) return true
        return false
      }
    }
  }
}

/** {@link offsetStoreOf}, as an Effect. */
export const makeOffsetStoreWith = (settleCommits: (commit: boolean) => boolean): Effect.Effect<OffsetStoreShape> =>
  Effect.sync(() => offsetStoreOf(settleCommits))

/** An offset store with nothing committed, whose transactional offsets count only once committed. */
export const makeOffsetStore: Effect.Effect<OffsetStoreShape> = makeOffsetStoreWith((commit) => commit)

/** The broker's committed offsets, kept apart per group. */
export class OffsetStore extends Context.Service<OffsetStore, OffsetStoreShape>()("qsem/impl/OffsetStore") {
  /** An empty offset store. */
  static readonly layer: Layer.Layer<OffsetStore> = Layer.effect(OffsetStore, makeOffsetStore)
}
