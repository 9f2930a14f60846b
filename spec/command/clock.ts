/**
 * Logical time.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { Count } from "../config.ts"


/**
 * Logical time moves on by `ms` (the model's clock and the implementation's
 * TestClock alike). Then, group by group in configuration order, every broker
 * member with `lastSeenMs + sessionTimeoutMs <= nowMs` is removed (listed in
 * join order); a group that lost members rebalances once. Clients of expired
 * members keep running as zombies until they rejoin. Then the transaction
 * coordinator aborts, in transactional-id order (plain string order), every
 * open transaction with `startMs + transactionTimeoutMs <= nowMs`: abort
 * markers as in `TxnAbort` but written with the new epoch, its sent offsets
 * discarded, and the epoch of its
 * transactional id goes up by 1, so the late producer's next call is fenced
 * (Kafka's `transaction.timeout.ms`). Then, queue by queue in
 * configuration order and each queue in queue order, every message whose
 * visibility ended (`inFlightUntilMs <= nowMs`, not yet moved) and whose
 * receive count reached its queue's `receiveCountMax` is moved to the end of
 * the dead-letter queue (spec/command/queue.ts). Then, topic by topic in
 * configuration order and each topic's partitions in order, a topic with
 * `retentionMs` deletes from each partition's head the entries with
 * `timestampMs + retentionMs <= nowMs`. Answer: `ClockAdvanced`
 * (with `transactionsAborted` when some transaction timed out,
 * `deadLettered` when some message was moved, and `logStarts` listing each
 * partition whose log start offset this advance moved, with its new log
 * start, when some did).
 */
export const ClockAdvance = Schema.TaggedStruct("ClockAdvance", {
  ms: Count
})
