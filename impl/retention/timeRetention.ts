/**
 * Time-based retention (`TopicConfig.retentionMs`, Kafka's `retention.ms`):
 * at every `ClockAdvance` the log store deletes from each partition's head
 * the entries this rule says expired (see `LogStoreShape.expire`).
 *
 * @module
 */

/**
 * Whether an entry appended at `timestampMs` has expired at `nowMs` under a
 * topic's `retentionMs`. The correct rule is {@link expiredAtRetention}; a
 * mutant swaps in a broken one.
 */
export type ExpiryRule = (timestampMs: number, retentionMs: number, nowMs: number) => boolean

/** Kafka's rule, as the spec states it: expired once `timestampMs + retentionMs <= nowMs`. */
export const expiredAtRetention: ExpiryRule = (timestampMs, retentionMs, nowMs) => timestampMs + retentionMs <= nowMs
