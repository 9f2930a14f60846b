/**
 * The broker's typed errors. Inside the broker they travel in Effect's error
 * channel; the session boundary turns each into the spec's error Response of
 * the same tag and fields (see `internal/toResponse.ts`).
 *
 * @module
 */
import { Data } from "effect"
import type { TopicPartition } from "../spec/record.ts"

/** The topic is not configured. */
export class UnknownTopic extends Data.TaggedError("UnknownTopic")<{
  readonly topic: string
}> {}

/** The group is not configured. */
export class UnknownGroup extends Data.TaggedError("UnknownGroup")<{
  readonly group: string
}> {}

/** The member is not running, or (for broker calls) not a broker member. */
export class UnknownMember extends Data.TaggedError("UnknownMember")<{
  readonly group: string
  readonly member: string
}> {}

/** A join by a member that is a running broker member already. */
export class AlreadyMember extends Data.TaggedError("AlreadyMember")<{
  readonly group: string
  readonly member: string
}> {}

/** The partition is not assigned to this member (or does not exist). */
export class NotAssigned extends Data.TaggedError("NotAssigned")<{
  readonly group: string
  readonly member: string
  readonly topic: string
  readonly partition: number
}> {}

/** Processing a record that is not in the member's buffer. */
export class NotDelivered extends Data.TaggedError("NotDelivered")<{
  readonly group: string
  readonly member: string
  readonly topic: string
  readonly partition: number
  readonly offset: number
}> {}

/** The group rebalanced since the client last synced; the client has synced now. */
export class RebalanceInProgress extends Data.TaggedError("RebalanceInProgress")<{
  readonly group: string
  readonly member: string
  readonly generation: number
  readonly assignment: ReadonlyArray<TopicPartition>
}> {}

/** A commit from a client whose generation is older than the group's: fenced. */
export class StaleGeneration extends Data.TaggedError("StaleGeneration")<{
  readonly group: string
  readonly member: string
  readonly generation: number
  readonly generationCurrent: number
}> {}

/**
 * An offset above the partition's high watermark, or (a poll of a group
 * whose `autoOffsetReset` is `none`) a start below its log start, given as
 * `logStartOffset`.
 */
export class OffsetOutOfRange extends Data.TaggedError("OffsetOutOfRange")<{
  readonly topic: string
  readonly partition: number
  readonly offset: number
  readonly highWatermark: number
  readonly logStartOffset?: number
}> {}

/** The send reached the broker (and took effect) but its acknowledgement was lost: the producer saw a timeout. */
export class SendTimedOut extends Data.TaggedError("SendTimedOut")<{
  readonly producer: string
  readonly topic: string
  readonly partition: number
}> {}

/** `ProducerRetry` by a producer with no pending send. */
export class NothingToRetry extends Data.TaggedError("NothingToRetry")<{
  readonly producer: string
}> {}

/** `ProducerInit` or a transaction command by a producer that is not transactional. */
export class NotTransactional extends Data.TaggedError("NotTransactional")<{
  readonly producer: string
}> {}

/** A transactional producer whose client has not initialized since it started. */
export class ProducerNotInitialized extends Data.TaggedError("ProducerNotInitialized")<{
  readonly producer: string
}> {}

/** A newer epoch of the producer's transactional id exists: the client is a zombie and its call took no effect. */
export class ProducerFenced extends Data.TaggedError("ProducerFenced")<{
  readonly producer: string
}> {}

/** A transactional send, offsets, commit or abort without a begun transaction. */
export class TransactionNotOpen extends Data.TaggedError("TransactionNotOpen")<{
  readonly producer: string
}> {}

/** `TxnBegin` while the client's transaction is open. */
export class TransactionAlreadyOpen extends Data.TaggedError("TransactionAlreadyOpen")<{
  readonly producer: string
}> {}

/** The topic has no such partition. */
export class UnknownPartition extends Data.TaggedError("UnknownPartition")<{
  readonly topic: string
  readonly partition: number
}> {}

/** The service is not configured. */
export class UnknownService extends Data.TaggedError("UnknownService")<{
  readonly service: string
}> {}

/** `ServiceWrite` of an event the service's business table holds already. */
export class EventExists extends Data.TaggedError("EventExists")<{
  readonly service: string
  readonly event: string
}> {}

/** `RelayPublish` for a service that does not publish through an outbox. */
export class NotAnOutbox extends Data.TaggedError("NotAnOutbox")<{
  readonly service: string
}> {}

/** `RelayPublish` with every outbox row published. */
export class OutboxEmpty extends Data.TaggedError("OutboxEmpty")<{
  readonly service: string
}> {}

/** The queue is not configured. */
export class UnknownQueue extends Data.TaggedError("UnknownQueue")<{
  readonly queue: string
}> {}

/** `QueueSend` with a FIFO-only field (`group` or `dedupId`) to a queue that is not FIFO. */
export class FifoOnly extends Data.TaggedError("FifoOnly")<{
  readonly queue: string
  readonly field: "group" | "dedupId"
}> {}

/** `QueueSend` without a message group to a FIFO queue. */
export class MessageGroupMissing extends Data.TaggedError("MessageGroupMissing")<{
  readonly queue: string
}> {}

/** `QueueProcess` of a receipt the consumer's buffer does not hold. */
export class NotReceived extends Data.TaggedError("NotReceived")<{
  readonly queue: string
  readonly consumer: string
  readonly receipt: number
}> {}

/** A receipt the queue never issued. */
export class UnknownReceipt extends Data.TaggedError("UnknownReceipt")<{
  readonly queue: string
  readonly receipt: number
}> {}

/** `QueueRelease` or `QueueExtend` with a receipt that is not the latest of a message in flight in the queue. */
export class NotInFlight extends Data.TaggedError("NotInFlight")<{
  readonly queue: string
  readonly receipt: number
}> {}

/** `QueueRedrive` of a queue that is no queue's dead-letter queue. */
export class NotADeadLetterQueue extends Data.TaggedError("NotADeadLetterQueue")<{
  readonly queue: string
}> {}

/** `ConsumerProcess` before the record's retry time: the failure policy's backoff refuses the attempt. */
export class BackoffPending extends Data.TaggedError("BackoffPending")<{
  readonly group: string
  readonly member: string
  readonly topic: string
  readonly partition: number
  readonly offset: number
  readonly retryAtMs: number
}> {}

/** `ConsumerProcess` while the group's breaker is open and pauses: no attempt before `untilMs`. */
export class BreakerOpen extends Data.TaggedError("BreakerOpen")<{
  readonly group: string
  readonly member: string
  readonly topic: string
  readonly partition: number
  readonly offset: number
  readonly untilMs: number
}> {}

/** `DownstreamDown` or `DownstreamUp` for a group without a `failure` config. */
export class NoFailurePolicy extends Data.TaggedError("NoFailurePolicy")<{
  readonly group: string
}> {}

/** `DeadLetterRedrive` for a group whose failure policy has no dead-letter topic. */
export class NoDeadLetterTopic extends Data.TaggedError("NoDeadLetterTopic")<{
  readonly group: string
}> {}

/** Every error a broker command can fail with. */
export type BrokerError =
  | UnknownTopic
  | UnknownGroup
  | UnknownMember
  | AlreadyMember
  | NotAssigned
  | NotDelivered
  | RebalanceInProgress
  | StaleGeneration
  | OffsetOutOfRange
  | SendTimedOut
  | NothingToRetry
  | NotTransactional
  | ProducerNotInitialized
  | ProducerFenced
  | TransactionNotOpen
  | TransactionAlreadyOpen
  | UnknownPartition
  | UnknownService
  | EventExists
  | NotAnOutbox
  | OutboxEmpty
  | UnknownQueue
  | FifoOnly
  | MessageGroupMissing
  | NotReceived
  | UnknownReceipt
  | NotInFlight
  | NotADeadLetterQueue
  | BackoffPending
  | BreakerOpen
  | NoFailurePolicy
  | NoDeadLetterTopic
