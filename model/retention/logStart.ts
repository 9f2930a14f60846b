/**
 * Log start offsets: retention deletes a partition's oldest entries by moving
 * its log start offset up (Kafka's `logStartOffset`). Entries below it are
 * gone for every reader; offsets never change and the high watermark never
 * moves back. A topic keeps no log starts (`logStarts` is `undefined`) until
 * one of its partitions' moved, so topics without retention pay nothing.
 *
 * @module
 */
import type { TopicLog } from "../log.ts"

/** The partition's log start offset: the first offset retention kept (0 until it deleted something). */
export const logStartOf = (topic: TopicLog, partition: number): number =>
  topic.logStarts === undefined ? 0 : topic.logStarts[partition]

/**
 * The log starts with the partition's moved up to `offset`, or the same
 * array (`undefined` included) when it already is at or above it: a log
 * start never moves back.
 */
export const logStartsRaised = (
  logStarts: ReadonlyArray<number> | undefined,
  partitionCount: number,
  partition: number,
  offset: number
): ReadonlyArray<number> | undefined => {
  const current = logStarts === undefined ? 0 : logStarts[partition]
  if (offset <= current) return logStarts
  const next = logStarts === undefined ? new Array<number>(partitionCount).fill(0) : logStarts.slice()
  next[partition] = offset
  return next
}

/** The topic with the partition's log start moved up to `offset` (the same topic when it already is at or above it). */
export const withLogStart = (topic: TopicLog, partition: number, offset: number): TopicLog => {
  const logStarts = logStartsRaised(topic.logStarts, topic.partitions.length, partition, offset)
  return logStarts === topic.logStarts
    ? topic
    : { partitions: topic.partitions, counters: topic.counters, indexes: topic.indexes, logStarts }
}
