/**
 * Transaction commands of a transactional producer (Kafka's transactions,
 * KIP-98; consumer-group fencing, KIP-447). See `producer.ts` for the
 * producer state and for which producers are transactional.
 *
 * Every command here first checks, in order: 1. `NotTransactional` unless
 * the producer is transactional; 2. `ProducerNotInitialized` unless its
 * client holds an epoch; 3. `ProducerFenced` when the client already knows it
 * is fenced. The numbered checks of each command follow those three.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { Name } from "../config.ts"
import { PartitionOffset } from "../record.ts"

/**
 * The client begins a transaction (client-side only: the coordinator learns
 * of it with its first send or offsets).
 *
 * 4. `TransactionAlreadyOpen` when the client has begun one. 5. Answer:
 * `TxnBegun`.
 */
export const TxnBegin = Schema.TaggedStruct("TxnBegin", {
  producer: Name
})

/**
 * The producer adds a consumer group's offsets to its transaction (Kafka's
 * `sendOffsetsToTransaction(offsets, consumer.groupMetadata())`): they become
 * the group's committed offsets if and only if the transaction commits. The
 * group metadata is that of member `member`'s client (KIP-447), so a zombie
 * consumer's offsets are refused.
 *
 * 4. `TransactionNotOpen` unless the client has begun a transaction.
 * 5. `UnknownGroup`. 6. `UnknownMember` unless the member is running.
 * 7. `ProducerFenced` when the coordinator's epoch is newer (as in
 * `ProducerSend`). 8. `UnknownMember` unless the member is a broker member
 * (the group coordinator no longer knows a zombie). 9. `StaleGeneration` when
 * the member's client generation is older than the group's. 10. Per entry,
 * in order: `UnknownTopic`; `NotAssigned` unless the group's current
 * assignment gives the partition to this member; `OffsetOutOfRange` above
 * the partition's high watermark. 11. The coordinator opens the transaction
 * if it is not open (start time `nowMs`) and records the offsets for the
 * group (a later entry for the same partition replaces an earlier one).
 * Unlike `ConsumerCommit`, this does not refresh the member's session.
 * Answer: `TxnOffsetsSent` (with the member's generation).
 */
export const TxnSendOffsets = Schema.TaggedStruct("TxnSendOffsets", {
  producer: Name,
  group: Name,
  member: Name,
  offsets: Schema.Array(PartitionOffset)
})

/**
 * The producer commits its transaction.
 *
 * 4. `TransactionNotOpen` unless the client has begun a transaction.
 * 5. `ProducerFenced` when the coordinator's epoch is newer (the client now
 * knows it is fenced and has no transaction and no pending send). 6. If the coordinator has an
 * open transaction for the transactional id: a commit marker is appended in
 * each partition it touched (sorted by topic name, then partition), so its
 * records become visible to `read_committed` readers, and its sent offsets
 * are stored as the groups' committed offsets, group by group in the order
 * they were first sent. 7. The client has no transaction and no pending
 * send. Answer: `TxnCommitted` with the markers (none for a transaction that
 * sent nothing).
 */
export const TxnCommit = Schema.TaggedStruct("TxnCommit", {
  producer: Name
})

/**
 * The producer aborts its transaction: as `TxnCommit`, but the markers are
 * abort markers (its records are never visible to `read_committed` readers)
 * and its sent offsets are discarded. Answer: `TxnAborted`.
 */
export const TxnAbort = Schema.TaggedStruct("TxnAbort", {
  producer: Name
})
