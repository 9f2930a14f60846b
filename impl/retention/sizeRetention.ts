/**
 * Size-based retention (`TopicConfig.retentionRecordsMax`, Kafka's
 * `retention.bytes` counted in records): the log store applies it right
 * after every append, whatever appended (a send, a retry, a relay, a
 * dead-letter publish, a marker).
 *
 * @module
 */

/**
 * The partition's log start after an append brought its high watermark to
 * `highWatermark`: at least `highWatermark - recordsMax` when the topic has
 * a `retentionRecordsMax`, and never lower than `logStart`.
 */
export const logStartAfterAppend = (logStart: number, highWatermark: number, recordsMax: number | undefined): number =>
  recordsMax === undefined ? logStart : Math.max(logStart, highWatermark - recordsMax)
