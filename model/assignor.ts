/**
 * Assignors: how a group's coordinator spreads the partitions of the topics
 * the group subscribes to over its members, at each rebalance. Both sort the
 * member names by plain string order (`a < b`), as spec/config.ts documents:
 *
 * - `range` (Kafka's RangeAssignor): per topic, partitions `0..P-1` are cut
 *   into contiguous ranges; with `M` members each gets `floor(P / M)` and the
 *   first `P % M` members one more.
 * - `round-robin` (Kafka's RoundRobinAssignor): all topic-partitions, sorted
 *   by topic name then partition, are dealt to the sorted members in turn.
 *
 * Members beyond the partition count get nothing (they sit idle).
 *
 * @module
 */
import type { Assignor } from "../spec/config.ts"
import type { TopicPartition } from "../spec/record.ts"

/**
 * The partitions one member owns in one generation, sorted by topic name then
 * partition, with the index (in the configuration) of each entry's topic.
 */
export interface Assignment {
  readonly partitions: ReadonlyArray<TopicPartition>
  readonly topicIndices: ReadonlyArray<number>
}

/** The assignment of a member that owns nothing. */
export const assignmentEmpty: Assignment = { partitions: [], topicIndices: [] }

/**
 * A subscribed topic as the assignors see it: name, partition count,
 * configuration index, and one shared `TopicPartition` per partition (the
 * objects every assignment of every state reuses).
 */
export interface SubscribedTopic {
  readonly name: string
  readonly partitions: number
  readonly index: number
  readonly topicPartitions: ReadonlyArray<TopicPartition>
}

/** The {@link SubscribedTopic} for a topic of the configuration. */
export const subscribedTopic = (name: string, partitions: number, index: number): SubscribedTopic => ({
  name,
  partitions,
  index,
  topicPartitions: Array.from({ length: partitions }, (_, partition): TopicPartition => ({ topic: name, partition }))
})

/** Plain string order (UTF-16 code units), the order both assignors sort names by. */
export const compareNames = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The assignment of every member, in the order of `members`, computed by
 * `assignor` over `topics`, which must be sorted by name without duplicates.
 *
 * @example
 * ```ts
 * const topics = [subscribedTopic("orders", 3, 0)]
 * assign("range", ["b", "a"], topics).map((a) => a.partitions.map((tp) => tp.partition))
 * // [[2], [0, 1]]: "a" sorts first and gets the extra partition
 * ```
 */
export const assign = (
  assignor: Assignor,
  members: ReadonlyArray<string>,
  topics: ReadonlyArray<SubscribedTopic>
): ReadonlyArray<Assignment> => {
  const count = members.length
  const result: Array<Assignment> = []
  for (let i = 0; i < count; i++) {
    const rank = rankOf(members, i)
    const partitions: Array<TopicPartition> = []
    const topicIndices: Array<number> = []
    if (assignor === "range") {
      for (const topic of topics) {
        const quota = Math.floor(topic.partitions / count)
        const extra = topic.partitions % count
        const start = rank * quota + (rank < extra ? rank : extra)
        const end = start + quota + (rank < extra ? 1 : 0)
        for (let p = start; p < end; p++) {
          partitions.push(topic.topicPartitions[p])
          topicIndices.push(topic.index)
        }
      }
    } else {
      // the k-th topic-partition in sorted order goes to the member of rank k % count
      let first = 0
      for (const topic of topics) {
        let p = (rank - (first % count) + count) % count
        for (; p < topic.partitions; p += count) {
          partitions.push(topic.topicPartitions[p])
          topicIndices.push(topic.index)
        }
        first += topic.partitions
      }
    }
    result.push(partitions.length === 0 ? assignmentEmpty : { partitions, topicIndices })
  }
  return result
}

/** How many of `members` sort before `members[index]` (its place in the sorted list). */
const rankOf = (members: ReadonlyArray<string>, index: number): number => {
  const name = members[index]
  let rank = 0
  for (let j = 0; j < members.length; j++) {
    if (members[j] < name) rank++
  }
  return rank
}

/** The position of `topic`/`partition` in an assignment, or -1 when not assigned. */
export const indexOfPartition = (assignment: Assignment, topic: string, partition: number): number => {
  const list = assignment.partitions
  for (let i = 0; i < list.length; i++) {
    const entry = list[i]
    if (entry.partition === partition && entry.topic === topic) return i
  }
  return -1
}
