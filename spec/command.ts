/**
 * Commands: everything a run can do to the system under test, as plain data.
 *
 * Names are role-first (`ProducerSend`, `ConsumerPoll`, ...). Because commands
 * are data, a trace file is just data and a replay is decoding plus running.
 *
 * ## The state a command acts on
 *
 * Broker side: per-partition logs (offsets `0..highWatermark-1`), the clock
 * `nowMs` (starts at 0), a round-robin counter per (producer, topic), and per
 * group: its members in join order with the time each was last heard from
 * (`lastSeenMs`), its generation (0 before the first join), the assignment of
 * its current generation, and its committed offsets.
 *
 * Client side: per (group, member), at most one running consumer client
 * holding the generation and assignment it last learned, a position per
 * partition, and a buffer of records it was delivered and has not processed.
 * A member is "running" while it has a client; `ConsumerCrash` destroys the
 * client but leaves the broker's membership until the session expires.
 *
 * ## Rules shared by all commands
 *
 * - Checks run in the order each command lists; the first failing check
 *   answers, and an error response changes nothing, with two exceptions:
 *   `RebalanceInProgress` also syncs the client, and a heartbeat, poll or
 *   commit that got past the membership check has been heard from, so its
 *   `lastSeenMs` moves even when a later check fails (a fenced or rejected
 *   commit keeps the session alive; Kafka refreshes only on success).
 * - "Broker member" means the group's membership lists the member;
 *   "running" means the member has a client.
 * - A rebalance (on join, leave or session expiry) adds 1 to the generation
 *   and recomputes the whole assignment at once (eager): every current broker
 *   member, running or not, gets the partitions its group's assignor gives it.
 * - Assignment lists are sorted by topic name, then partition; records in a
 *   poll follow that order.
 * - Heartbeat, poll and commit reach the broker: once they pass the
 *   membership check they set the member's `lastSeenMs` to `nowMs`.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { Count, CountPositive, Name } from "./config.ts"
import { PartitionOffset } from "./record.ts"

/**
 * A producer appends one record to a topic.
 *
 * 1. `UnknownTopic` when the topic is not configured.
 * 2. The partition is `(murmur2(utf8(key)) & 0x7fffffff) % partitions` for a
 *    keyed record (Kafka's default partitioner; `utf8` as `TextEncoder`
 *    encodes, so a lone surrogate becomes U+FFFD); without a key it is the
 *    producer's round-robin counter for this topic (starting at 0) modulo the
 *    partition count, and the counter then moves on by one.
 * 3. The record is appended at the partition's high watermark with
 *    `timestampMs = nowMs`. Answer: `Sent`.
 */
export const ProducerSend = Schema.TaggedStruct("ProducerSend", {
  producer: Name,
  topic: Name,
  key: Schema.optionalKey(Schema.String),
  value: Schema.String
})

/**
 * A member joins a consumer group (or rejoins after a crash or an expiry).
 *
 * 1. `UnknownGroup`.
 * 2. `AlreadyMember` when it is a broker member and running.
 * 3. Otherwise it is appended to the membership unless already listed (a
 *    crashed member that rejoins keeps its place), `lastSeenMs = nowMs`, the
 *    group rebalances, and the member gets a fresh client (the new generation
 *    and its assignment, no positions, an empty buffer). Answer: `Joined`.
 */
export const GroupJoin = Schema.TaggedStruct("GroupJoin", {
  group: Name,
  member: Name
})

/**
 * A running member leaves its group gracefully.
 *
 * 1. `UnknownGroup`. 2. `UnknownMember` unless it is a broker member and
 * running. 3. It is removed from the membership, its client is destroyed
 * (unprocessed records are dropped, nothing is committed) and the group
 * rebalances. Answer: `Left`.
 */
export const GroupLeave = Schema.TaggedStruct("GroupLeave", {
  group: Name,
  member: Name
})

/**
 * A member tells the coordinator it is alive, and learns of rebalances.
 *
 * 1. `UnknownGroup`. 2. `UnknownMember` unless it is a broker member and
 * running. 3. `lastSeenMs = nowMs`. 4. When the client's generation is older
 * than the group's, the client syncs (adopts the group's generation and its
 * assignment, and forgets all positions: an eager rebalance revokes
 * everything) and the answer is `RebalanceInProgress`. 5. Answer:
 * `HeartbeatOk`.
 */
export const ConsumerHeartbeat = Schema.TaggedStruct("ConsumerHeartbeat", {
  group: Name,
  member: Name
})

/**
 * A member fetches up to `recordsMax` records from its assigned partitions.
 *
 * Checks 1-4 as for `ConsumerHeartbeat` (a stale client syncs and gets
 * `RebalanceInProgress`, with no records). Then, for every assigned
 * partition in order: the position is the client's position, else the group's
 * committed offset, else 0; it takes as many records from there as fit in what
 * is left of `recordsMax` (possibly none), appends them to the buffer, and
 * sets the position after them (every assigned partition gets a position).
 * Answer: `Polled`, with the records in delivery order.
 */
export const ConsumerPoll = Schema.TaggedStruct("ConsumerPoll", {
  group: Name,
  member: Name,
  recordsMax: CountPositive
})

/**
 * A member applies one delivered record's effect to its group's sink.
 *
 * 1. `UnknownGroup`. 2. `UnknownMember` unless running (processing is local:
 * broker membership is not needed, so a member whose session expired can
 * still process what it holds). 3. `NotDelivered` unless the record is in the
 * member's buffer. 4. The first matching buffer entry is removed and the
 * record is appended to the group's sink (the sink is observable only through
 * the `Processed` answers, so a target need not store it). Answer: `Processed`.
 */
export const ConsumerProcess = Schema.TaggedStruct("ConsumerProcess", {
  group: Name,
  member: Name,
  topic: Name,
  partition: Count,
  offset: Count
})

/**
 * A member commits offsets (each the next offset to read) for its group.
 *
 * 1. `UnknownGroup`. 2. `UnknownMember` unless it is a broker member and
 * running. 3. `lastSeenMs = nowMs`. 4. `StaleGeneration` when the client's
 * generation is older than the group's (the commit is fenced). 5. For each
 * entry in order: `UnknownTopic`; `NotAssigned` unless the group's current
 * assignment gives that partition to this member; `OffsetOutOfRange` when the
 * offset is above the partition's high watermark. 6. All entries are stored
 * at once, in order (a commit may move an offset back). Answer: `Committed`.
 */
export const ConsumerCommit = Schema.TaggedStruct("ConsumerCommit", {
  group: Name,
  member: Name,
  offsets: Schema.Array(PartitionOffset)
})

/**
 * A member moves its own position in one partition (replay or skip).
 *
 * 1. `UnknownGroup`. 2. `UnknownMember` unless running (seeking is local).
 * 3. `UnknownTopic`. 4. `NotAssigned` unless the client's assignment holds
 * the partition. 5. `OffsetOutOfRange` above the high watermark. 6. The
 * position becomes `offset`; the buffer is kept. Answer: `Seeked`.
 */
export const ConsumerSeek = Schema.TaggedStruct("ConsumerSeek", {
  group: Name,
  member: Name,
  topic: Name,
  partition: Count,
  offset: Count
})

/**
 * A member's process dies: its client (generation, positions, buffer) is
 * gone, but the broker still counts it as a member until its session expires
 * or it rejoins, so its partitions stall until then.
 *
 * 1. `UnknownGroup`. 2. `UnknownMember` unless running. 3. Answer: `Crashed`.
 */
export const ConsumerCrash = Schema.TaggedStruct("ConsumerCrash", {
  group: Name,
  member: Name
})

/**
 * Logical time moves on by `ms` (the model's clock and the implementation's
 * TestClock alike). Then, group by group in configuration order, every broker
 * member with `lastSeenMs + sessionTimeoutMs <= nowMs` is removed (listed in
 * join order); a group that lost members rebalances once. Clients of expired
 * members keep running as zombies until they rejoin. Answer: `ClockAdvanced`.
 */
export const ClockAdvance = Schema.TaggedStruct("ClockAdvance", {
  ms: Count
})

/** Every command, as one tagged union. */
export const Command = Schema.Union([
  ProducerSend,
  GroupJoin,
  GroupLeave,
  ConsumerHeartbeat,
  ConsumerPoll,
  ConsumerProcess,
  ConsumerCommit,
  ConsumerSeek,
  ConsumerCrash,
  ClockAdvance
])
/** @see {@link Command} */
export type Command = typeof Command.Type

/** The tag of a command, such as `"ConsumerPoll"`. */
export type CommandTag = Command["_tag"]

/** The command with the given tag. */
export type CommandOf<Tag extends CommandTag> = Extract<Command, { readonly _tag: Tag }>
