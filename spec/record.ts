/**
 * Records, partitions and offsets: the data that flows through a topic.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { Count, Name } from "./config.ts"

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
 * key, its value, and the broker's clock when it was appended.
 */
export const LogRecord = Schema.Struct({
  topic: Name,
  partition: Count,
  offset: Count,
  producer: Name,
  key: Schema.optionalKey(Schema.String),
  value: Schema.String,
  timestampMs: Count
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
