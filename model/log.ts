/**
 * Partition logs: each partition of a topic is an append-only sequence of
 * entries at offsets `0..highWatermark-1`. An entry is a data record or a
 * transaction marker (Kafka's control record), which takes an offset and is
 * never delivered. Logs share their backing arrays between states, so an
 * append costs O(1) and an old state keeps its own, shorter view.
 *
 * A plain producer's record is stored as the `LogRecord` it is delivered as.
 * A record of an idempotent or transactional producer is stored with its
 * producer id, epoch and sequence ({@link DataStored}), and a marker as a
 * {@link MarkerStored}. A topic that holds only plain records has no
 * {@link PartitionIndex}es (`indexes` is `undefined`), so the stream half
 * reads it exactly as before transactions existed, at the same cost.
 *
 * Retention (model/retention/) never removes an entry from a partition's
 * sequence: it moves the partition's log start offset up, and the entries
 * below it are hidden from every reader. So an entry's offset stays its
 * index, and a topic whose log starts never moved has no `logStarts` at all.
 *
 * @module
 */
import type { DataEntry, LogEntry, LogRecord, MarkerEntry } from "../spec/record.ts"
import * as Seq from "./internal/seq.ts"
import type { RoundRobin } from "./partitioner.ts"
import { roundRobinEmpty } from "./partitioner.ts"

/** A record of an idempotent or transactional producer: as delivered, as dumped, and the producer id it was written with. */
export interface DataStored {
  readonly _tag: "Data"
  readonly record: LogRecord
  readonly entry: DataEntry
  readonly producerId: number
  readonly transactional: boolean
}

/** A transaction marker as stored (never delivered). */
export interface MarkerStored {
  readonly _tag: "Marker"
  readonly entry: MarkerEntry
}

/** One offset of a partition: a plain record, a record with producer metadata, or a marker. */
export type StoredEntry = LogRecord | DataStored | MarkerStored

/** One partition's log: its entries in offset order. */
export type PartitionLog = Seq.Seq<StoredEntry>

/** A transaction still open in a partition: its producer id and the offset of its first record there. */
export interface OpenRange {
  readonly producerId: number
  readonly firstOffset: number
}

/** An aborted transaction in a partition (Kafka's aborted transaction index): producer id, first record offset, marker offset. */
export interface AbortedRange {
  readonly producerId: number
  readonly firstOffset: number
  readonly markerOffset: number
}

/**
 * The transaction bookkeeping of one partition: the transactions open in it
 * (their first offsets give the last stable offset) and the aborted ones in
 * marker order (a `read_committed` walk skips their records).
 */
export interface PartitionIndex {
  readonly open: ReadonlyArray<OpenRange>
  readonly aborted: Seq.Seq<AbortedRange>
}

/**
 * One topic: the logs of its partitions, its producers' round-robin counters,
 * once it holds anything but plain records one {@link PartitionIndex} per
 * partition, and once retention deleted something one log start offset per
 * partition (see model/retention/logStart.ts).
 */
export interface TopicLog {
  readonly partitions: ReadonlyArray<PartitionLog>
  readonly counters: RoundRobin
  readonly indexes: ReadonlyArray<PartitionIndex> | undefined
  /** Per partition, its log start offset (entries below it are deleted); `undefined` while every one is 0. */
  readonly logStarts: ReadonlyArray<number> | undefined
}

/** A topic with `partitions` empty partitions, no counters, no indexes and its log starts at 0. */
export const topicLogEmpty = (partitions: number): TopicLog => {
  const logs: Array<PartitionLog> = []
  for (let p = 0; p < partitions; p++) logs.push(Seq.empty())
  return { partitions: logs, counters: roundRobinEmpty, indexes: undefined, logStarts: undefined }
}

/** The offset the next entry appended to this partition gets. */
export const highWatermark = (log: PartitionLog): number => Seq.size(log)

/** The entry at `offset`, which must be below the high watermark. */
export const entryAt = (log: PartitionLog, offset: number): StoredEntry => Seq.at(log, offset)

/** The record at `offset` of a topic without indexes (only plain records), which must be below the high watermark. */
export const recordAt = (log: PartitionLog, offset: number): LogRecord => Seq.at(log, offset) as LogRecord

/** Whether the entry is a plain record (stored as its `LogRecord`). */
export const isPlain = (entry: StoredEntry): entry is LogRecord => (entry as { readonly _tag?: unknown })._tag === undefined

/** The record an entry delivers, or `undefined` for a marker. */
export const recordOf = (entry: StoredEntry): LogRecord | undefined =>
  isPlain(entry) ? entry : entry._tag === "Data" ? entry.record : undefined

/** The partition with `entry` appended (its offset must be the high watermark). */
export const appendEntry = (log: PartitionLog, entry: StoredEntry): PartitionLog => Seq.append(log, entry)

/** The partition with a plain `record` appended (its offset must be the high watermark). */
export const appendRecord = (log: PartitionLog, record: LogRecord): PartitionLog => Seq.append(log, record)

/** The data records of the partition from offset `from` (0 unless given), in offset order (a fresh array; markers left out). */
export const records = (log: PartitionLog, from = 0): ReadonlyArray<LogRecord> => {
  const out: Array<LogRecord> = []
  const size = Seq.size(log)
  for (let offset = from; offset < size; offset++) {
    const record = recordOf(Seq.at(log, offset))
    if (record !== undefined) out.push(record)
  }
  return out
}

/** When the entry was appended: the broker's clock then (a record's `timestampMs`, a marker's). */
export const timestampOf = (entry: StoredEntry): number =>
  isPlain(entry) ? entry.timestampMs : entry._tag === "Data" ? entry.record.timestampMs : entry.entry.timestampMs

/** The entry at `offset` as `ObserverDump` shows it (a dead-letter record with its header). */
export const logEntryOf = (entry: StoredEntry): LogEntry => {
  if (!isPlain(entry)) return entry.entry
  const shown: LogEntry =
    entry.key === undefined
      ? { _tag: "Data", offset: entry.offset, producer: entry.producer, value: entry.value, timestampMs: entry.timestampMs }
      : { _tag: "Data", offset: entry.offset, producer: entry.producer, key: entry.key, value: entry.value, timestampMs: entry.timestampMs }
  return entry.deadLetter === undefined ? shown : { ...shown, deadLetter: entry.deadLetter }
}

/** Up to `entriesMax` entries from `offset` (at most the high watermark), as `ObserverDump` shows them. */
export const entriesFrom = (log: PartitionLog, offset: number, entriesMax: number): ReadonlyArray<LogEntry> => {
  const end = Math.min(highWatermark(log), offset + entriesMax)
  const out: Array<LogEntry> = []
  for (let o = offset; o < end; o++) out.push(logEntryOf(Seq.at(log, o)))
  return out
}

/** An index with no open and no aborted transaction. */
export const partitionIndexEmpty = (): PartitionIndex => ({ open: [], aborted: Seq.empty() })

/** The topic's indexes, created (all empty) when it has none yet. */
export const indexesOf = (topic: TopicLog): ReadonlyArray<PartitionIndex> =>
  topic.indexes ?? topic.partitions.map(partitionIndexEmpty)

/**
 * The partition's last stable offset: the first offset of the earliest
 * transaction still open in it, else the high watermark.
 */
export const lastStableOffset = (topic: TopicLog, partition: number): number => {
  const highWatermarkNow = highWatermark(topic.partitions[partition])
  const index = topic.indexes?.[partition]
  if (index === undefined) return highWatermarkNow
  let lso = highWatermarkNow
  for (const range of index.open) if (range.firstOffset < lso) lso = range.firstOffset
  return lso
}

/** The index with a transaction of `producerId` opened at `firstOffset`. */
export const indexOpen = (index: PartitionIndex, producerId: number, firstOffset: number): PartitionIndex => ({
  open: [...index.open, { producerId, firstOffset }],
  aborted: index.aborted
})

/**
 * The index after the marker at `markerOffset` closed the open transaction of
 * `producerId`; an abort is added to the aborted ranges.
 */
export const indexClose = (index: PartitionIndex, producerId: number, markerOffset: number, aborted: boolean): PartitionIndex => {
  const open = index.open.filter((range) => range.producerId !== producerId)
  const closed = index.open.find((range) => range.producerId === producerId)
  if (!aborted || closed === undefined) return { open, aborted: index.aborted }
  return { open, aborted: Seq.append(index.aborted, { producerId, firstOffset: closed.firstOffset, markerOffset }) }
}

/**
 * Whether the transactional record of `producerId` at `offset` belongs to an
 * aborted transaction: the first aborted range of that producer id whose
 * marker lies after `offset` starts at or before it (the transactions of one
 * producer id never overlap in a partition).
 */
export const isAborted = (index: PartitionIndex, producerId: number, offset: number): boolean => {
  const aborted = index.aborted
  let low = 0
  let high = Seq.size(aborted)
  while (low < high) {
    const mid = (low + high) >>> 1
    if (Seq.at(aborted, mid).markerOffset <= offset) low = mid + 1
    else high = mid
  }
  for (let i = low; i < Seq.size(aborted); i++) {
    const range = Seq.at(aborted, i)
    if (range.producerId === producerId) return range.firstOffset <= offset
  }
  return false
}
