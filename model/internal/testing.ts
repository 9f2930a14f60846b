/**
 * Helpers for the model's own tests: command shorthands and a full snapshot
 * of a state through the query helpers (to prove an old state never changes).
 *
 * @internal
 * @module
 */
import type { Command } from "../../spec/command.ts"
import type { PartitionOffset } from "../../spec/record.ts"
import {
  brokerMembersOf,
  clientOf,
  committedOf,
  configOf,
  generationOf,
  nowMs,
  recordsOf,
  roundRobinOf,
  runningMembersOf,
  sinkOf
} from "../query.ts"
import type { ModelState } from "../state.ts"

/** Shorthands for the commands of the spec, for readable scenarios. */
export const cmd = {
  send: (producer: string, topic: string, value: string, key?: string): Command =>
    key === undefined ? { _tag: "ProducerSend", producer, topic, value } : { _tag: "ProducerSend", producer, topic, key, value },
  join: (group: string, member: string): Command => ({ _tag: "GroupJoin", group, member }),
  leave: (group: string, member: string): Command => ({ _tag: "GroupLeave", group, member }),
  heartbeat: (group: string, member: string): Command => ({ _tag: "ConsumerHeartbeat", group, member }),
  poll: (group: string, member: string, recordsMax: number): Command => ({ _tag: "ConsumerPoll", group, member, recordsMax }),
  process: (group: string, member: string, topic: string, partition: number, offset: number): Command => ({
    _tag: "ConsumerProcess",
    group,
    member,
    topic,
    partition,
    offset
  }),
  commit: (group: string, member: string, offsets: ReadonlyArray<PartitionOffset>): Command => ({
    _tag: "ConsumerCommit",
    group,
    member,
    offsets
  }),
  seek: (group: string, member: string, topic: string, partition: number, offset: number): Command => ({
    _tag: "ConsumerSeek",
    group,
    member,
    topic,
    partition,
    offset
  }),
  crash: (group: string, member: string): Command => ({ _tag: "ConsumerCrash", group, member }),
  advance: (ms: number): Command => ({ _tag: "ClockAdvance", ms })
}

/**
 * Everything observable about a state, as plain data: clock, logs, counters of
 * the given producers, and per group its generation, broker members, clients
 * of the given members, committed offsets and sink.
 */
export const snapshot = (state: ModelState, producers: ReadonlyArray<string>, members: ReadonlyArray<string>): unknown => {
  const config = configOf(state)
  return {
    nowMs: nowMs(state),
    topics: config.topics.map((topic) => ({
      records: Array.from({ length: topic.partitions }, (_, p) => recordsOf(state, topic.name, p)),
      counters: producers.map((producer) => roundRobinOf(state, producer, topic.name))
    })),
    groups: config.groups.map((group) => ({
      generation: generationOf(state, group.name),
      members: brokerMembersOf(state, group.name),
      running: runningMembersOf(state, group.name),
      clients: members.map((member) => clientOf(state, group.name, member) ?? null),
      committed: config.topics.map((topic) =>
        Array.from({ length: topic.partitions }, (_, p) => committedOf(state, group.name, topic.name, p) ?? null)
      ),
      sink: sinkOf(state, group.name)
    }))
  }
}
