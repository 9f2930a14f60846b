/**
 * The two assignors of qsem's spec (`Assignor` in spec/config.ts): how a
 * group's partitions are spread over its members at a rebalance.
 *
 * @module
 */
import type { Assignor, TopicPartition } from "qsem"

/** Sorts topic-partitions by topic name, then partition. */
export const byTopicThenPartition = (a: TopicPartition, b: TopicPartition): number =>
  a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition

/**
 * Each member's partitions (sorted by topic, then partition). `members` in
 * any order: both assignors sort member names by plain string order;
 * `topics` maps each subscribed topic to its partition count.
 */
export const assign = (
  assignor: Assignor,
  members: ReadonlyArray<string>,
  topics: ReadonlyMap<string, number>
): Map<string, Array<TopicPartition>> => {
  const sorted = [...members].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const result = new Map<string, Array<TopicPartition>>(sorted.map((member) => [member, []]))
  if (sorted.length === 0) return result
  if (assignor === "range") {
    for (const [topic, partitions] of topics) {
      const each = Math.floor(partitions / sorted.length)
      const extra = partitions % sorted.length
      let next = 0
      sorted.forEach((member, i) => {
        const count = each + (i < extra ? 1 : 0)
        for (let p = next; p < next + count; p++) result.get(member)!.push({ topic, partition: p })
        next += count
      })
    }
  } else {
    const all: Array<TopicPartition> = []
    for (const [topic, partitions] of topics) {
      for (let p = 0; p < partitions; p++) all.push({ topic, partition: p })
    }
    all.sort(byTopicThenPartition)
    all.forEach((tp, i) => result.get(sorted[i % sorted.length])!.push(tp))
  }
  for (const list of result.values()) list.sort(byTopicThenPartition)
  return result
}
