/**
 * The transaction coordinator and the broker's producer bookkeeping: the
 * producer id counter, per transactional id its producer id, epoch and open
 * transaction, and per (producer id, partition) the last send appended.
 *
 * @module
 */
import type { OffsetEntry } from "../offsets.ts"

/** A partition an open transaction wrote to, with the offset of its first record there. */
export interface TouchedPartition {
  readonly topicIndex: number
  readonly partition: number
  readonly firstOffset: number
}

/** The offsets an open transaction sent for one group, in the order sent (a later entry for a partition wins). */
export interface GroupOffsets {
  readonly groupIndex: number
  readonly entries: ReadonlyArray<OffsetEntry>
}

/** A transaction open at the coordinator (from its first send or offsets). */
export interface OpenTransaction {
  readonly startMs: number
  /** The partitions it touched, in the order it first wrote to them. */
  readonly partitions: ReadonlyArray<TouchedPartition>
  /** The offsets it sent, group by group in the order first sent. */
  readonly offsets: ReadonlyArray<GroupOffsets>
}

/** The coordinator's entry for one transactional id. */
export interface TransactionState {
  readonly producerId: number
  readonly epoch: number
  readonly open: OpenTransaction | undefined
}

/** What the broker remembers of the last send it appended for one producer id and partition. */
export interface LastAppend {
  readonly epoch: number
  readonly sequence: number
  readonly offset: number
}

/** The broker's producer and transaction state. */
export interface Coordinator {
  /** The next producer id to hand out (from 0). */
  readonly producerIdNext: number
  /** Per transactional id. */
  readonly transactions: ReadonlyMap<string, TransactionState>
  /** Per (producer id, partition), key {@link lastAppendKey}. */
  readonly lastAppends: ReadonlyMap<string, LastAppend>
}

/** The coordinator of a fresh broker: no producer ids handed out, no transactional ids, no appends. */
export const coordinatorEmpty: Coordinator = { producerIdNext: 0, transactions: new Map(), lastAppends: new Map() }

/** The key of a (producer id, partition) in {@link Coordinator}`.lastAppends`. */
export const lastAppendKey = (producerId: number, topicIndex: number, partition: number): string =>
  `${producerId}/${topicIndex}/${partition}`

/** The coordinator with `id`'s entry replaced. */
export const withTransaction = (coordinator: Coordinator, id: string, transaction: TransactionState): Coordinator => {
  const transactions = new Map(coordinator.transactions)
  transactions.set(id, transaction)
  return { producerIdNext: coordinator.producerIdNext, transactions, lastAppends: coordinator.lastAppends }
}

/** The coordinator remembering `last` as the last append of `producerId` in a partition. */
export const withLastAppend = (coordinator: Coordinator, producerId: number, topicIndex: number, partition: number, last: LastAppend): Coordinator => {
  const lastAppends = new Map(coordinator.lastAppends)
  lastAppends.set(lastAppendKey(producerId, topicIndex, partition), last)
  return { producerIdNext: coordinator.producerIdNext, transactions: coordinator.transactions, lastAppends }
}

/** Whether an open transaction holds offsets sent for group `groupIndex` in this partition (KIP-447's unstable offsets). */
export const hasUnstableOffset = (coordinator: Coordinator, groupIndex: number, topicIndex: number, partition: number): boolean => {
  for (const transaction of coordinator.transactions.values()) {
    const open = transaction.open
    if (open === undefined) continue
    for (const group of open.offsets) {
      if (group.groupIndex !== groupIndex) continue
      for (const entry of group.entries) if (entry.topicIndex === topicIndex && entry.partition === partition) return true
    }
  }
  return false
}

/** The transaction opened at `nowMs` when `open` is `undefined`, else `open`. */
export const openedAt = (open: OpenTransaction | undefined, nowMs: number): OpenTransaction =>
  open ?? { startMs: nowMs, partitions: [], offsets: [] }

/** The open transaction with the offsets of group `groupIndex` added after those it already sent. */
export const withOffsets = (open: OpenTransaction, groupIndex: number, entries: ReadonlyArray<OffsetEntry>): OpenTransaction => {
  const offsets = open.offsets.slice()
  const index = offsets.findIndex((group) => group.groupIndex === groupIndex)
  if (index < 0) offsets.push({ groupIndex, entries })
  else offsets[index] = { groupIndex, entries: [...offsets[index].entries, ...entries] }
  return { startMs: open.startMs, partitions: open.partitions, offsets }
}
