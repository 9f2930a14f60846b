/**
 * The configuration of one checked system: its topics, its consumer groups and
 * the bounds of generated runs.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { GuaranteeId } from "./guaranteeId.ts"
import { quoteInput } from "./internal/quoteInput.ts"

/** The characters a name may not contain: those `quoteInput` escapes beyond JSON's printable ones (C0 and C1 controls, DEL, U+2028, U+2029, bidi overrides and isolates). */
const nameUnsafe = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/

/**
 * A name: a non-empty string (topic, group, member or producer) without a
 * character a terminal acts on (a newline, carriage return, escape or other
 * control character, a line or paragraph separator, a bidirectional
 * override): names are printed in reports, where such a character could
 * forge a line. Config files and trace files (their config and commands)
 * are decoded with it, so either refuses such a name, naming the field.
 *
 * @example
 * ```ts
 * Schema.decodeUnknownSync(Name)("billing")  // "billing"
 * Schema.decodeUnknownSync(Name)("g\nall held") // throws: a name may not contain a control character (found "\n")
 * ```
 */
export const Name = Schema.String.check(
  Schema.isMinLength(1),
  Schema.makeFilter((name: string) => {
    const found = nameUnsafe.exec(name)
    return found === null ? true : `a name may not contain a control character (found ${quoteInput(found[0])})`
  }, { expected: "a name without control characters" })
)

/** A non-negative integer (offsets, counts, milliseconds). */
export const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

/** A positive integer (partition counts, timeouts). */
export const CountPositive = Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))

/**
 * How a consumer group's members use the broker, as a consumer protocol (the
 * application's side: a run decides it and the target executes it):
 * - `at-most-once`: poll, commit, then process. A crash after the commit and
 *   before processing loses records; nothing is processed twice.
 * - `at-least-once`: poll, process, then commit. A crash after processing and
 *   before the commit redelivers records; nothing acknowledged is lost.
 * - `exactly-once`: the consume-transform-produce loop of Kafka transactions
 *   (KIP-98, with the consumer-group fencing of KIP-447). A member polls with
 *   `read_committed`; its transactional producer `<group>/<member>` (see
 *   {@link memberProducerName}) begins a transaction (`TxnBegin`); each
 *   `ConsumerProcess` sends the record's result to the group's `outputTopic`
 *   inside that transaction; `TxnSendOffsets` adds the offsets after the
 *   processed records, with the member's generation; `TxnCommit` makes the
 *   results and the offsets visible at once. When a step of the transaction
 *   fails (fenced, stale generation, unknown member) the member aborts (unless
 *   fenced: then it initializes again) and rewinds to its group's committed
 *   offsets, so the aborted inputs are processed again. A crash leaves the open
 *   transaction to the coordinator: it is aborted when the restarted producer
 *   initializes (`ProducerInit`) or when it times out
 *   ({@link Config}`.transactionTimeoutMs`). Processing is observable as the
 *   committed records of the output topic; the broker guarantees one committed
 *   result per input, and nothing beyond the broker (see issue "where
 *   exactly-once ends").
 */
export const DeliveryMode = Schema.Literals(["at-most-once", "at-least-once", "exactly-once"])
/** @see {@link DeliveryMode} */
export type DeliveryMode = typeof DeliveryMode.Type

/**
 * How a group's coordinator spreads partitions over its members (both sort
 * member names by plain string order, `a < b`):
 * - `range`: per subscribed topic, partitions `0..P-1` are cut into contiguous
 *   ranges; with `M` members each gets `floor(P / M)` and the first `P % M`
 *   members get one more (Kafka's RangeAssignor).
 * - `round-robin`: all subscribed topic-partitions, sorted by topic name then
 *   partition, are dealt to the sorted members in turn (Kafka's
 *   RoundRobinAssignor).
 */
export const Assignor = Schema.Literals(["range", "round-robin"])
/** @see {@link Assignor} */
export type Assignor = typeof Assignor.Type

/**
 * A topic: a named, partitioned, append-only log.
 *
 * Retention (Kafka's `retention.ms` and `retention.bytes`, the size counted
 * in records here; both optional, and a topic may have both): the broker
 * deletes a partition's oldest entries and moves its log start offset up.
 *
 * - `retentionMs`: at every `ClockAdvance`, each partition deletes from its
 *   head every entry with `timestampMs + retentionMs <= nowMs` (entries are
 *   appended in clock order, so that is a prefix). Kafka deletes whole
 *   segments; qsem deletes entry by entry, the limit of a segment size of 1.
 * - `retentionRecordsMax`: right after an append makes a partition hold more
 *   than `retentionRecordsMax` entries (from its log start to its high
 *   watermark), its oldest entries are deleted down to that many, so the log
 *   start is always at least `highWatermark - retentionRecordsMax`.
 *
 * Deleted entries are gone for every reader: a poll that would start below
 * the log start resets by its group's {@link AutoOffsetReset}. Offsets never
 * change and the high watermark never moves back. Left out, a topic keeps
 * everything. Retention is refused in configs with transactions, services or
 * external effects (see {@link validateConfig}).
 */
export const TopicConfig = Schema.Struct({
  name: Name,
  partitions: CountPositive,
  retentionMs: Schema.optionalKey(CountPositive),
  retentionRecordsMax: Schema.optionalKey(CountPositive)
})
/** @see {@link TopicConfig} */
export type TopicConfig = typeof TopicConfig.Type

/**
 * What a group's fetches may return (Kafka's consumer `isolation.level`,
 * KIP-98):
 * - `read_uncommitted` (Kafka's default): every data record below the high
 *   watermark, whether its transaction is open, committed or aborted.
 * - `read_committed`: only records that are not transactional or whose
 *   transaction committed, and never at or past the partition's last stable
 *   offset (the first offset of the earliest transaction still open in it,
 *   else the high watermark).
 *
 * Under both, transaction markers (control records) take an offset and are
 * never delivered, so a reader sees offset gaps.
 */
export const Isolation = Schema.Literals(["read_uncommitted", "read_committed"])
/** @see {@link Isolation} */
export type Isolation = typeof Isolation.Type

/**
 * In what order a group's application processes the records its members were
 * delivered (the application's side, like the delivery mode):
 * - `any` (the default): a member may process its delivered records in any
 *   order, as a pool of workers would; nothing is promised about the order of
 *   one key's records.
 * - `delivery`: a member processes its delivered records one at a time in the
 *   order they were delivered (under at-most-once, the oldest one a commit
 *   has cleared; records a member can no longer process are passed over), as
 *   a single-threaded consumer loop does. With Kafka's keyed partitioning this
 *   is what makes one key's records processed in send order, until a
 *   redelivery starts a key over.
 *
 * An `exactly-once` group always processes each partition's records in
 * offset order (see {@link DeliveryMode}), whatever this says.
 */
export const ProcessingOrder = Schema.Literals(["any", "delivery"])
/** @see {@link ProcessingOrder} */
export type ProcessingOrder = typeof ProcessingOrder.Type

/**
 * How a group makes its external effect safe to repeat: the idempotent
 * consumer remedies of the domain text (the third, the transactional outbox,
 * is on the producing side: see {@link ServiceConfig}).
 *
 * - `none`: the effect is applied every time a record is processed (the
 *   naive consumer: a charge, an email, `counter += 1`).
 * - `idempotency-key`: every message carries a unique id (qsem uses the
 *   record's value: a retried send carries its original's value, so it is
 *   the same message). The consumer checks a dedup store; an id it remembers
 *   is skipped, any other is applied and its id recorded at `nowMs`. An id is
 *   remembered while `nowMs < recordedAtMs + dedupWindowMs` (SQS FIFO's
 *   window is 5 minutes, NATS JetStream's `Duplicates` 2 minutes); a skip does
 *   not refresh it. See {@link DedupOrder} for how the key and the effect are
 *   written.
 * - `conditional-update`: the effect is "set the entity to version N if it is
 *   at N-1". The entity is the record's key (a record without a key has no
 *   entity: its effect is applied unconditionally); every entity starts at
 *   version 0. A message's version N is what a producer that numbers each
 *   key's messages stamps on it: 1 + the number of distinct values among the
 *   records with its key at lower offsets of its partition than the first
 *   record holding its value with that key (so a retried send, which repeats
 *   a value, carries its original's version). With Kafka's keyed partitioning
 *   all of a key's records are in one partition, so this is the key's send
 *   order. A message whose version is not the entity's version + 1 fails its
 *   precondition and changes nothing (`rejected`).
 */
export const EffectRemedy = Schema.Literals(["none", "idempotency-key", "conditional-update"])
/** @see {@link EffectRemedy} */
export type EffectRemedy = typeof EffectRemedy.Type

/**
 * How an `idempotency-key` consumer writes the message's key and its effect:
 *
 * - `atomic` (the default): both in one step, as one local database
 *   transaction writes the effect and a processed-message row together, or as
 *   a payment API that takes the idempotency key with the charge (Stripe's
 *   `Idempotency-Key`). A crash leaves both or neither.
 * - `key-then-effect`: record the key, then apply the effect. A crash between
 *   the two leaves a remembered key without its effect: the redelivery is
 *   skipped and the effect is lost.
 * - `effect-then-key`: apply the effect, then record the key. A crash between
 *   the two leaves an effect without its key: the redelivery applies it again.
 */
export const DedupOrder = Schema.Literals(["atomic", "key-then-effect", "effect-then-key"])
/** @see {@link DedupOrder} */
export type DedupOrder = typeof DedupOrder.Type

/**
 * A group's external effect: processing a record applies an effect on a
 * system outside the broker (a payments ledger, a database table), owned by
 * the group, besides the output record of an `exactly-once` group. See
 * {@link EffectRemedy} and {@link DedupOrder}; `dedupWindowMs` and
 * `dedupOrder` belong to `idempotency-key` only (left out: remembered
 * forever, and `atomic`).
 */
export const EffectConfig = Schema.Struct({
  remedy: EffectRemedy,
  dedupWindowMs: Schema.optionalKey(CountPositive),
  dedupOrder: Schema.optionalKey(DedupOrder)
})
/** @see {@link EffectConfig} */
export type EffectConfig = typeof EffectConfig.Type

/**
 * Where a group's member starts reading a partition whose start (its client's
 * position, else the group's committed offset) is below the partition's log
 * start offset, because retention deleted the records there (Kafka's consumer
 * `auto.offset.reset`):
 *
 * - `earliest`: from the log start: the group reads what is left; the
 *   deleted records are lost to it.
 * - `latest` (Kafka's default): from the high watermark: the deleted records
 *   and every record still stored below the high watermark are skipped, a
 *   loss the poll reports.
 * - `none`: the poll answers `OffsetOutOfRange` and delivers nothing; the
 *   application decides (qsem's protocols seek to the log start, so the
 *   deleted records are lost, and only they).
 *
 * A partition the group never committed and the member holds no position in
 * starts at the log start whatever the setting (qsem does not model
 * `latest` for a group's first read, which would skip what was sent before
 * its first poll).
 */
export const AutoOffsetReset = Schema.Literals(["earliest", "latest", "none"])
/** @see {@link AutoOffsetReset} */
export type AutoOffsetReset = typeof AutoOffsetReset.Type

/** A group's {@link AutoOffsetReset}: its `autoOffsetReset`, else `latest` (Kafka's default). */
export const autoOffsetResetOf = (group: GroupConfig): AutoOffsetReset => group.autoOffsetReset ?? "latest"

/**
 * What a group's application does with a record whose processing failed
 * (the application's side: a run decides it and the target executes it; see
 * spec/failure.ts for poison records, the downstream and the breaker):
 *
 * - `none`: the naive consumer: it retries the record in place, right away,
 *   forever. A poison record blocks its partition: the group never commits
 *   past it.
 * - `retry-then-dead-letter`: retry in place with exponential backoff (the
 *   `k`-th failed attempt schedules the next one `backoffMs * 2^(k-1)` ms
 *   later, see {@link retryDelayMsOf}; an attempt before then is refused with
 *   `BackoffPending`), at most `attemptsMax` attempts; after the last failed
 *   one the application publishes the record to the group's
 *   `deadLetterTopic` (streams have no dead-letter queue of their own: Kafka
 *   Connect's `errors.deadletterqueue.topic.name`, Spring Kafka's
 *   `DeadLetterPublishingRecoverer`) and goes on as if it had processed it,
 *   so its commits pass it.
 */
export const FailurePolicy = Schema.Literals(["none", "retry-then-dead-letter"])
/** @see {@link FailurePolicy} */
export type FailurePolicy = typeof FailurePolicy.Type

/**
 * What a group does with a record while its circuit breaker is open:
 * `pause` (the attempt is not made: `BreakerOpen`, the record stays
 * buffered) or `dead-letter` (the record goes to the dead-letter topic at
 * once, cause `breaker-open`; only with `retry-then-dead-letter`).
 */
export const BreakerWhileOpen = Schema.Literals(["pause", "dead-letter"])
/** @see {@link BreakerWhileOpen} */
export type BreakerWhileOpen = typeof BreakerWhileOpen.Type

/**
 * A circuit breaker on a group's downstream (one per group, shared by its
 * members, kept outside their processes, so a crash does not reset it):
 * closed, it lets every attempt call the downstream; `failuresMax`
 * consecutive failed downstream calls open it at the clock of the last one;
 * open, attempts do not call the downstream (see {@link BreakerWhileOpen})
 * until `coolDownMs` has passed since it opened; then the next attempt that
 * would call the downstream is the half-open probe: its success closes the
 * breaker (and resets the count), its failure opens it again from that
 * moment. Only downstream calls count: a poison record fails before calling
 * it.
 */
export const BreakerConfig = Schema.Struct({
  failuresMax: CountPositive,
  coolDownMs: CountPositive,
  whileOpen: BreakerWhileOpen
})
/** @see {@link BreakerConfig} */
export type BreakerConfig = typeof BreakerConfig.Type

/**
 * How a group's processing fails and what its application does then (see
 * {@link FailurePolicy}, {@link BreakerConfig} and spec/failure.ts). A group
 * with a `failure` config has a downstream dependency that its processing
 * calls and that `DownstreamDown` and `DownstreamUp` take down and bring
 * back, and its processing of a poison record always fails. A group without
 * one processes every record successfully, as before failures existed.
 *
 * `attemptsMax`, `backoffMs` and `deadLetterTopic` belong to
 * `retry-then-dead-letter`, which needs all three. Refused for `exactly-once`
 * groups.
 *
 * @example
 * ```json
 * { "policy": "retry-then-dead-letter", "attemptsMax": 3, "backoffMs": 1000, "deadLetterTopic": "orders-dlt",
 *   "breaker": { "failuresMax": 3, "coolDownMs": 10000, "whileOpen": "pause" } }
 * ```
 */
export const FailureConfig = Schema.Struct({
  policy: FailurePolicy,
  attemptsMax: Schema.optionalKey(CountPositive),
  backoffMs: Schema.optionalKey(CountPositive),
  deadLetterTopic: Schema.optionalKey(Name),
  breaker: Schema.optionalKey(BreakerConfig)
})
/** @see {@link FailureConfig} */
export type FailureConfig = typeof FailureConfig.Type

/**
 * The delay a `retry-then-dead-letter` policy puts after the `attempt`-th
 * failed attempt (1-based) before the next one: `backoffMs * 2^(attempt-1)`
 * (Effect's `Schedule.exponential(backoffMs)`, factor 2), 0 for the `none`
 * policy (the naive consumer retries at once).
 */
export const retryDelayMsOf = (failure: FailureConfig, attempt: number): number =>
  failure.policy === "none" || failure.backoffMs === undefined ? 0 : failure.backoffMs * 2 ** (attempt - 1)

/** The order an `idempotency-key` effect writes in: its `dedupOrder`, else `atomic`. */
export const dedupOrderOf = (effect: EffectConfig): DedupOrder => effect.dedupOrder ?? "atomic"

/**
 * A consumer group: its name, delivery mode, assignor and subscribed topics
 * (a set: a topic listed twice counts once).
 *
 * - `processingOrder`: see {@link ProcessingOrder}; left out, `any`.
 *
 * - `isolation`: left out, `read_uncommitted` (Kafka's default), except for
 *   an `exactly-once` group, which always reads `read_committed` (stating
 *   `read_uncommitted` for it is refused).
 * - `outputTopic`: the topic an `exactly-once` group's processing writes its
 *   results to; required for that mode and refused for the others. It may not
 *   be a topic any `exactly-once` group subscribes to (a simplification: the
 *   final drain runs groups one after the other, so pipelines of
 *   exactly-once groups are not checked).
 * - `effect`: the group's external effect, see {@link EffectConfig}; left
 *   out, processing has no effect outside the broker. `conditional-update`
 *   is refused for an `exactly-once` group.
 * - `failure`: how processing fails and what the application does then, see
 *   {@link FailureConfig}; left out, processing never fails.
 * - `autoOffsetReset`: where reading resumes below a log start that
 *   retention moved, see {@link AutoOffsetReset}; left out, `latest`.
 */
export const GroupConfig = Schema.Struct({
  name: Name,
  mode: DeliveryMode,
  assignor: Assignor,
  topics: Schema.Array(Name),
  isolation: Schema.optionalKey(Isolation),
  outputTopic: Schema.optionalKey(Name),
  processingOrder: Schema.optionalKey(ProcessingOrder),
  effect: Schema.optionalKey(EffectConfig),
  failure: Schema.optionalKey(FailureConfig),
  autoOffsetReset: Schema.optionalKey(AutoOffsetReset)
})
/** @see {@link GroupConfig} */
export type GroupConfig = typeof GroupConfig.Type

/** The isolation a group reads with: its `isolation`, else `read_committed` for `exactly-once`, else `read_uncommitted`. */
export const isolationOf = (group: GroupConfig): Isolation =>
  group.isolation ?? (group.mode === "exactly-once" ? "read_committed" : "read_uncommitted")

/**
 * A producer the config names (Kafka's producer configs `enable.idempotence`
 * and `transactional.id`, KIP-98). Producers a run uses that the config does
 * not name are plain: not idempotent, not transactional, exactly as before
 * producers were configurable.
 *
 * - `idempotent`: the producer has a producer id and epoch and numbers its
 *   sends per partition; the broker answers a retried send whose sequence it
 *   already appended with the original offset and appends nothing.
 * - `transactionalId`: the producer is transactional (and must be idempotent):
 *   it initializes with `ProducerInit`, sends only inside transactions, and
 *   shares its epoch with every producer configured with the same
 *   transactional id, so two producers with one transactional id are two
 *   instances of one application: the one that initialized last fences the
 *   other (a zombie).
 *
 * Names and transactional ids may not contain `/`: `<group>/<member>` names
 * the transactional producer of a member of an `exactly-once` group (its
 * transactional id is that same name).
 */
export const ProducerConfig = Schema.Struct({
  name: Name,
  idempotent: Schema.Boolean,
  transactionalId: Schema.optionalKey(Name)
})
/** @see {@link ProducerConfig} */
export type ProducerConfig = typeof ProducerConfig.Type

/**
 * How a service publishes the event of a business write (the producing side
 * of the domain text's outbox pattern):
 *
 * - `outbox`: one local transaction writes the business row and an outbox
 *   row; a relay (`RelayPublish`) later sends unpublished outbox rows to the
 *   topic and marks them published, at least once. A crash inside the
 *   transaction leaves neither row; a relay crash between its send and its
 *   mark sends the row again (consumers dedup by event id).
 * - `commit-then-send`: a dual write: commit the business row, then send. A
 *   crash between the two loses the event (committed, never published).
 * - `send-then-commit`: a dual write: send, then commit. A crash between the
 *   two publishes a phantom (published, never committed).
 */
export const PublishMode = Schema.Literals(["outbox", "commit-then-send", "send-then-commit"])
/** @see {@link PublishMode} */
export type PublishMode = typeof PublishMode.Type

/**
 * A service outside the broker that owns a database and publishes an event
 * per business write to `topic` (see {@link PublishMode}). Its sends, and its
 * relay's, are plain sends (not idempotent, not transactional, never with a
 * lost acknowledgement) by the producer {@link serviceProducerName}: key =
 * the event's key, value = the event id. Names are unique and may not
 * contain `/`.
 */
export const ServiceConfig = Schema.Struct({
  name: Name,
  topic: Name,
  publish: PublishMode
})
/** @see {@link ServiceConfig} */
export type ServiceConfig = typeof ServiceConfig.Type

/**
 * The protocol of a queue's consumers (the application's side, like a
 * group's {@link DeliveryMode}; `exactly-once` is a stream protocol and is
 * not offered for queues):
 * - `at-most-once`: receive, acknowledge (delete), then process each message
 *   in receive order. A crash between the acknowledgement and the processing
 *   loses the message.
 * - `at-least-once`: receive, process, then acknowledge each message. A
 *   crash, or a visibility timeout that runs out, before the acknowledgement
 *   redelivers the message; it may be processed twice.
 */
export const QueueMode = Schema.Literals(["at-most-once", "at-least-once"])
/** @see {@link QueueMode} */
export type QueueMode = typeof QueueMode.Type

/**
 * What a bounded queue does with a send that finds it full: its depth (its
 * visible messages, in flight ones not counted, as RabbitMQ counts ready
 * messages) is at `messagesMax`. The bound is checked at sends only: a
 * message that becomes visible again (a visibility that ends, a release, a
 * redrive, a move into a dead-letter queue) is never refused or dropped, so
 * the depth can exceed `messagesMax` until consumers catch up, and every
 * send meanwhile overflows.
 *
 * - `block`: the producer is told to wait (`SendBlocked`); nothing is
 *   stored. Its application keeps the message in its backlog and sends it
 *   again later (Kafka's producer blocking up to `max.block.ms`; the domain
 *   text's producer-side backpressure): nothing is lost, the backlog grows.
 * - `reject`: the producer gets an error (`SendRejected`); nothing is
 *   stored, and the producer knows (RabbitMQ `reject-publish`: a nack).
 * - `drop-oldest`: the send is enqueued and the broker discards the oldest
 *   visible message (RabbitMQ's default `drop-head`); the producer is told
 *   nothing of it: a silent loss, which the answer's `dropped` records for
 *   the checkers.
 * - `drop-newest`: the broker discards the new message and answers as if it
 *   were enqueued: a silent loss, recorded the same way.
 */
export const QueueOverflow = Schema.Literals(["block", "reject", "drop-oldest", "drop-newest"])
/** @see {@link QueueOverflow} */
export type QueueOverflow = typeof QueueOverflow.Type

/**
 * A queue: a message is delivered to one of a set of competing consumers,
 * acknowledged and removed (SQS, RabbitMQ; the domain text's "queue vs
 * stream"). There is no log, no offset and no group: one queue, one set of
 * consumers, and per message a receive count and a visibility timeout.
 *
 * - `mode`: the consumers' protocol, see {@link QueueMode}.
 * - `visibilityTimeoutMs`: how long a received message stays invisible to
 *   other receives (SQS's visibility timeout, default 30 s; RabbitMQ's
 *   consumer timeout and NATS JetStream's `AckWait` play the same role). A
 *   message received at `t` is in flight while `nowMs < t +
 *   visibilityTimeoutMs` (or the end a `QueueExtend` set) and visible again
 *   from then on.
 * - `receiveCountMax` and `deadLetterQueue` (both or neither): the redrive
 *   policy (SQS `maxReceiveCount`; RabbitMQ quorum queues' `delivery-limit`;
 *   JetStream's `MaxDeliver`). A message received `receiveCountMax` times
 *   and not deleted is moved to the end of `deadLetterQueue` at the moment
 *   its last visibility ends, instead of becoming visible again. That moment
 *   is qsem's choice: SQS moves such a message lazily, at the next receive
 *   that would exceed `maxReceiveCount`, so it lingers in its source
 *   (never delivered from it) until a receive comes; the deliveries are the
 *   same, only the time it appears in the dead-letter queue differs. Left out,
 *   a message is redelivered forever. The dead-letter queue is another queue
 *   of the config, with the same `fifo`, and without a policy of its own.
 * - `fifo`: an SQS FIFO queue. Every send names a message group; a receive
 *   returns messages of a group only while no message of the group is in
 *   flight, in queue order, so a group is delivered in order, one receive's
 *   batch at a time (a receive may return several consecutive messages of a
 *   group; a redriven message is enqueued again at the end). A send may carry a deduplication id: an id
 *   the queue enqueued less than `dedupWindowMs` ago is accepted and not
 *   enqueued again (SQS: 5 minutes, the default here).
 * - `dedupWindowMs`: only for `fifo`; left out, {@link queueDedupWindowMsDefault}.
 * - `messagesMax` and `overflow` (both or neither): a bounded queue (RabbitMQ's
 *   `x-max-length` with `x-overflow`; Kafka's producer `max.block.ms` for
 *   `block`), see {@link QueueOverflow}. Left out, the queue absorbs any
 *   backlog.
 * - `inspected`: only on a dead-letter queue. The application's consumers
 *   triage it (the domain text's runbook for dead-letter queues): they
 *   receive from it, look, and release or extend what they received, or
 *   crash holding it; they never process or acknowledge there, so a message
 *   stays until a redrive. Like `mode`, it is the application's protocol:
 *   the broker does not read it. Left out, only redrives touch the
 *   dead-letter queue.
 *
 * Queue names share one namespace with topic names.
 *
 * @example
 * ```json
 * { "name": "jobs", "mode": "at-least-once", "visibilityTimeoutMs": 30000, "receiveCountMax": 3, "deadLetterQueue": "jobs-dlq" }
 * ```
 */
export const QueueConfig = Schema.Struct({
  name: Name,
  mode: QueueMode,
  visibilityTimeoutMs: CountPositive,
  receiveCountMax: Schema.optionalKey(CountPositive),
  deadLetterQueue: Schema.optionalKey(Name),
  fifo: Schema.optionalKey(Schema.Boolean),
  dedupWindowMs: Schema.optionalKey(CountPositive),
  messagesMax: Schema.optionalKey(CountPositive),
  overflow: Schema.optionalKey(QueueOverflow),
  inspected: Schema.optionalKey(Schema.Boolean)
})
/** @see {@link QueueConfig} */
export type QueueConfig = typeof QueueConfig.Type

/** SQS FIFO's deduplication interval, 5 minutes: the window of a FIFO queue that leaves out `dedupWindowMs`. */
export const queueDedupWindowMsDefault = 300_000

/** Whether the queue is bounded: it has a `messagesMax` and an `overflow` policy. */
export const isBounded = (queue: QueueConfig): boolean => queue.messagesMax !== undefined && queue.overflow !== undefined

/** Whether the queue is FIFO. */
export const isFifo = (queue: QueueConfig): boolean => queue.fifo === true

/** The names of the config's dead-letter queues whose consumers triage them (`inspected`). */
export const inspectedQueueNamesOf = (config: Config): ReadonlySet<string> => {
  const queues = config.queues ?? []
  const deadLetterQueues = new Set(queues.flatMap((queue) => (queue.deadLetterQueue === undefined ? [] : [queue.deadLetterQueue])))
  return new Set(queues.filter((queue) => queue.inspected === true && deadLetterQueues.has(queue.name)).map((queue) => queue.name))
}

/** A FIFO queue's deduplication window: its `dedupWindowMs`, else {@link queueDedupWindowMsDefault}. */
export const queueDedupWindowMsOf = (queue: QueueConfig): number => queue.dedupWindowMs ?? queueDedupWindowMsDefault

/** The producer a service's writes and its relay send with: `service:<name>` (a config may not name a producer so). */
export const serviceProducerName = (service: string): string => `service:${service}`

/** The transactional producer of member `member` of the `exactly-once` group `group`: `<group>/<member>`, also its transactional id. */
export const memberProducerName = (group: string, member: string): string => `${group}/${member}`

/**
 * Kafka's default `transaction.timeout.ms` (60 s): what a config that leaves
 * out `transactionTimeoutMs` uses.
 */
export const transactionTimeoutMsDefault = 60_000

/**
 * The bounds `qsem check` uses when a config file leaves them (or some of
 * them) out: what {@link configDefault} uses.
 */
export const boundsDefault = {
  producersMax: 2,
  membersPerGroupMax: 4,
  keysMax: 4,
  recordsPerPollMax: 3,
  clockAdvanceMsMax: 40_000,
  commandsMax: 60
} as const

/** A bound: a positive integer that a config file may leave out (then `fallback`). */
const bound = (fallback: number) => CountPositive.pipe(Schema.withDecodingDefaultTypeKey(Effect.succeed(fallback)))

/**
 * Bounds of generated runs: how many distinct producers, members per group and
 * hot keys the generator draws from (beside a fixed alphabet of awkward keys:
 * empty, long, non-ASCII, astral, lone surrogates), the largest
 * `ConsumerPoll.recordsMax` and the largest `ClockAdvance.ms` of ordinary
 * commands, and the length of a run before the drain.
 *
 * The two size bounds are not ceilings: commands aimed at the limits cross
 * them on purpose. A poll aimed at a limit asks for one below, at or one
 * above `recordsPerPollMax`, the member's backlog or the drain's 1,000
 * records; a clock advance aimed at a member's session moves the clock to
 * 1 ms before, at or 1 ms after its expiry (or a quarter, half or three
 * quarters of `sessionTimeoutMs`), however far that is.
 *
 * In a file each field may be left out: {@link boundsDefault} fills it in when
 * decoding, so a decoded `Bounds` always has every field.
 */
export const Bounds = Schema.Struct({
  producersMax: bound(boundsDefault.producersMax),
  membersPerGroupMax: bound(boundsDefault.membersPerGroupMax),
  keysMax: bound(boundsDefault.keysMax),
  recordsPerPollMax: bound(boundsDefault.recordsPerPollMax),
  clockAdvanceMsMax: bound(boundsDefault.clockAdvanceMsMax),
  commandsMax: bound(boundsDefault.commandsMax)
})
/** @see {@link Bounds} */
export type Bounds = typeof Bounds.Type

/**
 * The whole configuration. Topic names are unique, group names are unique and
 * every group subscribes to topics that exist; {@link validateConfig} says
 * which rule a config breaks.
 *
 * A file may leave out `bounds` (or any of its fields): {@link boundsDefault}
 * fills them in. `producers` (see {@link ProducerConfig}) may be left out:
 * every producer is then plain. `transactionTimeoutMs` is how long the
 * transaction coordinator lets a transaction stay open (from its first send
 * or offsets) before a `ClockAdvance` aborts it and bumps its producer's
 * epoch; left out, {@link transactionTimeoutMsDefault}. `services` (see
 * {@link ServiceConfig}) may be left out: no service writes. `queues` (see
 * {@link QueueConfig}) may be left out: no queue. `witnessesOptional` lists the guarantees whose `sometimes`
 * witness this config accepts never to see, because its setup cannot produce
 * it (one partition and one member cannot reorder or hand over partitions):
 * `qsem check` reports them as held and not witnessed, accepted by the config,
 * instead of failing. Their `always` check still runs.
 *
 * Two fields are for targets that run in real time (the real brokers of
 * brokers/): `clockQuantumMs` makes every `ClockAdvance` a run issues a
 * multiple of it (rounded up), so that every logical time of a run is a
 * multiple of the quantum and a real broker's timers, scaled, can be set half
 * a quantum away from every time the run can reach; `brokerRestarts` lets the
 * generator mix `BrokerRestart` faults into runs (queue configs only).
 *
 * @example
 * ```json
 * {
 *   "topics": [{ "name": "orders", "partitions": 1 }],
 *   "groups": [{ "name": "billing", "mode": "at-least-once", "assignor": "range", "topics": ["orders"] }],
 *   "sessionTimeoutMs": 30000,
 *   "bounds": { "commandsMax": 40 },
 *   "witnessesOptional": ["PartitionOrderPreserved"]
 * }
 * ```
 */
export const Config = Schema.Struct({
  topics: Schema.Array(TopicConfig),
  groups: Schema.Array(GroupConfig),
  producers: Schema.optionalKey(Schema.Array(ProducerConfig)),
  sessionTimeoutMs: CountPositive,
  transactionTimeoutMs: Schema.optionalKey(CountPositive),
  services: Schema.optionalKey(Schema.Array(ServiceConfig)),
  queues: Schema.optionalKey(Schema.Array(QueueConfig)),
  bounds: Bounds.pipe(Schema.withDecodingDefaultTypeKey(Effect.succeed<Bounds>(boundsDefault))),
  witnessesOptional: Schema.optionalKey(Schema.Array(GuaranteeId)),
  clockQuantumMs: Schema.optionalKey(CountPositive),
  brokerRestarts: Schema.optionalKey(Schema.Boolean)
})
/** @see {@link Config} */
export type Config = typeof Config.Type

/**
 * The largest config qsem checks, enforced by {@link validateConfig} when a
 * config or a trace is loaded, so that a check's memory stays modest (well
 * under 1 GiB) on an ordinary machine and every time sum stays an exact
 * integer. A run allocates per partition (logs, offsets per group, the
 * driver's watermarks), per member slot of each group, and per command of its
 * history; producers and keys are only names, drawn when a command needs one.
 */
export const configLimits = {
  /** Topics in a config: 256. Each is a log and a subscription target; more adds nothing a check can tell apart. */
  topicsMax: 256,
  /** Partitions of one topic: 1,024 (every send, poll and rebalance walks a topic's partitions). */
  partitionsPerTopicMax: 1_024,
  /** Partitions of all topics together: 4,096. Every group keeps an offset per partition and a member's assignment lists them. */
  partitionsTotalMax: 4_096,
  /** Consumer groups: 64. Each keeps its own offsets for every partition and its own member slots. */
  groupsMax: 64,
  /** `bounds.membersPerGroupMax`: 256. The generator keeps a slot per member of every group (a billion slots ran out of memory). */
  membersPerGroupMax: 256,
  /** `bounds.producersMax`: 10,000. Producers are names; a run creates one only when a send uses it. */
  producersMax: 10_000,
  /** `bounds.keysMax`: 10,000. Keys are names; a run creates one only when a send uses it. */
  keysMax: 10_000,
  /**
   * `bounds.recordsPerPollMax`: 1,000, the drain's own poll size; the drain's
   * step budget grows with it. (Polls aimed at a limit still ask for up to
   * one more than the largest of this, the member's backlog and 1,000.)
   */
  recordsPerPollMax: 1_000,
  /** `bounds.commandsMax`: 100,000 commands per run (as `qsem check --commands-max`); a run's history is kept whole. */
  commandsMax: 100_000,
  /**
   * `bounds.clockAdvanceMsMax`: 1,000,000,000 ms (about 11.6 days). An
   * advance aimed at a session boundary is at most `sessionTimeoutMs + 1`,
   * under the same limit plus one, so with at most 100,000 commands the clock
   * stays below 10^14 ms, and the generator's `a² · clockAdvanceMsMax`
   * (a ≤ 999) below 2^53, so every time is exact.
   */
  clockAdvanceMsMax: 1_000_000_000,
  /** `sessionTimeoutMs`: 1,000,000,000 ms, for the same exactness (`lastSeenMs + sessionTimeoutMs`, the drain's clock advance). */
  sessionTimeoutMsMax: 1_000_000_000,
  /** `transactionTimeoutMs`: 1,000,000,000 ms, for the same exactness (`startMs + transactionTimeoutMs`). */
  transactionTimeoutMsMax: 1_000_000_000,
  /** Producers a config names: 256. Each keeps a client, sequences per partition and, if transactional, a coordinator entry. */
  producersConfiguredMax: 256,
  /** A group's `effect.dedupWindowMs`: 1,000,000,000 ms, for the same exactness (`recordedAtMs + dedupWindowMs`). */
  dedupWindowMsMax: 1_000_000_000,
  /** Services a config names: 64. Each keeps its own tables. */
  servicesMax: 64,
  /** Queues a config names: 64. Each keeps its messages, receipts and dedup ids. */
  queuesMax: 64,
  /** A queue's `visibilityTimeoutMs`, its `dedupWindowMs` and a `QueueExtend`'s `ms`: 1,000,000,000 ms, for the same exactness as the clock. */
  queueTimeMsMax: 1_000_000_000,
  /** A queue's `receiveCountMax`: 1,000 (SQS allows 1,000). */
  receiveCountMax: 1_000,
  /** A bounded queue's `messagesMax`: 1,000,000. */
  queueMessagesMax: 1_000_000,
  /** A failure policy's `attemptsMax`: 20, so that `backoffMs * 2^19` stays an exact integer. */
  attemptsMax: 20,
  /** A failure policy's `backoffMs` and a breaker's `coolDownMs`: 1,000,000,000 ms, for the same exactness as the clock. */
  failureTimeMsMax: 1_000_000_000,
  /** A breaker's `failuresMax`: 1,000. */
  breakerFailuresMax: 1_000,
  /** A topic's `retentionMs`: 1,000,000,000 ms, for the same exactness as the clock. */
  retentionMsMax: 1_000_000_000
} as const

/** The exactly-once rules of groups: output topics, isolation. */
const groupsBroken = (config: Config, topics: ReadonlySet<string>): string | undefined => {
  const exactlyOnceInputs = new Set(config.groups.filter((g) => g.mode === "exactly-once").flatMap((g) => g.topics))
  for (const group of config.groups) {
    const name = quoteInput(group.name)
    if (group.mode !== "exactly-once") {
      if (group.outputTopic !== undefined) return `group ${name} has an outputTopic, but only exactly-once groups write results`
      continue
    }
    if (group.outputTopic === undefined) return `exactly-once group ${name} needs an outputTopic`
    if (!topics.has(group.outputTopic)) return `group ${name} writes to unknown topic ${quoteInput(group.outputTopic)}`
    if (exactlyOnceInputs.has(group.outputTopic)) {
      return `group ${name} writes to ${quoteInput(group.outputTopic)}, which an exactly-once group reads; qsem does not check exactly-once pipelines`
    }
    if (group.isolation === "read_uncommitted") return `exactly-once group ${name} must read read_committed`
  }
  return undefined
}

/** The effect rules: remedy options belong to `idempotency-key`; conditional updates are not for exactly-once groups. */
const effectsBroken = (config: Config): string | undefined => {
  for (const group of config.groups) {
    const effect = group.effect
    if (effect === undefined) continue
    const name = quoteInput(group.name)
    if (effect.remedy !== "idempotency-key") {
      if (effect.dedupWindowMs !== undefined) return `group ${name} has a dedupWindowMs, but only an idempotency-key remedy has a window`
      if (effect.dedupOrder !== undefined) return `group ${name} has a dedupOrder, but only an idempotency-key remedy has one`
    }
    if (effect.remedy === "conditional-update" && group.mode === "exactly-once") {
      return `exactly-once group ${name} cannot use conditional-update; qsem checks conditional updates on at-most-once and at-least-once groups`
    }
    if (effect.dedupWindowMs !== undefined && effect.dedupWindowMs > configLimits.dedupWindowMsMax) {
      return beyond(`group ${name}'s dedupWindowMs`, effect.dedupWindowMs, configLimits.dedupWindowMsMax)
    }
  }
  return undefined
}

/**
 * The failure rules: not for `exactly-once` groups; the `retry-then-dead-letter`
 * options belong to that policy and it needs all three; a dead-letter topic
 * exists, is not one of its group's topics, nor another group's dead-letter
 * topic, nor an exactly-once group's output; a breaker that dead-letters needs
 * a dead-letter topic; limits.
 */
const failuresBroken = (config: Config, topics: ReadonlySet<string>): string | undefined => {
  const deadLetterTopics = new Map<string, string>()
  const outputs = new Set(config.groups.flatMap((g) => (g.outputTopic === undefined ? [] : [g.outputTopic])))
  for (const group of config.groups) {
    const failure = group.failure
    if (failure === undefined) continue
    const name = quoteInput(group.name)
    if (group.mode === "exactly-once") return `exactly-once group ${name} cannot have a failure policy; qsem checks failures on at-most-once and at-least-once groups`
    const breaker = failure.breaker
    if (breaker !== undefined) {
      if (breaker.failuresMax > configLimits.breakerFailuresMax) return beyond(`group ${name}'s breaker failuresMax`, breaker.failuresMax, configLimits.breakerFailuresMax)
      if (breaker.coolDownMs > configLimits.failureTimeMsMax) return beyond(`group ${name}'s breaker coolDownMs`, breaker.coolDownMs, configLimits.failureTimeMsMax)
    }
    if (failure.policy === "none") {
      for (const field of ["attemptsMax", "backoffMs", "deadLetterTopic"] as const) {
        if (failure[field] !== undefined) return `group ${name} has a failure ${field}, but only a retry-then-dead-letter policy has one`
      }
      if (breaker?.whileOpen === "dead-letter") return `group ${name}'s breaker dead-letters while open, but its policy has no dead-letter topic`
      continue
    }
    if (failure.attemptsMax === undefined || failure.backoffMs === undefined || failure.deadLetterTopic === undefined) {
      return `group ${name}'s retry-then-dead-letter policy needs attemptsMax, backoffMs and deadLetterTopic`
    }
    if (failure.attemptsMax > configLimits.attemptsMax) return beyond(`group ${name}'s attemptsMax`, failure.attemptsMax, configLimits.attemptsMax)
    if (failure.backoffMs > configLimits.failureTimeMsMax) return beyond(`group ${name}'s backoffMs`, failure.backoffMs, configLimits.failureTimeMsMax)
    const dlt = quoteInput(failure.deadLetterTopic)
    if (!topics.has(failure.deadLetterTopic)) return `group ${name} dead-letters to unknown topic ${dlt}`
    if (group.topics.includes(failure.deadLetterTopic)) return `group ${name} dead-letters to ${dlt}, which it reads`
    if (outputs.has(failure.deadLetterTopic)) return `group ${name} dead-letters to ${dlt}, the output topic of an exactly-once group`
    const other = deadLetterTopics.get(failure.deadLetterTopic)
    if (other !== undefined) return `group ${name} dead-letters to ${dlt}, the dead-letter topic of group ${quoteInput(other)}`
    deadLetterTopics.set(failure.deadLetterTopic, group.name)
  }
  return undefined
}

/** The retention rules: limits, and no retention beside transactions, services or external effects (whose checks read whole logs). */
const retentionBroken = (config: Config): string | undefined => {
  for (const topic of config.topics) {
    if (topic.retentionMs === undefined && topic.retentionRecordsMax === undefined) continue
    const name = quoteInput(topic.name)
    if (topic.retentionMs !== undefined && topic.retentionMs > configLimits.retentionMsMax) return beyond(`topic ${name}'s retentionMs`, topic.retentionMs, configLimits.retentionMsMax)
    if (config.groups.some((group) => group.failure?.deadLetterTopic === topic.name)) {
      return `topic ${name} is a dead-letter topic; qsem checks dead-letter topics without retention`
    }
    if (isTransactionalOrExternal(config)) {
      return `topic ${name} has retention; qsem checks retention only in configs without producers, exactly-once groups, services or effects`
    }
  }
  return undefined
}

const isTransactionalOrExternal = (config: Config): boolean =>
  (config.producers ?? []).length > 0 ||
  (config.services ?? []).length > 0 ||
  config.groups.some((group) => group.mode === "exactly-once" || group.effect !== undefined)

/** The service rules: unique names without `/`, known topics, and no configured producer named as a service's producer. */
const servicesBroken = (config: Config, topics: ReadonlySet<string>): string | undefined => {
  const services = config.services ?? []
  if (services.length > configLimits.servicesMax) return beyond("the number of services", services.length, configLimits.servicesMax)
  const producers = new Set((config.producers ?? []).map((producer) => producer.name))
  const names = new Set<string>()
  for (const service of services) {
    const name = quoteInput(service.name)
    if (names.has(service.name)) return `service ${name} is declared twice`
    names.add(service.name)
    if (service.name.includes("/")) return `service name ${name} contains "/"`
    if (!topics.has(service.topic)) return `service ${name} publishes to unknown topic ${quoteInput(service.topic)}`
    const producer = serviceProducerName(service.name)
    if (producers.has(producer)) return `producer ${quoteInput(producer)} is the producer of service ${name}; a config may not name it`
  }
  return undefined
}

/** The queue rules: unique names (with topics), redrive policies that name a queue of the same kind without its own, FIFO-only options, limits. */
const queuesBroken = (config: Config, topics: ReadonlySet<string>): string | undefined => {
  const queues = config.queues ?? []
  if (queues.length > configLimits.queuesMax) return beyond("the number of queues", queues.length, configLimits.queuesMax)
  const byName = new Map<string, QueueConfig>()
  for (const queue of queues) {
    const name = quoteInput(queue.name)
    if (topics.has(queue.name)) return `queue ${name} has the name of a topic`
    if (byName.has(queue.name)) return `queue ${name} is declared twice`
    byName.set(queue.name, queue)
  }
  for (const queue of queues) {
    const name = quoteInput(queue.name)
    if (queue.visibilityTimeoutMs > configLimits.queueTimeMsMax) return beyond(`queue ${name}'s visibilityTimeoutMs`, queue.visibilityTimeoutMs, configLimits.queueTimeMsMax)
    if (queue.dedupWindowMs !== undefined) {
      if (!isFifo(queue)) return `queue ${name} has a dedupWindowMs, but only a fifo queue deduplicates`
      if (queue.dedupWindowMs > configLimits.queueTimeMsMax) return beyond(`queue ${name}'s dedupWindowMs`, queue.dedupWindowMs, configLimits.queueTimeMsMax)
    }
    if ((queue.receiveCountMax === undefined) !== (queue.deadLetterQueue === undefined)) {
      return `queue ${name} needs both receiveCountMax and deadLetterQueue, or neither`
    }
    if ((queue.messagesMax === undefined) !== (queue.overflow === undefined)) {
      return `queue ${name} needs both messagesMax and overflow, or neither`
    }
    if (queue.messagesMax !== undefined && queue.messagesMax > configLimits.queueMessagesMax) {
      return beyond(`queue ${name}'s messagesMax`, queue.messagesMax, configLimits.queueMessagesMax)
    }
    if (queue.receiveCountMax !== undefined && queue.receiveCountMax > configLimits.receiveCountMax) {
      return beyond(`queue ${name}'s receiveCountMax`, queue.receiveCountMax, configLimits.receiveCountMax)
    }
    if (queue.inspected === true && !queues.some((source) => source.deadLetterQueue === queue.name)) {
      return `queue ${name} is inspected, but no queue dead-letters to it; only a dead-letter queue is inspected`
    }
    if (queue.deadLetterQueue === undefined) continue
    const deadLetterQueue = byName.get(queue.deadLetterQueue)
    const dlq = quoteInput(queue.deadLetterQueue)
    if (deadLetterQueue === undefined) return `queue ${name} dead-letters to unknown queue ${dlq}`
    if (deadLetterQueue === queue) return `queue ${name} dead-letters to itself`
    if (deadLetterQueue.deadLetterQueue !== undefined) return `queue ${name} dead-letters to ${dlq}, which has a dead-letter queue of its own; qsem checks one level`
    if (isFifo(deadLetterQueue) !== isFifo(queue)) return `queue ${name} dead-letters to ${dlq}, which is ${isFifo(deadLetterQueue) ? "" : "not "}fifo; a dead-letter queue is fifo exactly when its source is`
  }
  return undefined
}

/** The producer rules: unique names, no `/`, transactional implies idempotent. */
const producersBroken = (config: Config): string | undefined => {
  const producers = config.producers ?? []
  if (producers.length > configLimits.producersConfiguredMax) {
    return beyond("the number of configured producers", producers.length, configLimits.producersConfiguredMax)
  }
  const names = new Set<string>()
  for (const producer of producers) {
    const name = quoteInput(producer.name)
    if (names.has(producer.name)) return `producer ${name} is declared twice`
    names.add(producer.name)
    if (producer.name.includes("/")) return `producer name ${name} contains "/", which names the producers of exactly-once members`
    if (producer.name.startsWith("dead-letter:")) return `producer name ${name} starts with "dead-letter:", which names the producers of dead-letter topics`
    if (producer.transactionalId === undefined) continue
    if (producer.transactionalId.includes("/")) {
      return `producer ${name} has transactionalId ${quoteInput(producer.transactionalId)}, which contains "/" (reserved for exactly-once members)`
    }
    if (!producer.idempotent) return `producer ${name} has a transactionalId, so it must be idempotent`
  }
  return undefined
}

const count = (value: number): string => value.toLocaleString("en-US")

const beyond = (what: string, value: number, max: number): string =>
  `${what} is ${count(value)}; qsem checks at most ${count(max)}`

/** The bounds {@link configLimits} caps, in the order {@link validateConfig} reports them (each limit has the bound's name). */
const boundsLimited = ["membersPerGroupMax", "producersMax", "keysMax", "recordsPerPollMax", "commandsMax", "clockAdvanceMsMax"] as const

const boundsBeyond = (config: Config): string | undefined => {
  for (const field of boundsLimited) {
    if (config.bounds[field] > configLimits[field]) return beyond(`bounds.${field}`, config.bounds[field], configLimits[field])
  }
  return undefined
}

/**
 * The first rule a config breaks, as one line, or `undefined` when it is
 * well formed (unique topic and group names, subscriptions to known topics)
 * and within {@link configLimits}. Names are shown JSON-quoted.
 */
export const validateConfig = (config: Config): string | undefined => {
  if (config.topics.length > configLimits.topicsMax) return beyond("the number of topics", config.topics.length, configLimits.topicsMax)
  if (config.groups.length > configLimits.groupsMax) return beyond("the number of groups", config.groups.length, configLimits.groupsMax)
  const topics = new Set<string>()
  let partitionsTotal = 0
  for (const topic of config.topics) {
    if (topics.has(topic.name)) return `topic ${quoteInput(topic.name)} is declared twice`
    topics.add(topic.name)
    if (topic.partitions > configLimits.partitionsPerTopicMax) {
      return `topic ${quoteInput(topic.name)} has ${count(topic.partitions)} partitions; qsem checks at most ${count(configLimits.partitionsPerTopicMax)} per topic`
    }
    partitionsTotal += topic.partitions
  }
  if (partitionsTotal > configLimits.partitionsTotalMax) {
    return beyond("the number of partitions of all topics together", partitionsTotal, configLimits.partitionsTotalMax)
  }
  const groups = new Set<string>()
  for (const group of config.groups) {
    if (groups.has(group.name)) return `group ${quoteInput(group.name)} is declared twice`
    groups.add(group.name)
    for (const topic of group.topics) {
      if (!topics.has(topic)) return `group ${quoteInput(group.name)} subscribes to unknown topic ${quoteInput(topic)}`
    }
  }
  const groupBroken = groupsBroken(config, topics)
  if (groupBroken !== undefined) return groupBroken
  const producerBroken = producersBroken(config)
  if (producerBroken !== undefined) return producerBroken
  const effectBroken = effectsBroken(config)
  if (effectBroken !== undefined) return effectBroken
  const serviceBroken = servicesBroken(config, topics)
  if (serviceBroken !== undefined) return serviceBroken
  const queueBroken = queuesBroken(config, topics)
  if (queueBroken !== undefined) return queueBroken
  const failureBroken = failuresBroken(config, topics)
  if (failureBroken !== undefined) return failureBroken
  const retentionBrokenLine = retentionBroken(config)
  if (retentionBrokenLine !== undefined) return retentionBrokenLine
  const realTimeBrokenLine = realTimeBroken(config)
  if (realTimeBrokenLine !== undefined) return realTimeBrokenLine
  if (config.sessionTimeoutMs > configLimits.sessionTimeoutMsMax) {
    return beyond("sessionTimeoutMs", config.sessionTimeoutMs, configLimits.sessionTimeoutMsMax)
  }
  if (config.transactionTimeoutMs !== undefined && config.transactionTimeoutMs > configLimits.transactionTimeoutMsMax) {
    return beyond("transactionTimeoutMs", config.transactionTimeoutMs, configLimits.transactionTimeoutMsMax)
  }
  return boundsBeyond(config)
}

/**
 * Why the real-time fields of a config do not fit it: `brokerRestarts` needs
 * queues and no topics (a restart of the stream broker is not modelled), and
 * under `clockQuantumMs` every queue's visibility timeout and dedup window is
 * a multiple of the quantum (else a run's times could land on them).
 */
const realTimeBroken = (config: Config): string | undefined => {
  if (config.brokerRestarts === true && (config.topics.length > 0 || (config.queues ?? []).length === 0)) {
    return "brokerRestarts needs a config with queues and no topics (a restart of the stream broker is not modelled)"
  }
  const quantum = config.clockQuantumMs
  if (quantum === undefined) return undefined
  if (quantum > configLimits.queueTimeMsMax) return beyond("clockQuantumMs", quantum, configLimits.queueTimeMsMax)
  for (const queue of config.queues ?? []) {
    for (const [field, ms] of [["visibilityTimeoutMs", queue.visibilityTimeoutMs], ["dedupWindowMs", isFifo(queue) ? queueDedupWindowMsOf(queue) : undefined]] as const) {
      if (ms !== undefined && ms % quantum !== 0) {
        return `queue ${quoteInput(queue.name)} has ${field} ${ms}, not a multiple of clockQuantumMs ${quantum}`
      }
    }
  }
  return undefined
}

/**
 * The configuration `qsem check` uses by default: two topics, one group per
 * delivery mode (one of each assignor) reading both, so fanout, crashes,
 * rebalances and idle members all happen in short runs.
 */
export const configDefault: Config = {
  topics: [
    { name: "orders", partitions: 3 },
    { name: "payments", partitions: 2 }
  ],
  groups: [
    { name: "billing", mode: "at-least-once", assignor: "range", topics: ["orders", "payments"] },
    { name: "metrics", mode: "at-most-once", assignor: "round-robin", topics: ["orders"] }
  ],
  sessionTimeoutMs: 30_000,
  bounds: boundsDefault
}
