/**
 * Producer commands: sends, retries after a lost acknowledgement, producer
 * initialization (transactional producers) and producer crashes.
 *
 * ## The producer state these commands act on
 *
 * Client side, per producer name: whether it holds a producer id and epoch
 * (an idempotent producer gets them implicitly at its first send after a
 * start or a crash; a transactional one only from `ProducerInit`), whether it
 * knows it is fenced, whether it has begun a transaction, its next sequence
 * number per partition (from 0), and at most one pending send: its last send,
 * when that send's acknowledgement was lost and it has not been retried. Any
 * later send by the producer (a `ProducerSend`, or a result sent by
 * `ConsumerProcess`) drops the pending send: the application gave up on it
 * (Kafka's `delivery.timeout.ms`), so a retry always directly follows the
 * send it repeats.
 *
 * Broker side: producer ids are handed out from 0 upwards (one counter), one
 * per implicit idempotent initialization and one per transactional id at its
 * first `ProducerInit`; an idempotent producer that is not transactional has
 * epoch 0. Per producer id and partition the broker remembers the epoch,
 * sequence and offset of the last send it appended. Per transactional id the
 * transaction coordinator keeps the producer id, the current epoch (0 at the
 * first init) and at most one open transaction: its start time, the
 * partitions it touched (each with the offset of its first record there) and
 * the offsets it sent per group. A transaction opens at the coordinator with
 * its first send or `TxnSendOffsets` (Kafka's AddPartitionsToTxn and
 * AddOffsetsToTxn), not at `TxnBegin`, which is client-side only.
 *
 * Which producers are which: a name the config lists under `producers` has
 * that entry's `idempotent` and `transactionalId`; `<group>/<member>` for a
 * group of mode `exactly-once` is transactional with that name as its
 * transactional id; every other name is plain (not idempotent, as before
 * producers were configurable).
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { Name } from "../config.ts"

/**
 * A producer sends one record to a topic. With `ackLost`, a fault: the
 * request reaches the broker, but its answer is lost.
 *
 * 1. `UnknownTopic` when the topic is not configured.
 * 2. Transactional producers only, all client-side: `ProducerNotInitialized`
 *    unless the client holds an epoch; `ProducerFenced` when the client
 *    already knows it is fenced; `TransactionNotOpen` unless the client has
 *    begun a transaction (Kafka refuses transactional sends outside one).
 * 3. The partition is `(murmur2(utf8(key)) & 0x7fffffff) % partitions` for a
 *    keyed record (Kafka's default partitioner; `utf8` as `TextEncoder`
 *    encodes, so a lone surrogate becomes U+FFFD); without a key it is the
 *    producer's round-robin counter for this topic (starting at 0) modulo the
 *    partition count, and the counter then moves on by one (Kafka before
 *    2.4; its sticky partitioner of batches is not modelled).
 * 4. Transactional producers: `ProducerFenced` when the coordinator's epoch
 *    for its transactional id is newer than the client's (another instance
 *    initialized, or the coordinator aborted the transaction on timeout); the
 *    client then knows it is fenced, its transaction is over and its pending
 *    send is dropped (the round-robin counter of step 3 does not move: an
 *    error answer changes nothing else). Otherwise the
 *    coordinator opens the transaction (start time `nowMs`) if it is not open,
 *    and adds the partition to it if it is new.
 * 5. An idempotent producer without a producer id gets one now. Its send
 *    carries the client's next sequence for the partition, which then moves
 *    on by one.
 * 6. The record is appended at the partition's high watermark with
 *    `timestampMs = nowMs`, and for an idempotent producer the broker
 *    remembers its sequence and offset (a transactional record is also
 *    remembered as part of its open transaction; the first one in a partition
 *    is that transaction's first offset there).
 * 7. Any pending send of the producer is dropped. Without `ackLost`: answer
 *    `Sent`. With it: the client keeps this send as its pending send (its
 *    key, value, partition, epoch and sequence) and the answer
 *    is `SendTimedOut` (the one error answer that changes the state: the
 *    record was appended).
 *
 * A lost acknowledgement loses the answer, never the request, and a client
 * sends one request at a time, so the broker never sees a sequence gap: qsem
 * does not model Kafka's `OutOfOrderSequence`.
 */
export const ProducerSend = Schema.TaggedStruct("ProducerSend", {
  producer: Name,
  topic: Name,
  key: Schema.optionalKey(Schema.String),
  value: Schema.String,
  ackLost: Schema.optionalKey(Schema.Literal(true))
})

/**
 * A producer resends its pending send (the one whose acknowledgement was
 * lost), as Kafka's producer retries a request that timed out: same
 * partition, key, value, producer id, epoch and sequence. With `ackLost`, this
 * answer is lost too.
 *
 * 1. `NothingToRetry` when the client has no pending send.
 * 2. Transactional producers: `ProducerFenced` as in `ProducerSend` (client
 *    knows it, or the coordinator's epoch is newer); the pending send is
 *    dropped.
 * 3. Idempotent producers: when the broker's last append for the producer id
 *    and partition has the retry's epoch and sequence, the broker appends
 *    nothing and answers with the offset it appended at (the duplicate is
 *    recognised). Otherwise (a plain producer) the record is appended again
 *    at the high watermark: the "two generals" duplicate.
 * 4. Without `ackLost`: the pending send is cleared; answer `Sent` (the
 *    original offset for a recognised duplicate). With it: the send stays
 *    pending; answer `SendTimedOut`.
 */
export const ProducerRetry = Schema.TaggedStruct("ProducerRetry", {
  producer: Name,
  ackLost: Schema.optionalKey(Schema.Literal(true))
})

/**
 * A transactional producer initializes (Kafka's `initTransactions`,
 * InitProducerId with a transactional id).
 *
 * 1. `NotTransactional` unless the producer is transactional.
 * 2. The coordinator gives the transactional id a producer id at its first
 *    init; later inits keep it and add 1 to the epoch (the first init has
 *    epoch 0). If the transactional id had an open transaction, it is
 *    aborted first: an abort marker is appended in each partition it touched
 *    (sorted by topic name, then partition), written with the new epoch as
 *    Kafka's fencing abort is, and its sent offsets are discarded (a
 *    transaction that only sent offsets is aborted too, with no marker). Any other client with this transactional id is now fenced.
 * 3. The client holds the producer id and the new epoch, is not fenced, has
 *    no transaction, no pending send, and its sequences restart at 0.
 *    Answer: `ProducerInitialized` (with `aborted` when step 2 aborted a
 *    transaction).
 */
export const ProducerInit = Schema.TaggedStruct("ProducerInit", {
  producer: Name
})

/**
 * A producer's process dies: its client state (producer id, epoch, fenced,
 * transaction, sequences, pending send) is gone; the broker keeps everything,
 * an open transaction included, until the next `ProducerInit` of its
 * transactional id aborts it or it times out. The next client of an
 * idempotent producer gets a new producer id at its first send.
 *
 * Always answered `ProducerCrashed` (a producer that never did anything can
 * crash too). The round-robin counters are the broker's and stay.
 */
export const ProducerCrash = Schema.TaggedStruct("ProducerCrash", {
  producer: Name
})
