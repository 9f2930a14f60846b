/**
 * Committed offsets: per group, per partition, the offset of the next record
 * the group will read (Kafka's convention). They survive rebalances and an
 * empty group; a position is initialised from them, else from 0.
 *
 * @module
 */

/** A group's committed offsets: per topic (configuration index), per partition; -1 means none. */
export type Offsets = ReadonlyArray<ReadonlyArray<number>>

/** No committed offsets for topics with these partition counts. */
export const offsetsEmpty = (partitionCounts: ReadonlyArray<number>): Offsets =>
  partitionCounts.map((count) => new Array<number>(count).fill(-1))

/** The committed offset of one partition, or -1 when the group never committed it. */
export const committedAt = (offsets: Offsets, topicIndex: number, partition: number): number =>
  offsets[topicIndex][partition]

/** One offset to store: a partition (by topic index) and the offset. */
export interface OffsetEntry {
  readonly topicIndex: number
  readonly partition: number
  readonly offset: number
}

/** The offsets with every entry stored, in order (a later entry for the same partition wins). */
export const commitAll = (offsets: Offsets, entries: ReadonlyArray<OffsetEntry>): Offsets => {
  if (entries.length === 0) return offsets
  const next = offsets.slice()
  const copied: Array<boolean> = []
  for (const entry of entries) {
    if (copied[entry.topicIndex] !== true) {
      next[entry.topicIndex] = next[entry.topicIndex].slice()
      copied[entry.topicIndex] = true
    }
    ;(next[entry.topicIndex] as Array<number>)[entry.partition] = entry.offset
  }
  return next
}
