/**
 * Records, partitions and offsets: the data that flows through a topic.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { Count, Name } from "./config.ts"
import { DeadLetterHeader } from "./failure.ts"

/** One partition of one topic. */
export const TopicPartition = Schema.Struct({
  topic: Name,
  partition: Count
})
/** @see {@link TopicPartition} */
export type TopicPartition = typeof TopicPartition.Type

/**
 * An offset in one partition. In a commit it is the offset of the next record
 * the group will read (Kafka's convention), so committing `n` acknowledges
 * every offset below `n`.
 */
export const PartitionOffset = Schema.Struct({
  topic: Name,
  partition: Count,
  offset: Count
})
/** @see {@link PartitionOffset} */
export type PartitionOffset = typeof PartitionOffset.Type

/**
 * A record as stored and delivered: where it sits, who sent it, its optional
 * key, its value, the broker's clock when it was appended, and, for a record
 * a group's application published to its dead-letter topic, the
 * dead-letter header (spec/failure.ts).
 */
export const LogRecord = Schema.Struct({
  topic: Name,
  partition: Count,
  offset: Count,
  producer: Name,
  key: Schema.optionalKey(Schema.String),
  value: Schema.String,
  timestampMs: Count,
  deadLetter: Schema.optionalKey(DeadLetterHeader)
})
/** @see {@link LogRecord} */
export type LogRecord = typeof LogRecord.Type

/** A (group, member) pair, as listed when sessions expire. */
export const GroupMember = Schema.Struct({
  group: Name,
  member: Name
})
/** @see {@link GroupMember} */
export type GroupMember = typeof GroupMember.Type

/** A group's generation after a rebalance. */
export const GroupGeneration = Schema.Struct({
  group: Name,
  generation: Count
})
/** @see {@link GroupGeneration} */
export type GroupGeneration = typeof GroupGeneration.Type

/**
 * A data record as the log stores it (what `ObserverDump` shows): the
 * delivered fields, plus the producer id, epoch and sequence of an idempotent
 * producer's record, and `transactional` for a record sent inside a
 * transaction (its transaction's marker in the partition, further on, says
 * whether it committed or aborted), and the dead-letter header of a
 * dead-letter record.
 */
export const DataEntry = Schema.TaggedStruct("Data", {
  offset: Count,
  producer: Name,
  key: Schema.optionalKey(Schema.String),
  value: Schema.String,
  timestampMs: Count,
  producerId: Schema.optionalKey(Count),
  epoch: Schema.optionalKey(Count),
  sequence: Schema.optionalKey(Count),
  transactional: Schema.optionalKey(Schema.Literal(true)),
  deadLetter: Schema.optionalKey(DeadLetterHeader)
})
/** @see {@link DataEntry} */
export type DataEntry = typeof DataEntry.Type

/**
 * A transaction marker (Kafka's control record): it takes an offset, is
 * never delivered to a consumer, and ends the transaction of
 * `transactionalId` (producer id and epoch as written) in this partition,
 * committed or aborted.
 */
export const MarkerEntry = Schema.TaggedStruct("Marker", {
  offset: Count,
  transactionalId: Name,
  producerId: Count,
  epoch: Count,
  control: Schema.Literals(["commit", "abort"]),
  timestampMs: Count
})
/** @see {@link MarkerEntry} */
export type MarkerEntry = typeof MarkerEntry.Type

/** One offset of a log, as stored: a data record or a marker. */
export const LogEntry = Schema.Union([DataEntry, MarkerEntry])
/** @see {@link LogEntry} */
export type LogEntry = typeof LogEntry.Type

/**
 * A transaction the coordinator aborted on its own (on timeout, or when a new
 * epoch of its transactional id was initialized): the transactional id, its
 * epoch after the abort, and the abort markers it wrote.
 */
export const TransactionAbortedByCoordinator = Schema.Struct({
  transactionalId: Name,
  epoch: Count,
  markers: Schema.Array(PartitionOffset)
})
/** @see {@link TransactionAbortedByCoordinator} */
export type TransactionAbortedByCoordinator = typeof TransactionAbortedByCoordinator.Type
