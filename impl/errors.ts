/**
 * The broker's typed errors. Inside the broker's synchronous core a
 * handler or service signals an invalid command by throwing one; the
 * broker's `execute` (the Effect boundary) catches it and answers the spec's
 * error Response of the same tag and fields (see `internal/toResponse.ts`),
 * so `execute` never fails or dies on an invalid command. Each is a
 * `Data.TaggedError` made without a stack trace: it is an answer, not a bug,
 * and a stack trace costs more than the rest of a command.
 *
 * @module
 */
import { Data } from "effect"
import type { TopicPartition } from "../spec/record.ts"

/** Marks the prototype of every broker error (see {@link isBrokerError}). */
const BrokerErrorTypeId: unique symbol = Symbol.for("qsem/impl/BrokerError")

/**
 * `Data.TaggedError(tag)`, whose instances are made without capturing a
 * stack trace and are recognised by {@link isBrokerError}.
 */
const BrokerErrorOf = <Tag extends string>(tag: Tag): ReturnType<typeof Data.TaggedError<Tag>> => {
  const Base = Data.TaggedError(tag) as unknown as new(args: unknown) => object
  class WithoutStack extends Base {
    constructor(args: unknown) {
      const limit = Error.stackTraceLimit
      Error.stackTraceLimit = 0
      try {
        super(args)
      } finally {
        Error.stackTraceLimit = limit
      }
    }
  }
  Object.defineProperty(WithoutStack.prototype, BrokerErrorTypeId, { value: true })
  return WithoutStack as unknown as ReturnType<typeof Data.TaggedError<Tag>>
}

/** The topic is not configured. */
export class UnknownTopic extends BrokerErrorOf("UnknownTopic")<{
  readonly topic: string
}> {}

/** The group is not configured. */
export class UnknownGroup extends BrokerErrorOf("UnknownGroup")<{
  readonly group: string
}> {}

/** The member is not running, or (for broker calls) not a broker member. */
export class UnknownMember extends BrokerErrorOf("UnknownMember")<{
  readonly group: string
  readonly member: string
}> {}

/** A join by a member that is a running broker member already. */
export class AlreadyMember extends BrokerErrorOf("AlreadyMember")<{
  readonly group: string
  readonly member: string
}> {}

/** The partition is not assigned to this member (or does not exist). */
export class NotAssigned extends BrokerErrorOf("NotAssigned")<{
  readonly group: string
  readonly member: string
  readonly topic: string
  readonly partition: number
}> {}

/** Processing a record that is not in the member's buffer. */
export class NotDelivered extends BrokerErrorOf("NotDelivered")<{
  readonly group: string
  readonly member: string
  readonly topic: string
  readonly partition: number
  readonly offset: number
}> {}

/** The group rebalanced since the client last synced; the client has synced now. */
export class RebalanceInProgress extends BrokerErrorOf("RebalanceInProgress")<{
  readonly group: string
  readonly member: string
  readonly generation: number
  readonly assignment: ReadonlyArray<TopicPartition>
}> {}

/** A commit from a client whose generation is older than the group's: fenced. */
export class StaleGeneration extends BrokerErrorOf("StaleGeneration")<{
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
export class OffsetOutOfRange extends BrokerErrorOf("OffsetOutOfRange")<{
  readonly topic: string
  readonly partition: number
  readonly offset: number
  readonly highWatermark: number
  readonly logStartOffset?: number
}> {}

/** The send reached the broker (and took effect) but its acknowledgement was lost: the producer saw a timeout. */
export class SendTimedOut extends BrokerErrorOf("SendTimedOut")<{
  readonly producer: string
  readonly topic: string
  readonly partition: number
}> {}

/** `ProducerRetry` by a producer with no pending send. */
export class NothingToRetry extends BrokerErrorOf("NothingToRetry")<{
  readonly producer: string
}> {}

/** `ProducerInit` or a transaction command by a producer that is not transactional. */
export class NotTransactional extends BrokerErrorOf("NotTransactional")<{
  readonly producer: string
}> {}

/** A transactional producer whose client has not initialized since it started. */
export class ProducerNotInitialized extends BrokerErrorOf("ProducerNotInitialized")<{
  readonly producer: string
}> {}

/** A newer epoch of the producer's transactional id exists: the client is a zombie and its call took no effect. */
export class ProducerFenced extends BrokerErrorOf("ProducerFenced")<{
  readonly producer: string
}> {}

/** A transactional send, offsets, commit or abort without a begun transaction. */
export class TransactionNotOpen extends BrokerErrorOf("TransactionNotOpen")<{
  readonly producer: string
}> {}

/** `TxnBegin` while the client's transaction is open. */
export class TransactionAlreadyOpen extends BrokerErrorOf("TransactionAlreadyOpen")<{
  readonly producer: string
}> {}

/** The topic has no such partition. */
export class UnknownPartition extends BrokerErrorOf("UnknownPartition")<{
  readonly topic: string
  readonly partition: number
}> {}

/** The service is not configured. */
export class UnknownService extends BrokerErrorOf("UnknownService")<{
  readonly service: string
}> {}

/** `ServiceWrite` of an event the service's business table holds already. */
export class EventExists extends BrokerErrorOf("EventExists")<{
  readonly service: string
  readonly event: string
}> {}

/** `RelayPublish` for a service that does not publish through an outbox. */
export class NotAnOutbox extends BrokerErrorOf("NotAnOutbox")<{
  readonly service: string
}> {}

/** `RelayPublish` with every outbox row published. */
export class OutboxEmpty extends BrokerErrorOf("OutboxEmpty")<{
  readonly service: string
}> {}

/** The queue is not configured. */
export class UnknownQueue extends BrokerErrorOf("UnknownQueue")<{
  readonly queue: string
}> {}

/** `QueueSend` with a FIFO-only field (`group` or `dedupId`) to a queue that is not FIFO. */
export class FifoOnly extends BrokerErrorOf("FifoOnly")<{
  readonly queue: string
  readonly field: "group" | "dedupId"
}> {}

/** `QueueSend` without a message group to a FIFO queue. */
export class MessageGroupMissing extends BrokerErrorOf("MessageGroupMissing")<{
  readonly queue: string
}> {}

/** `QueueProcess` of a receipt the consumer's buffer does not hold. */
export class NotReceived extends BrokerErrorOf("NotReceived")<{
  readonly queue: string
  readonly consumer: string
  readonly receipt: number
}> {}

/** A receipt the queue never issued. */
export class UnknownReceipt extends BrokerErrorOf("UnknownReceipt")<{
  readonly queue: string
  readonly receipt: number
}> {}

/** `QueueRelease` or `QueueExtend` with a receipt that is not the latest of a message in flight in the queue. */
export class NotInFlight extends BrokerErrorOf("NotInFlight")<{
  readonly queue: string
  readonly receipt: number
}> {}

/** `QueueRedrive` of a queue that is no queue's dead-letter queue. */
export class NotADeadLetterQueue extends BrokerErrorOf("NotADeadLetterQueue")<{
  readonly queue: string
}> {}

/** `ConsumerProcess` before the record's retry time: the failure policy's backoff refuses the attempt. */
export class BackoffPending extends BrokerErrorOf("BackoffPending")<{
  readonly group: string
  readonly member: string
  readonly topic: string
  readonly partition: number
  readonly offset: number
  readonly retryAtMs: number
}> {}

/** `ConsumerProcess` while the group's breaker is open and pauses: no attempt before `untilMs`. */
export class BreakerOpen extends BrokerErrorOf("BreakerOpen")<{
  readonly group: string
  readonly member: string
  readonly topic: string
  readonly partition: number
  readonly offset: number
  readonly untilMs: number
}> {}

/** `DownstreamDown` or `DownstreamUp` for a group without a `failure` config. */
export class NoFailurePolicy extends BrokerErrorOf("NoFailurePolicy")<{
  readonly group: string
}> {}

/** `DeadLetterRedrive` for a group whose failure policy has no dead-letter topic. */
export class NoDeadLetterTopic extends BrokerErrorOf("NoDeadLetterTopic")<{
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

/** Whether a thrown value is one of the broker's typed errors (anything else thrown in the broker is a defect). */
export const isBrokerError = (value: unknown): value is BrokerError =>
  typeof value === "object" && value !== null && BrokerErrorTypeId in value
