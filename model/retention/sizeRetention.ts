/**
 * Size-based retention (`TopicConfig.retentionRecordsMax`, Kafka's
 * `retention.bytes` counted in records): right after an append makes a
 * partition hold more than `retentionRecordsMax` entries (from its log start
 * to its high watermark), its oldest entries are deleted down to that many.
 * Every append path calls it (plain, idempotent and transactional records,
 * markers), so the log start is always at least
 * `highWatermark - retentionRecordsMax`.
 *
 * @module
 */
import type { TopicConfig } from "../../spec/config.ts"
import { logStartsRaised } from "./logStart.ts"

/**
 * The topic's log starts after an append brought the partition's high
 * watermark to `highWatermark`: for a topic with `retentionRecordsMax`, the
 * partition's log start raised to `highWatermark - retentionRecordsMax` when
 * it was below; otherwise the same array (a topic without size retention
 * costs one property read).
 */
export const logStartsAfterAppend = (
  topic: TopicConfig,
  logStarts: ReadonlyArray<number> | undefined,
  partition: number,
  highWatermark: number
): ReadonlyArray<number> | undefined => {
  const recordsMax = topic.retentionRecordsMax
  if (recordsMax === undefined || highWatermark <= recordsMax) return logStarts
  return logStartsRaised(logStarts, topic.partitions, partition, highWatermark - recordsMax)
}
