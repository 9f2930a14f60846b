/**
 * Responses: what the system answered to one command, either an ok value or
 * a typed error. Both are plain data, so responses of the model and of a
 * target are compared structurally.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { Count, CountPositive, Name } from "./config.ts"
import { AppliedEffect, BusinessRow, EffectOutcome, EntityState, OutboxRow, RememberedId } from "./effect.ts"
import { FailureCause } from "./failure.ts"
import { DeadLettered, QueueEntry, ReceivedMessage, RedrivenMessage, RememberedDedupId } from "./queue.ts"
import { GroupGeneration, GroupMember, LogEntry, LogRecord, PartitionOffset, TopicPartition, TransactionAbortedByCoordinator } from "./record.ts"

// ---------------------------------------------------------------- ok values

/** `ProducerSend` appended the record here. */
export const Sent = Schema.TaggedStruct("Sent", {
  topic: Name,
  partition: Count,
  offset: Count
})

/** `GroupJoin` succeeded: the group's new generation and the member's partitions. */
export const Joined = Schema.TaggedStruct("Joined", {
  group: Name,
  member: Name,
  generation: Count,
  assignment: Schema.Array(TopicPartition)
})

/** `GroupLeave` succeeded: the group's generation after the rebalance. */
export const Left = Schema.TaggedStruct("Left", {
  group: Name,
  member: Name,
  generation: Count
})

/** `ConsumerHeartbeat` found the client up to date. */
export const HeartbeatOk = Schema.TaggedStruct("HeartbeatOk", {
  group: Name,
  member: Name,
  generation: Count,
  assignment: Schema.Array(TopicPartition)
})

/**
 * A partition whose start a poll reset because retention had deleted it
 * (`from`, the position or committed offset it would have started at) to
 * the log start (`earliest`) or the high watermark (`latest`) (`to`).
 */
export const OffsetReset = Schema.Struct({
  topic: Name,
  partition: Count,
  from: Count,
  to: Count
})
/** @see {@link OffsetReset} */
export type OffsetReset = typeof OffsetReset.Type

/** A partition's new log start offset, after retention deleted its head. */
export const LogStart = Schema.Struct({
  topic: Name,
  partition: Count,
  logStartOffset: Count
})
/** @see {@link LogStart} */
export type LogStart = typeof LogStart.Type

/**
 * `ConsumerPoll` delivered these records (possibly none), in delivery order;
 * `resets` (present only when some start was reset) lists, in assignment
 * order, the partitions whose start retention had deleted.
 */
export const Polled = Schema.TaggedStruct("Polled", {
  group: Name,
  member: Name,
  records: Schema.Array(LogRecord),
  resets: Schema.optionalKey(Schema.Array(OffsetReset))
})

/**
 * `ConsumerProcess` applied this record; in an `exactly-once` group `output`
 * is where its result was appended (inside the member's transaction); in a
 * group with an effect, `effect` is what processing did in its effect store.
 */
export const Processed = Schema.TaggedStruct("Processed", {
  group: Name,
  member: Name,
  topic: Name,
  partition: Count,
  offset: Count,
  output: Schema.optionalKey(PartitionOffset),
  effect: Schema.optionalKey(EffectOutcome)
})

/**
 * `ConsumerProcess` with `crashMidway`: the member's process died after the
 * first write of the processing (see the command), with what that write did;
 * the record was not processed and the member's client is gone.
 */
export const ProcessCrashed = Schema.TaggedStruct("ProcessCrashed", {
  group: Name,
  member: Name,
  topic: Name,
  partition: Count,
  offset: Count,
  output: Schema.optionalKey(PartitionOffset),
  effect: Schema.optionalKey(EffectOutcome)
})

/**
 * An attempt of `ConsumerProcess` failed (a group with a `failure` config):
 * why, the attempt's number (1 for the first) and, under
 * `retry-then-dead-letter`, when the next attempt may be made. The record
 * stays in the member's buffer.
 */
export const ProcessFailed = Schema.TaggedStruct("ProcessFailed", {
  group: Name,
  member: Name,
  topic: Name,
  partition: Count,
  offset: Count,
  cause: FailureCause,
  attempt: CountPositive,
  retryAtMs: Schema.optionalKey(Count)
})

/**
 * `ConsumerProcess` gave up on the record: the group's application published
 * it to its dead-letter topic, at `deadLetter`, with the header's cause and
 * attempts, and removed it from the buffer (its commits may pass it).
 */
export const ProcessDeadLettered = Schema.TaggedStruct("ProcessDeadLettered", {
  group: Name,
  member: Name,
  topic: Name,
  partition: Count,
  offset: Count,
  cause: FailureCause,
  attempts: Count,
  deadLetter: PartitionOffset
})

/** `DownstreamDown` or `DownstreamUp`: the group's downstream is now up or down. */
export const DownstreamSet = Schema.TaggedStruct("DownstreamSet", {
  group: Name,
  up: Schema.Boolean
})

/** One record `DeadLetterRedrive` moved: from its place in the dead-letter topic to its new place in its source partition. */
export const RedrivenRecord = Schema.Struct({
  deadLetter: PartitionOffset,
  source: PartitionOffset
})
/** @see {@link RedrivenRecord} */
export type RedrivenRecord = typeof RedrivenRecord.Type

/** `DeadLetterRedrive` appended these dead-letter records back to their sources, in order. */
export const DeadLettersRedriven = Schema.TaggedStruct("DeadLettersRedriven", {
  group: Name,
  records: Schema.Array(RedrivenRecord)
})

/** `ConsumerCommit` stored these offsets in this generation. */
export const Committed = Schema.TaggedStruct("Committed", {
  group: Name,
  member: Name,
  generation: Count,
  offsets: Schema.Array(PartitionOffset)
})

/** `ConsumerSeek` moved the member's position. */
export const Seeked = Schema.TaggedStruct("Seeked", {
  group: Name,
  member: Name,
  topic: Name,
  partition: Count,
  offset: Count
})

/** `ConsumerCrash` destroyed the member's client. */
export const Crashed = Schema.TaggedStruct("Crashed", {
  group: Name,
  member: Name
})

/**
 * `ClockAdvance` moved time; these sessions expired, these groups rebalanced,
 * (present only when some did) these transactions timed out and were
 * aborted, (present only when some were) these messages were moved to
 * their dead-letter queue, in the order they were moved, and (present only
 * when retention deleted something) these partitions' log starts moved.
 */
export const ClockAdvanced = Schema.TaggedStruct("ClockAdvanced", {
  nowMs: Count,
  expired: Schema.Array(GroupMember),
  rebalanced: Schema.Array(GroupGeneration),
  transactionsAborted: Schema.optionalKey(Schema.Array(TransactionAbortedByCoordinator)),
  deadLettered: Schema.optionalKey(Schema.Array(DeadLettered)),
  logStarts: Schema.optionalKey(Schema.Array(LogStart))
})

/**
 * `ProducerInit` gave the producer this producer id and epoch; `aborted`
 * (present only when the transactional id had an open transaction) lists the
 * abort markers of that transaction.
 */
export const ProducerInitialized = Schema.TaggedStruct("ProducerInitialized", {
  producer: Name,
  producerId: Count,
  epoch: Count,
  aborted: Schema.optionalKey(Schema.Array(PartitionOffset))
})

/** `ProducerCrash` destroyed the producer's client. */
export const ProducerCrashed = Schema.TaggedStruct("ProducerCrashed", {
  producer: Name
})

/** `TxnBegin`: the client has begun a transaction. */
export const TxnBegun = Schema.TaggedStruct("TxnBegun", {
  producer: Name
})

/** `TxnSendOffsets` added these offsets of the group, sent with this generation of the member, to the transaction. */
export const TxnOffsetsSent = Schema.TaggedStruct("TxnOffsetsSent", {
  producer: Name,
  group: Name,
  member: Name,
  generation: Count,
  offsets: Schema.Array(PartitionOffset)
})

/** `TxnCommit` committed; these commit markers were appended. */
export const TxnCommitted = Schema.TaggedStruct("TxnCommitted", {
  producer: Name,
  markers: Schema.Array(PartitionOffset)
})

/** `TxnAbort` aborted; these abort markers were appended. */
export const TxnAborted = Schema.TaggedStruct("TxnAborted", {
  producer: Name,
  markers: Schema.Array(PartitionOffset)
})

/** `ObserverDump`: the partition's entries from the asked offset (or its log start, if later), its high watermark and last stable offset, and its log start when above 0. */
export const Dumped = Schema.TaggedStruct("Dumped", {
  topic: Name,
  partition: Count,
  entries: Schema.Array(LogEntry),
  highWatermark: Count,
  lastStableOffset: Count,
  logStartOffset: Schema.optionalKey(Count)
})

/** `ObserverOffsets`: the group's committed offsets, sorted by topic name, then partition. */
export const OffsetsFetched = Schema.TaggedStruct("OffsetsFetched", {
  group: Name,
  offsets: Schema.Array(PartitionOffset)
})

/** `ServiceWrite` committed the business write; a dual write also sent its event, here. */
export const ServiceWritten = Schema.TaggedStruct("ServiceWritten", {
  service: Name,
  event: Name,
  sent: Schema.optionalKey(PartitionOffset)
})

/** `ServiceWrite` with `crashMidway`: whether the business row was committed and, when the event was sent, where. */
export const ServiceCrashed = Schema.TaggedStruct("ServiceCrashed", {
  service: Name,
  event: Name,
  committed: Schema.Boolean,
  sent: Schema.optionalKey(PartitionOffset)
})

/** `RelayPublish` sent this outbox row's event here and marked the row published. */
export const Relayed = Schema.TaggedStruct("Relayed", {
  service: Name,
  event: Name,
  sent: PartitionOffset
})

/**
 * `RelayPublish` with `crashMidway`: the relay died with the row still
 * unpublished, after sending its event here. (`sent` is absent only from a
 * relay that crashes before its send, which the spec's relay never does: a
 * relay that claims rows before sending them.)
 */
export const RelayCrashed = Schema.TaggedStruct("RelayCrashed", {
  service: Name,
  event: Name,
  sent: Schema.optionalKey(PartitionOffset)
})

/** `ObserverEffects`: the group's ledger, remembered ids and entities (see the command). */
export const EffectsListed = Schema.TaggedStruct("EffectsListed", {
  group: Name,
  applied: Schema.Array(AppliedEffect),
  remembered: Schema.Array(RememberedId),
  entities: Schema.Array(EntityState)
})

/** `ObserverService`: the service's business rows and outbox rows. */
export const ServiceListed = Schema.TaggedStruct("ServiceListed", {
  service: Name,
  rows: Schema.Array(BusinessRow),
  outbox: Schema.Array(OutboxRow)
})

/**
 * `QueueSend` enqueued the message with this id; `deduplicated` (present
 * only when true): a FIFO queue remembered its dedup id, so nothing was
 * enqueued and `messageId` is the remembered message's. `dropped` (present
 * only on a full `drop-oldest` or `drop-newest` queue): the id of the
 * message the broker discarded to make room (`drop-oldest`) or of this very
 * message (`drop-newest`, which was not stored). A real broker does not tell
 * the producer; qsem records it in the answer so the checkers can count the
 * loss, and the application ignores it.
 */
export const Enqueued = Schema.TaggedStruct("Enqueued", {
  queue: Name,
  messageId: Count,
  deduplicated: Schema.optionalKey(Schema.Literal(true)),
  dropped: Schema.optionalKey(Count)
})

/** `QueueSend` to a full `block` queue: nothing was stored; the producer waits and sends it again later. */
export const SendBlocked = Schema.TaggedStruct("SendBlocked", {
  queue: Name
})

/** `QueueSend` to a full `reject` queue: nothing was stored, and the producer knows. */
export const SendRejected = Schema.TaggedStruct("SendRejected", {
  queue: Name
})

/** `QueueReceive` delivered these messages (possibly none), in queue order. */
export const Received = Schema.TaggedStruct("Received", {
  queue: Name,
  consumer: Name,
  messages: Schema.Array(ReceivedMessage)
})

/** `QueueProcess`: the consumer's application processed the message this receipt delivered. */
export const QueueProcessed = Schema.TaggedStruct("QueueProcessed", {
  queue: Name,
  consumer: Name,
  receipt: Count,
  messageId: Count
})

/** `QueueAck` of the message this receipt delivered: `deleted` says whether this acknowledgement deleted it (false for a stale receipt). */
export const Acknowledged = Schema.TaggedStruct("Acknowledged", {
  queue: Name,
  consumer: Name,
  receipt: Count,
  messageId: Count,
  deleted: Schema.Boolean
})

/** `QueueRelease`: the message is visible again, or (`deadLettered`) was moved to the dead-letter queue. */
export const Released = Schema.TaggedStruct("Released", {
  queue: Name,
  consumer: Name,
  receipt: Count,
  messageId: Count,
  deadLettered: Schema.Boolean
})

/** `QueueExtend`: the message stays in flight until `inFlightUntilMs`. */
export const Extended = Schema.TaggedStruct("Extended", {
  queue: Name,
  consumer: Name,
  receipt: Count,
  messageId: Count,
  inFlightUntilMs: Count
})

/** `QueueCrash` destroyed the consumer's client, which held these unprocessed receipts. */
export const QueueCrashed = Schema.TaggedStruct("QueueCrashed", {
  queue: Name,
  consumer: Name,
  receipts: Schema.Array(Count)
})

/** One queue consumer client that a `BrokerRestart` disconnected, with the receipts its buffer held. */
export const LostClient = Schema.Struct({
  queue: Name,
  consumer: Name,
  receipts: Schema.Array(Count)
})

/** `BrokerRestart`: the broker came back; these queue consumers lost their clients. */
export const BrokerRestarted = Schema.TaggedStruct("BrokerRestarted", {
  clients: Schema.Array(LostClient)
})

/** `QueueRedrive` moved these messages back to their source queues, in order. */
export const Redriven = Schema.TaggedStruct("Redriven", {
  queue: Name,
  messages: Schema.Array(RedrivenMessage)
})

/** `ObserverQueue`: the queue's messages in queue order, and the dedup ids a FIFO queue remembers. */
export const QueueListed = Schema.TaggedStruct("QueueListed", {
  queue: Name,
  messages: Schema.Array(QueueEntry),
  remembered: Schema.Array(RememberedDedupId)
})

// ---------------------------------------------------------------- errors

/** The topic is not configured. */
export const UnknownTopic = Schema.TaggedStruct("UnknownTopic", {
  topic: Name
})

/** The group is not configured. */
export const UnknownGroup = Schema.TaggedStruct("UnknownGroup", {
  group: Name
})

/** The member is not running, or (for broker calls) not a broker member. */
export const UnknownMember = Schema.TaggedStruct("UnknownMember", {
  group: Name,
  member: Name
})

/** `GroupJoin` by a member that is a running broker member already. */
export const AlreadyMember = Schema.TaggedStruct("AlreadyMember", {
  group: Name,
  member: Name
})

/** The partition is not assigned to this member (or does not exist). */
export const NotAssigned = Schema.TaggedStruct("NotAssigned", {
  group: Name,
  member: Name,
  topic: Name,
  partition: Count
})

/** `ConsumerProcess` of a record that is not in the member's buffer. */
export const NotDelivered = Schema.TaggedStruct("NotDelivered", {
  group: Name,
  member: Name,
  topic: Name,
  partition: Count,
  offset: Count
})

/**
 * The group rebalanced since the client last synced. The client has now
 * synced: it holds this generation and this assignment, and no positions.
 */
export const RebalanceInProgress = Schema.TaggedStruct("RebalanceInProgress", {
  group: Name,
  member: Name,
  generation: Count,
  assignment: Schema.Array(TopicPartition)
})

/** A commit from a client whose generation is older than the group's: fenced. */
export const StaleGeneration = Schema.TaggedStruct("StaleGeneration", {
  group: Name,
  member: Name,
  generation: Count,
  generationCurrent: Count
})

/** The send reached the broker (and took effect) but its acknowledgement was lost: the producer saw a timeout. */
export const SendTimedOut = Schema.TaggedStruct("SendTimedOut", {
  producer: Name,
  topic: Name,
  partition: Count
})

/** `ProducerRetry` by a producer with no pending send. */
export const NothingToRetry = Schema.TaggedStruct("NothingToRetry", {
  producer: Name
})

/** `ProducerInit` or a transaction command by a producer that is not transactional. */
export const NotTransactional = Schema.TaggedStruct("NotTransactional", {
  producer: Name
})

/** A transactional producer whose client has not initialized (`ProducerInit`) since it started. */
export const ProducerNotInitialized = Schema.TaggedStruct("ProducerNotInitialized", {
  producer: Name
})

/** A newer epoch of the producer's transactional id exists: this client is a zombie and its call took no effect. */
export const ProducerFenced = Schema.TaggedStruct("ProducerFenced", {
  producer: Name
})

/** A transactional send, offsets, commit or abort without a begun transaction. */
export const TransactionNotOpen = Schema.TaggedStruct("TransactionNotOpen", {
  producer: Name
})

/** `TxnBegin` while the client's transaction is open. */
export const TransactionAlreadyOpen = Schema.TaggedStruct("TransactionAlreadyOpen", {
  producer: Name
})

/** The service is not configured. */
export const UnknownService = Schema.TaggedStruct("UnknownService", {
  service: Name
})

/** `ServiceWrite` of an event the service's business table holds already. */
export const EventExists = Schema.TaggedStruct("EventExists", {
  service: Name,
  event: Name
})

/** `RelayPublish` for a service that does not publish through an outbox. */
export const NotAnOutbox = Schema.TaggedStruct("NotAnOutbox", {
  service: Name
})

/** `RelayPublish` with every outbox row published. */
export const OutboxEmpty = Schema.TaggedStruct("OutboxEmpty", {
  service: Name
})

/** The topic has no such partition. */
export const UnknownPartition = Schema.TaggedStruct("UnknownPartition", {
  topic: Name,
  partition: Count
})

/**
 * An offset above the partition's high watermark, or (a poll of a group
 * whose `autoOffsetReset` is `none`) a start below its log start, which is
 * then given as `logStartOffset`.
 */
export const OffsetOutOfRange = Schema.TaggedStruct("OffsetOutOfRange", {
  topic: Name,
  partition: Count,
  offset: Count,
  highWatermark: Count,
  logStartOffset: Schema.optionalKey(Count)
})

/** `ConsumerProcess` before the record's retry time: the policy's backoff refuses the attempt. */
export const BackoffPending = Schema.TaggedStruct("BackoffPending", {
  group: Name,
  member: Name,
  topic: Name,
  partition: Count,
  offset: Count,
  retryAtMs: Count
})

/** `ConsumerProcess` while the group's breaker is open (`whileOpen: "pause"`): the attempt is not made before `untilMs`. */
export const BreakerOpen = Schema.TaggedStruct("BreakerOpen", {
  group: Name,
  member: Name,
  topic: Name,
  partition: Count,
  offset: Count,
  untilMs: Count
})

/** `DownstreamDown` or `DownstreamUp` for a group without a `failure` config. */
export const NoFailurePolicy = Schema.TaggedStruct("NoFailurePolicy", {
  group: Name
})

/**
 * A real broker cannot do what the command asks (RabbitMQ has no visibility
 * timeout to extend, MQTT no release): nothing happened. The model and the
 * built-in broker never answer it; a broker adapter's profile lists where it
 * does, and the check then judges the run with `--guarantees-only`.
 */
export const Unsupported = Schema.TaggedStruct("Unsupported", {
  command: Schema.String,
  reason: Schema.String
})

/** `DeadLetterRedrive` for a group whose policy has no dead-letter topic. */
export const NoDeadLetterTopic = Schema.TaggedStruct("NoDeadLetterTopic", {
  group: Name
})

/** The queue is not configured. */
export const UnknownQueue = Schema.TaggedStruct("UnknownQueue", {
  queue: Name
})

/** `QueueSend` with a FIFO-only field (`group` or `dedupId`) to a queue that is not FIFO. */
export const FifoOnly = Schema.TaggedStruct("FifoOnly", {
  queue: Name,
  field: Schema.Literals(["group", "dedupId"])
})

/** `QueueSend` without a message group to a FIFO queue. */
export const MessageGroupMissing = Schema.TaggedStruct("MessageGroupMissing", {
  queue: Name
})

/** `QueueProcess` of a receipt the consumer's buffer does not hold. */
export const NotReceived = Schema.TaggedStruct("NotReceived", {
  queue: Name,
  consumer: Name,
  receipt: Count
})

/** A receipt the queue never issued. */
export const UnknownReceipt = Schema.TaggedStruct("UnknownReceipt", {
  queue: Name,
  receipt: Count
})

/** `QueueRelease` or `QueueExtend` with a receipt that is not the latest of a message in flight in the queue. */
export const NotInFlight = Schema.TaggedStruct("NotInFlight", {
  queue: Name,
  receipt: Count
})

/** `QueueRedrive` of a queue that is no queue's dead-letter queue. */
export const NotADeadLetterQueue = Schema.TaggedStruct("NotADeadLetterQueue", {
  queue: Name
})

/** The ok answers. */
export const ResponseOk = Schema.Union([
  Sent,
  Joined,
  Left,
  HeartbeatOk,
  Polled,
  Processed,
  Committed,
  Seeked,
  Crashed,
  ClockAdvanced,
  ProducerInitialized,
  ProducerCrashed,
  TxnBegun,
  TxnOffsetsSent,
  TxnCommitted,
  TxnAborted,
  Dumped,
  OffsetsFetched,
  ProcessCrashed,
  ServiceWritten,
  ServiceCrashed,
  Relayed,
  RelayCrashed,
  EffectsListed,
  ServiceListed,
  Enqueued,
  SendBlocked,
  SendRejected,
  Received,
  QueueProcessed,
  Acknowledged,
  Released,
  Extended,
  QueueCrashed,
  BrokerRestarted,
  Redriven,
  QueueListed,
  ProcessFailed,
  ProcessDeadLettered,
  DownstreamSet,
  DeadLettersRedriven
])
/** @see {@link ResponseOk} */
export type ResponseOk = typeof ResponseOk.Type

/** The typed errors: an invalid command is answered, never crashes the system. */
export const ResponseError = Schema.Union([
  UnknownTopic,
  UnknownGroup,
  UnknownMember,
  AlreadyMember,
  NotAssigned,
  NotDelivered,
  RebalanceInProgress,
  StaleGeneration,
  OffsetOutOfRange,
  SendTimedOut,
  NothingToRetry,
  NotTransactional,
  ProducerNotInitialized,
  ProducerFenced,
  TransactionNotOpen,
  TransactionAlreadyOpen,
  UnknownPartition,
  UnknownService,
  EventExists,
  NotAnOutbox,
  OutboxEmpty,
  UnknownQueue,
  FifoOnly,
  MessageGroupMissing,
  NotReceived,
  UnknownReceipt,
  NotInFlight,
  NotADeadLetterQueue,
  BackoffPending,
  BreakerOpen,
  NoFailurePolicy,
  NoDeadLetterTopic,
  Unsupported
])
/** @see {@link ResponseError} */
export type ResponseError = typeof ResponseError.Type

/** Every response: an ok value or a typed error. */
export const Response = Schema.Union([ResponseOk, ResponseError])
/** @see {@link Response} */
export type Response = typeof Response.Type

/** The tag of a response, such as `"Polled"`. */
export type ResponseTag = Response["_tag"]

/** The response with the given tag. */
export type ResponseOf<Tag extends ResponseTag> = Extract<Response, { readonly _tag: Tag }>

const errorTags: ReadonlySet<string> = new Set([
  "UnknownTopic",
  "UnknownGroup",
  "UnknownMember",
  "AlreadyMember",
  "NotAssigned",
  "NotDelivered",
  "RebalanceInProgress",
  "StaleGeneration",
  "OffsetOutOfRange",
  "SendTimedOut",
  "NothingToRetry",
  "NotTransactional",
  "ProducerNotInitialized",
  "ProducerFenced",
  "TransactionNotOpen",
  "TransactionAlreadyOpen",
  "UnknownPartition",
  "UnknownService",
  "EventExists",
  "NotAnOutbox",
  "OutboxEmpty",
  "UnknownQueue",
  "FifoOnly",
  "MessageGroupMissing",
  "NotReceived",
  "UnknownReceipt",
  "NotInFlight",
  "NotADeadLetterQueue",
  "BackoffPending",
  "BreakerOpen",
  "NoFailurePolicy",
  "NoDeadLetterTopic",
  "Unsupported"
])

/** Whether a response is one of the typed errors. */
export const isResponseError = (response: Response): response is ResponseError => errorTags.has(response._tag)
