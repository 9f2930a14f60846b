/**
 * Helpers for topic-partitions: a map key and the spec's sort order
 * (topic name by plain string order, then partition).
 *
 * @module
 */
import type { TopicPartition } from "../../spec/record.ts"

/**
 * A string that identifies one partition of one topic, for use as a map key.
 * The partition comes first: it has no colon, so the key is unambiguous for
 * every topic name.
 */
export const partitionKey = (topic: string, partition: number): string => `${partition}:${topic}`

/** The spec's order of topic-partitions: by topic name (`a < b`), then partition. */
export const compareTopicPartition = (a: TopicPartition, b: TopicPartition): number =>
  a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition

/** The topic-partitions sorted in the spec's order (a new array). */
export const sortTopicPartitions = (list: ReadonlyArray<TopicPartition>): ReadonlyArray<TopicPartition> =>
  [...list].sort(compareTopicPartition)

/** Whether the list holds this partition of this topic. */
export const holdsPartition = (list: ReadonlyArray<TopicPartition>, topic: string, partition: number): boolean => {
  for (const tp of list) {
    if (tp.partition === partition && tp.topic === topic) return true
  }
  return false
}

/** Plain string order (`a < b`), as the assignors sort member names. */
export const compareName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
