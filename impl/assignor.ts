/**
 * The group coordinator's assignors: how a group's partitions are spread
 * over its members (`range` and `round-robin`, as spec/config.ts documents).
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import type { GroupConfig } from "../spec/config.ts"
import type { TopicPartition } from "../spec/record.ts"
import { BrokerConfig, type BrokerConfigShape } from "./brokerConfig.ts"
import { compareName, compareTopicPartition } from "./internal/topicPartition.ts"

/** The partitions each member owns, each list in the spec's order. Every member has an entry. */
export type Assignment = ReadonlyMap<string, ReadonlyArray<TopicPartition>>

/** A subscribed topic and its partition count. */
export interface TopicSize {
  readonly topic: string
  readonly partitions: number
}

/**
 * Kafka's RangeAssignor: per topic, partitions `0..P-1` are cut into
 * contiguous ranges over the members sorted by name; each gets
 * `floor(P / M)` and the first `P % M` get one more.
 *
 * @example
 * ```ts
 * rangeAssign([{ topic: "t", partitions: 3 }], ["b", "a"])
 * // a: t/0, t/1   b: t/2
 * ```
 */
export const rangeAssign = (topics: ReadonlyArray<TopicSize>, members: ReadonlyArray<string>): Assignment => {
  const sorted = [...members].sort(compareName)
  const lists = sorted.map((): Array<TopicPartition> => [])
  const count = sorted.length
  if (count > 0) {
    for (const { partitions, topic } of topics) {
      const quota = Math.floor(partitions / count)
      const extra = partitions % count
      for (let i = 0; i < count; i++) {
        const start = i * quota + Math.min(i, extra)
        const length = quota + (i < extra ? 1 : 0)
        for (let p = start; p < start + length; p++) lists[i].push({ topic, partition: p })
      }
    }
  }
  return toAssignment(sorted, lists)
}

/**
 * Kafka's RoundRobinAssignor: all topic-partitions, sorted by topic then
 * partition, are dealt to the members sorted by name, in turn.
 *
 * @example
 * ```ts
 * roundRobinAssign([{ topic: "t", partitions: 3 }], ["b", "a"])
 * // a: t/0, t/2   b: t/1
 * ```
 */
export const roundRobinAssign = (topics: ReadonlyArray<TopicSize>, members: ReadonlyArray<string>): Assignment => {
  const sorted = [...members].sort(compareName)
  const lists = sorted.map((): Array<TopicPartition> => [])
  if (sorted.length > 0) {
    const all: Array<TopicPartition> = []
    for (const { partitions, topic } of topics) {
      for (let p = 0; p < partitions; p++) all.push({ topic, partition: p })
    }
    all.sort(compareTopicPartition)
    all.forEach((tp, i) => lists[i % sorted.length].push(tp))
  }
  return toAssignment(sorted, lists)
}

const toAssignment = (
  members: ReadonlyArray<string>,
  lists: ReadonlyArray<Array<TopicPartition>>
): Assignment => {
  const assignment = new Map<string, ReadonlyArray<TopicPartition>>()
  members.forEach((member, i) => assignment.set(member, lists[i].sort(compareTopicPartition)))
  return assignment
}

/** Computes a group's whole assignment for its current members. */
export interface AssignorShape {
  /** The assignment of the group's subscribed partitions over these members (in any order). */
  readonly assign: (group: GroupConfig, members: ReadonlyArray<string>) => Assignment
}

/**
 * The assignor that follows each group's configured strategy. Each group's
 * subscribed topics (each once, with its partition count) are resolved once,
 * when the assignor is built.
 */
export const assignorOf = (brokerConfig: BrokerConfigShape): AssignorShape => {
  const sizesByGroup = new Map<string, ReadonlyArray<TopicSize>>()
  for (const group of brokerConfig.config.groups) {
    const sizes: Array<TopicSize> = []
    for (const topic of new Set(group.topics)) {
      const config = brokerConfig.topic(topic)
      if (config === undefined) throw new Error(`Assignor: group ${group.name} subscribes to unknown topic ${topic}`)
      sizes.push({ topic, partitions: config.partitions })
    }
    sizesByGroup.set(group.name, sizes)
  }
  return {
    assign(group, members) {
      const sizes = sizesByGroup.get(group.name)
      if (sizes === undefined) throw new Error(`Assignor: no group ${group.name}`)
      return group.assignor === "range" ? rangeAssign(sizes, members) : roundRobinAssign(sizes, members)
    }
  }
}

/** {@link assignorOf} the broker's config, as an Effect. */
export const makeAssignor: Effect.Effect<AssignorShape, never, BrokerConfig> = Effect.gen(function*() {
  return assignorOf(yield* BrokerConfig)
})

/** The coordinator's assignment strategy (range or round-robin, per group). */
export class Assignor extends Context.Service<Assignor, AssignorShape>()("qsem/impl/Assignor") {
  /** The assignors of spec/config.ts. */
  static readonly layer: Layer.Layer<Assignor, never, BrokerConfig> = Layer.effect(Assignor, makeAssignor)
}
