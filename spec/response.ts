/**
 * Responses: what the system answered to one command, either an ok value or
 * a typed error. Both are plain data, so responses of the model and of a
 * target are compared structurally.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { Count, Name } from "./config.ts"
import { GroupGeneration, GroupMember, LogRecord, PartitionOffset, TopicPartition } from "./record.ts"

// ---------------------------------------------------------------- ok values

/** `ProducerSend` appended the record here. */
export const Sent = Schema.TaggedStruct("Sent", {
  topic: Name,
  partition: Count,
  offset: Count
})

/** `GroupJoin` succeeded: the group's new generation and the member's partitions. */
export const Joined = Schema.TaggedStruct("Joined", {
  group: Name,
  member: Name,
  generation: Count,
  assignment: Schema.Array(TopicPartition)
})

/** `GroupLeave` succeeded: the group's generation after the rebalance. */
export const Left = Schema.TaggedStruct("Left", {
  group: Name,
  member: Name,
  generation: Count
})

/** `ConsumerHeartbeat` found the client up to date. */
export const HeartbeatOk = Schema.TaggedStruct("HeartbeatOk", {
  group: Name,
  member: Name,
  generation: Count,
  assignment: Schema.Array(TopicPartition)
})

/** `ConsumerPoll` delivered these records (possibly none), in delivery order. */
export const Polled = Schema.TaggedStruct("Polled", {
  group: Name,
  member: Name,
  records: Schema.Array(LogRecord)
})

/** `ConsumerProcess` applied this record to the group's sink. */
export const Processed = Schema.TaggedStruct("Processed", {
  group: Name,
  member: Name,
  topic: Name,
  partition: Count,
  offset: Count
})

/** `ConsumerCommit` stored these offsets in this generation. */
export const Committed = Schema.TaggedStruct("Committed", {
  group: Name,
  member: Name,
  generation: Count,
  offsets: Schema.Array(PartitionOffset)
})

/** `ConsumerSeek` moved the member's position. */
export const Seeked = Schema.TaggedStruct("Seeked", {
  group: Name,
  member: Name,
  topic: Name,
  partition: Count,
  offset: Count
})

/** `ConsumerCrash` destroyed the member's client. */
export const Crashed = Schema.TaggedStruct("Crashed", {
  group: Name,
  member: Name
})

/** `ClockAdvance` moved time; these sessions expired and these groups rebalanced. */
export const ClockAdvanced = Schema.TaggedStruct("ClockAdvanced", {
  nowMs: Count,
  expired: Schema.Array(GroupMember),
  rebalanced: Schema.Array(GroupGeneration)
})

// ---------------------------------------------------------------- errors

/** The topic is not configured. */
export const UnknownTopic = Schema.TaggedStruct("UnknownTopic", {
  topic: Name
})

/** The group is not configured. */
export const UnknownGroup = Schema.TaggedStruct("UnknownGroup", {
  group: Name
})

/** The member is not running, or (for broker calls) not a broker member. */
export const UnknownMember = Schema.TaggedStruct("UnknownMember", {
  group: Name,
  member: Name
})

/** `GroupJoin` by a member that is a running broker member already. */
export const AlreadyMember = Schema.TaggedStruct("AlreadyMember", {
  group: Name,
  member: Name
})

/** The partition is not assigned to this member (or does not exist). */
export const NotAssigned = Schema.TaggedStruct("NotAssigned", {
  group: Name,
  member: Name,
  topic: Name,
  partition: Count
})

/** `ConsumerProcess` of a record that is not in the member's buffer. */
export const NotDelivered = Schema.TaggedStruct("NotDelivered", {
  group: Name,
  member: Name,
  topic: Name,
  partition: Count,
  offset: Count
})

/**
 * The group rebalanced since the client last synced. The client has now
 * synced: it holds this generation and this assignment, and no positions.
 */
export const RebalanceInProgress = Schema.TaggedStruct("RebalanceInProgress", {
  group: Name,
  member: Name,
  generation: Count,
  assignment: Schema.Array(TopicPartition)
})

/** A commit from a client whose generation is older than the group's: fenced. */
export const StaleGeneration = Schema.TaggedStruct("StaleGeneration", {
  group: Name,
  member: Name,
  generation: Count,
  generationCurrent: Count
})

/** An offset above the partition's high watermark. */
export const OffsetOutOfRange = Schema.TaggedStruct("OffsetOutOfRange", {
  topic: Name,
  partition: Count,
  offset: Count,
  highWatermark: Count
})

/** The ok answers. */
export const ResponseOk = Schema.Union([
  Sent,
  Joined,
  Left,
  HeartbeatOk,
  Polled,
  Processed,
  Committed,
  Seeked,
  Crashed,
  ClockAdvanced
])
/** @see {@link ResponseOk} */
export type ResponseOk = typeof ResponseOk.Type

/** The typed errors: an invalid command is answered, never crashes the system. */
export const ResponseError = Schema.Union([
  UnknownTopic,
  UnknownGroup,
  UnknownMember,
  AlreadyMember,
  NotAssigned,
  NotDelivered,
  RebalanceInProgress,
  StaleGeneration,
  OffsetOutOfRange
])
/** @see {@link ResponseError} */
export type ResponseError = typeof ResponseError.Type

/** Every response: an ok value or a typed error. */
export const Response = Schema.Union([ResponseOk, ResponseError])
/** @see {@link Response} */
export type Response = typeof Response.Type

/** The tag of a response, such as `"Polled"`. */
export type ResponseTag = Response["_tag"]

/** The response with the given tag. */
export type ResponseOf<Tag extends ResponseTag> = Extract<Response, { readonly _tag: Tag }>

const errorTags: ReadonlySet<string> = new Set([
  "UnknownTopic",
  "UnknownGroup",
  "UnknownMember",
  "AlreadyMember",
  "NotAssigned",
  "NotDelivered",
  "RebalanceInProgress",
  "StaleGeneration",
  "OffsetOutOfRange"
])

/** Whether a response is one of the typed errors. */
export const isResponseError = (response: Response): response is ResponseError => errorTags.has(response._tag)
