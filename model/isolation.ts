/**
 * The isolation-aware fetch of one partition (Kafka's consumer
 * `isolation.level`, KIP-98): `read_uncommitted` reads every data record
 * below the high watermark, `read_committed` stops at the last stable offset
 * and skips the records of aborted transactions; both step over markers,
 * which take an offset and are never delivered.
 *
 * @module
 */
import type { LogRecord } from "../spec/record.ts"
import type { TopicLog } from "./log.ts"
import { entryAt, highWatermark, isAborted, isPlain, lastStableOffset } from "./log.ts"

/** Where a fetch walk stopped, and how many records it may still deliver. */
export interface Fetched {
  readonly position: number
  readonly remaining: number
}

/**
 * Walks one partition of a topic with indexes from `start`: while some of
 * `remaining` is left and the walk is below the bound (the last stable offset
 * with `readCommitted`, else the high watermark), it steps over one offset; a
 * marker is skipped, and so is (with `readCommitted`) a record of an aborted
 * transaction; any other record is pushed to `records` and uses up one of
 * `remaining`. The position is where the walk stopped: right after the last
 * record it delivered when `remaining` ran out, else the bound, or `start`
 * when that is already at or past the bound.
 *
 * Spec reading: a start past the last stable offset (a `ConsumerSeek` or a
 * committed offset beyond it) keeps its position rather than moving back to
 * the bound: the walk "stops where it is", as a Kafka fetch at such a
 * position returns nothing and leaves the position alone.
 */
export const fetchWalk = (
  topic: TopicLog,
  partition: number,
  start: number,
  remaining: number,
  readCommitted: boolean,
  records: Array<LogRecord>
): Fetched => {
  const log = topic.partitions[partition]
  const index = topic.indexes![partition]
  const bound = readCommitted ? lastStableOffset(topic, partition) : highWatermark(log)
  let position = start
  let left = remaining
  while (left > 0 && position < bound) {
    const entry = entryAt(log, position)
    if (isPlain(entry)) {
      records.push(entry)
      left--
    } else if (entry._tag === "Data" && !(readCommitted && entry.transactional && isAborted(index, entry.producerId, position))) {
      records.push(entry.record)
      left--
    }
    position++
  }
  return { position, remaining: left }
}
