/**
 * Read-only views of a model state, for generators, docs and tests. Each
 * answer is fresh plain data (safe to keep); none of them changes the state.
 *
 * @module
 */
import type { Config } from "../spec/config.ts"
import type { LogRecord, PartitionOffset, TopicPartition } from "../spec/record.ts"
import { indexOfClient, positionAt } from "./client.ts"
import * as Seq from "./internal/seq.ts"
import { highWatermark, records } from "./log.ts"
import { committedAt } from "./offsets.ts"
import { roundRobinNext } from "./partitioner.ts"
import type { GroupState, ModelState } from "./state.ts"

/** A broker member of a group, as the coordinator sees it. */
export interface BrokerMemberView {
  readonly member: string
  readonly lastSeenMs: number
  /** Its partitions in the group's current generation. */
  readonly assignment: ReadonlyArray<TopicPartition>
}

/** A running member's consumer client. */
export interface ClientView {
  /** The generation it last learned. */
  readonly generation: number
  /** Its partitions in that generation, sorted by topic then partition. */
  readonly assignment: ReadonlyArray<TopicPartition>
  /** Its positions (next offset to fetch), for the assigned partitions that have one, in assignment order. */
  readonly positions: ReadonlyArray<PartitionOffset>
  /** Delivered records it has not processed, in delivery order. */
  readonly buffer: ReadonlyArray<LogRecord>
}

const groupOf = (state: ModelState, group: string): GroupState | undefined => {
  const index = state.world.groupIndex.get(group)
  return index === undefined ? undefined : state.groups[index]
}

/** The configuration the state was initialised with. */
export const configOf = (state: ModelState): Config => state.world.config

/** The logical clock, in milliseconds (0 at init). */
export const nowMs = (state: ModelState): number => state.nowMs

/** The group's generation (0 before the first join), or `undefined` for an unknown group. */
export const generationOf = (state: ModelState, group: string): number | undefined =>
  groupOf(state, group)?.membership.generation

/** The group's broker members in join order (empty for an unknown group). */
export const brokerMembersOf = (state: ModelState, group: string): ReadonlyArray<BrokerMemberView> =>
  (groupOf(state, group)?.membership.members ?? []).map((member) => ({
    member: member.name,
    lastSeenMs: member.lastSeenMs,
    assignment: member.assignment.partitions
  }))

/** The names of the group's running members (those with a client), sorted by plain string order. */
export const runningMembersOf = (state: ModelState, group: string): ReadonlyArray<string> =>
  (groupOf(state, group)?.clients ?? []).map((client) => client.member).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))

/** The member's client, or `undefined` when the member is not running (or the group is unknown). */
export const clientOf = (state: ModelState, group: string, member: string): ClientView | undefined => {
  const groupState = groupOf(state, group)
  if (groupState === undefined) return undefined
  const index = indexOfClient(groupState.clients, member)
  if (index < 0) return undefined
  const client = groupState.clients[index]
  const positions: Array<PartitionOffset> = []
  client.assignment.partitions.forEach((tp, i) => {
    const offset = positionAt(client, i)
    if (offset >= 0) positions.push({ topic: tp.topic, partition: tp.partition, offset })
  })
  return {
    generation: client.generation,
    assignment: client.assignment.partitions,
    positions,
    buffer: Seq.toArray(client.buffer)
  }
}

/** The group's committed offset for a partition, or `undefined` when none (or unknown names). */
export const committedOf = (state: ModelState, group: string, topic: string, partition: number): number | undefined => {
  const groupState = groupOf(state, group)
  const topicIndex = state.world.topicIndex.get(topic)
  if (groupState === undefined || topicIndex === undefined) return undefined
  if (partition < 0 || partition >= state.world.config.topics[topicIndex].partitions) return undefined
  const offset = committedAt(groupState.committed, topicIndex, partition)
  return offset < 0 ? undefined : offset
}

/** The partition's high watermark (its record count), or `undefined` for an unknown topic or partition. */
export const highWatermarkOf = (state: ModelState, topic: string, partition: number): number | undefined => {
  const log = logOf(state, topic, partition)
  return log === undefined ? undefined : highWatermark(log)
}

/** The partition's records in offset order (empty for an unknown topic or partition). */
export const recordsOf = (state: ModelState, topic: string, partition: number): ReadonlyArray<LogRecord> => {
  const log = logOf(state, topic, partition)
  return log === undefined ? [] : records(log)
}

/** The records the group processed, in processing order (empty for an unknown group). */
export const sinkOf = (state: ModelState, group: string): ReadonlyArray<LogRecord> => {
  const groupState = groupOf(state, group)
  return groupState === undefined ? [] : Seq.toArray(groupState.sink)
}

/** The producer's round-robin counter for a topic: how many unkeyed records it sent there (0 for unknown names). */
export const roundRobinOf = (state: ModelState, producer: string, topic: string): number => {
  const topicIndex = state.world.topicIndex.get(topic)
  return topicIndex === undefined ? 0 : roundRobinNext(state.topics[topicIndex].counters, producer)
}

const logOf = (state: ModelState, topic: string, partition: number) => {
  const topicIndex = state.world.topicIndex.get(topic)
  if (topicIndex === undefined) return undefined
  return state.topics[topicIndex].partitions[partition]
}
