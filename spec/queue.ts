/**
 * Queue data: what a queue's messages look like in answers. See
 * `QueueConfig` in spec/config.ts and the commands of spec/command/queue.ts.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { Count, CountPositive, Name } from "./config.ts"

/**
 * A message as a receive delivers it: its id, its body, its FIFO message
 * group and deduplication id (present only when sent with them), the receipt
 * of this receive and the message's receive count after it (1 on its first
 * receive since it was enqueued or redriven).
 */
export const ReceivedMessage = Schema.Struct({
  messageId: Count,
  value: Schema.String,
  group: Schema.optionalKey(Name),
  dedupId: Schema.optionalKey(Name),
  receipt: Count,
  receiveCount: CountPositive
})
/** @see {@link ReceivedMessage} */
export type ReceivedMessage = typeof ReceivedMessage.Type

/**
 * A message as a queue listing shows it: its id, body, group and dedup id as
 * sent, its receive count since it was enqueued or redriven, the latest
 * receipt issued for it (absent before its first receive since then), the
 * end of its visibility timeout while it is in flight (`inFlightUntilMs`,
 * absent when it is visible), and, in a dead-letter queue, the queue it was
 * moved from (`source`).
 */
export const QueueEntry = Schema.Struct({
  messageId: Count,
  value: Schema.String,
  group: Schema.optionalKey(Name),
  dedupId: Schema.optionalKey(Name),
  receiveCount: Count,
  receipt: Schema.optionalKey(Count),
  inFlightUntilMs: Schema.optionalKey(Count),
  source: Schema.optionalKey(Name)
})
/** @see {@link QueueEntry} */
export type QueueEntry = typeof QueueEntry.Type

/** A deduplication id a FIFO queue remembers: the message it enqueued and when (the window runs from `atMs`). */
export const RememberedDedupId = Schema.Struct({
  dedupId: Name,
  messageId: Count,
  atMs: Count
})
/** @see {@link RememberedDedupId} */
export type RememberedDedupId = typeof RememberedDedupId.Type

/** A message moved to a dead-letter queue: from `queue` to `deadLetterQueue`. */
export const DeadLettered = Schema.Struct({
  queue: Name,
  messageId: Count,
  deadLetterQueue: Name
})
/** @see {@link DeadLettered} */
export type DeadLettered = typeof DeadLettered.Type

/** A message a redrive moved from a dead-letter queue back to its source queue. */
export const RedrivenMessage = Schema.Struct({
  messageId: Count,
  source: Name
})
/** @see {@link RedrivenMessage} */
export type RedrivenMessage = typeof RedrivenMessage.Type
