/**
 * Read-only views of a model state, for generators, docs and tests. Each
 * answer is fresh plain data (safe to keep); none of them changes the state.
 *
 * @module
 */
import type { Config } from "../spec/config.ts"
import type { AppliedEffect, BusinessRow, EntityState, OutboxRow, RememberedId } from "../spec/effect.ts"
import type { QueueEntry, RememberedDedupId } from "../spec/queue.ts"
import type { LogEntry, LogRecord, PartitionOffset, TopicPartition } from "../spec/record.ts"
import { indexOfClient, positionAt } from "./client.ts"
import * as Seq from "./internal/seq.ts"
import { compareNames } from "./assignor.ts"
import { entitiesOf, rememberedAt } from "./effect/effectStore.ts"
import { outboxRows } from "./service/serviceTables.ts"
import { entriesFrom, highWatermark, lastStableOffset, records } from "./log.ts"
import { committedAt } from "./offsets.ts"
import { roundRobinNext } from "./partitioner.ts"
import { logStartOf } from "./retention/logStart.ts"
import { resolveProducerKind } from "./producer/kind.ts"
import { rememberedDedupIds } from "./queue/dedup.ts"
import { queueEntry } from "./queue/queueEntry.ts"
import { isInFlight, issuedBy, positionOfCurrent } from "./queue/visibility.ts"
import type { GroupState, ModelState } from "./state.ts"

/** A broker member of a group, as the coordinator sees it. */
export interface BrokerMemberView {
  readonly member: string
  readonly lastSeenMs: number
  /** Its partitions in the group's current generation. */
  readonly assignment: ReadonlyArray<TopicPartition>
}

/** A running member's consumer client. */
export interface ClientView {
  /** The generation it last learned. */
  readonly generation: number
  /** Its partitions in that generation, sorted by topic then partition. */
  readonly assignment: ReadonlyArray<TopicPartition>
  /** Its positions (next offset to fetch), for the assigned partitions that have one, in assignment order. */
  readonly positions: ReadonlyArray<PartitionOffset>
  /** Delivered records it has not processed, in delivery order. */
  readonly buffer: ReadonlyArray<LogRecord>
}

const groupOf = (state: ModelState, group: string): GroupState | undefined => {
  const index = state.world.groupIndex.get(group)
  return index === undefined ? undefined : state.groups[index]
}

/** The configuration the state was initialised with. */
export const configOf = (state: ModelState): Config => state.world.config

/** The logical clock, in milliseconds (0 at init). */
export const nowMs = (state: ModelState): number => state.nowMs

/** The group's generation (0 before the first join), or `undefined` for an unknown group. */
export const generationOf = (state: ModelState, group: string): number | undefined =>
  groupOf(state, group)?.membership.generation

/** The group's broker members in join order (empty for an unknown group). */
export const brokerMembersOf = (state: ModelState, group: string): ReadonlyArray<BrokerMemberView> =>
  (groupOf(state, group)?.membership.members ?? []).map((member) => ({
    member: member.name,
    lastSeenMs: member.lastSeenMs,
    assignment: member.assignment.partitions
  }))

/** The names of the group's running members (those with a client), sorted by plain string order. */
export const runningMembersOf = (state: ModelState, group: string): ReadonlyArray<string> =>
  (groupOf(state, group)?.clients ?? []).map((client) => client.member).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))

/** The member's client, or `undefined` when the member is not running (or the group is unknown). */
export const clientOf = (state: ModelState, group: string, member: string): ClientView | undefined => {
  const groupState = groupOf(state, group)
  if (groupState === undefined) return undefined
  const index = indexOfClient(groupState.clients, member)
  if (index < 0) return undefined
  const client = groupState.clients[index]
  const positions: Array<PartitionOffset> = []
  client.assignment.partitions.forEach((tp, i) => {
    const offset = positionAt(client, i)
    if (offset >= 0) positions.push({ topic: tp.topic, partition: tp.partition, offset })
  })
  return {
    generation: client.generation,
    assignment: client.assignment.partitions,
    positions,
    buffer: Seq.toArray(client.buffer)
  }
}

/** The group's committed offset for a partition, or `undefined` when none (or unknown names). */
export const committedOf = (state: ModelState, group: string, topic: string, partition: number): number | undefined => {
  const groupState = groupOf(state, group)
  const topicIndex = state.world.topicIndex.get(topic)
  if (groupState === undefined || topicIndex === undefined) return undefined
  if (partition < 0 || partition >= state.world.config.topics[topicIndex].partitions) return undefined
  const offset = committedAt(groupState.committed, topicIndex, partition)
  return offset < 0 ? undefined : offset
}

/** The partition's high watermark (its entry count, markers included), or `undefined` for an unknown topic or partition. */
export const highWatermarkOf = (state: ModelState, topic: string, partition: number): number | undefined => {
  const log = logOf(state, topic, partition)
  return log === undefined ? undefined : highWatermark(log)
}

/**
 * The partition's last stable offset: the first offset of the earliest
 * transaction still open in it, else its high watermark (`undefined` for an
 * unknown topic or partition). `read_committed` polls never reach it.
 */
export const lastStableOffsetOf = (state: ModelState, topic: string, partition: number): number | undefined => {
  const topicIndex = state.world.topicIndex.get(topic)
  if (topicIndex === undefined || partition < 0 || partition >= state.topics[topicIndex].partitions.length) return undefined
  return lastStableOffset(state.topics[topicIndex], partition)
}

/**
 * The partition's log start offset: entries below it were deleted by
 * retention (0 until it deleted something; `undefined` for an unknown topic
 * or partition).
 */
export const logStartOffsetOf = (state: ModelState, topic: string, partition: number): number | undefined => {
  const topicIndex = state.world.topicIndex.get(topic)
  if (topicIndex === undefined || partition < 0 || partition >= state.topics[topicIndex].partitions.length) return undefined
  return logStartOf(state.topics[topicIndex], partition)
}

/** Every entry of the partition from its log start (data records and markers) as `ObserverDump` shows them (empty for an unknown topic or partition). */
export const entriesOf = (state: ModelState, topic: string, partition: number): ReadonlyArray<LogEntry> => {
  const log = logOf(state, topic, partition)
  return log === undefined ? [] : entriesFrom(log, logStartOffsetOf(state, topic, partition)!, highWatermark(log))
}

/** What a producer is, by its name: idempotent or not, and its transactional id when it is transactional. */
export interface ProducerKindView {
  readonly idempotent: boolean
  readonly transactionalId: string | undefined
}

/**
 * The kind of the producer called `producer` in this state's config: a
 * configured producer's entry, a member producer `<group>/<member>` of an
 * `exactly-once` group (transactional, with that name as transactional id),
 * else plain.
 */
export const producerKindOf = (state: ModelState, producer: string): ProducerKindView => resolveProducerKind(state.world, producer)

/** Whether the producer is transactional (it must `ProducerInit` and sends only inside transactions). */
export const isTransactional = (state: ModelState, producer: string): boolean => resolveProducerKind(state.world, producer).transactionalId !== undefined

/** Whether the producer is idempotent (transactional producers are). */
export const isIdempotent = (state: ModelState, producer: string): boolean => resolveProducerKind(state.world, producer).idempotent

/** A producer's client, as the application sees it. */
export interface ProducerClientView {
  /** The producer id and epoch it holds, or `undefined` when it holds none. */
  readonly producerId: number | undefined
  readonly epoch: number | undefined
  /** Whether it knows it is fenced. */
  readonly fenced: boolean
  /** Whether it has begun a transaction that is not over (as far as it knows). */
  readonly inTransaction: boolean
  /** Its pending send (lost acknowledgement, not retried yet), if any. */
  readonly pending: { readonly topic: string; readonly partition: number; readonly key?: string; readonly value: string } | undefined
}

/** The producer's client (a producer that holds nothing, never sent or crashed, is all blank). */
export const producerClientOf = (state: ModelState, producer: string): ProducerClientView => {
  const client = state.producers.get(producer)
  if (client === undefined) return { producerId: undefined, epoch: undefined, fenced: false, inTransaction: false, pending: undefined }
  const pending = client.pending
  const topic = pending === undefined ? "" : state.world.config.topics[pending.topicIndex].name
  return {
    producerId: client.producerId < 0 ? undefined : client.producerId,
    epoch: client.producerId < 0 ? undefined : client.epoch,
    fenced: client.fenced,
    inTransaction: client.inTransaction,
    pending:
      pending === undefined
        ? undefined
        : pending.key === undefined
          ? { topic, partition: pending.partition, value: pending.value }
          : { topic, partition: pending.partition, key: pending.key, value: pending.value }
  }
}

/** The coordinator's view of one transactional id. */
export interface TransactionView {
  readonly producerId: number
  readonly epoch: number
  /** Its open transaction: start time, touched partitions (sorted by topic then partition) with first offsets, offsets sent per group. */
  readonly open:
    | {
        readonly startMs: number
        readonly partitions: ReadonlyArray<PartitionOffset>
        readonly offsets: ReadonlyArray<{ readonly group: string; readonly offsets: ReadonlyArray<PartitionOffset> }>
      }
    | undefined
}

/** The coordinator's entry for a transactional id, or `undefined` before its first `ProducerInit`. */
export const transactionOf = (state: ModelState, transactionalId: string): TransactionView | undefined => {
  const transaction = state.coordinator.transactions.get(transactionalId)
  if (transaction === undefined) return undefined
  const config = state.world.config
  const open = transaction.open
  return {
    producerId: transaction.producerId,
    epoch: transaction.epoch,
    open:
      open === undefined
        ? undefined
        : {
            startMs: open.startMs,
            partitions: open.partitions
              .map((tp) => ({ topic: config.topics[tp.topicIndex].name, partition: tp.partition, offset: tp.firstOffset }))
              .sort((a, b) => compareNames(a.topic, b.topic) || a.partition - b.partition),
            offsets: open.offsets.map((sent) => ({
              group: config.groups[sent.groupIndex].name,
              offsets: sent.entries.map((entry) => ({ topic: config.topics[entry.topicIndex].name, partition: entry.partition, offset: entry.offset }))
            }))
          }
  }
}

/** The transactional ids the coordinator knows (initialized at least once), in plain string order. */
export const transactionalIdsOf = (state: ModelState): ReadonlyArray<string> => [...state.coordinator.transactions.keys()].sort(compareNames)

/** The partition's data records from its log start in offset order, markers left out (empty for an unknown topic or partition). */
export const recordsOf = (state: ModelState, topic: string, partition: number): ReadonlyArray<LogRecord> => {
  const log = logOf(state, topic, partition)
  return log === undefined ? [] : records(log, logStartOffsetOf(state, topic, partition)!)
}

/** The records the group processed, in processing order (empty for an unknown group). */
export const sinkOf = (state: ModelState, group: string): ReadonlyArray<LogRecord> => {
  const groupState = groupOf(state, group)
  return groupState === undefined ? [] : Seq.toArray(groupState.sink)
}

/** The producer's round-robin counter for a topic: how many unkeyed records it sent there (0 for unknown names). */
export const roundRobinOf = (state: ModelState, producer: string, topic: string): number => {
  const topicIndex = state.world.topicIndex.get(topic)
  return topicIndex === undefined ? 0 : roundRobinNext(state.topics[topicIndex].counters, producer)
}

/** A group's effect store, as `ObserverEffects` lists it. */
export interface EffectsView {
  /** The applied effects, in application order. */
  readonly applied: ReadonlyArray<AppliedEffect>
  /** The ids an `idempotency-key` remedy remembers now (expired ones left out), by `atMs`, then id. */
  readonly remembered: ReadonlyArray<RememberedId>
  /** The entities of a `conditional-update` remedy, by entity. */
  readonly entities: ReadonlyArray<EntityState>
}

/** The group's effect store now (three empty lists for a group without an effect), or `undefined` for an unknown group. */
export const effectsOf = (state: ModelState, group: string): EffectsView | undefined => {
  const groupIndex = state.world.groupIndex.get(group)
  if (groupIndex === undefined) return undefined
  const store = state.effects[groupIndex]
  if (store === undefined) return { applied: [], remembered: [], entities: [] }
  const windowMs = state.world.config.groups[groupIndex].effect!.dedupWindowMs
  return { applied: Seq.toArray(store.applied), remembered: rememberedAt(store, state.nowMs, windowMs), entities: entitiesOf(store) }
}

/** A service's tables, as `ObserverService` lists them. */
export interface ServiceView {
  /** The business rows, in commit order. */
  readonly rows: ReadonlyArray<BusinessRow>
  /** The outbox rows, in insertion order (empty unless the service publishes through an outbox). */
  readonly outbox: ReadonlyArray<OutboxRow>
}

/** The service's tables, or `undefined` for an unknown service. */
export const serviceOf = (state: ModelState, service: string): ServiceView | undefined => {
  const serviceIndex = state.world.serviceIndex.get(service)
  if (serviceIndex === undefined) return undefined
  const tables = state.services[serviceIndex]
  return { rows: Seq.toArray(tables.rows), outbox: outboxRows(tables) }
}

/** A queue, as `ObserverQueue` lists it. */
export interface QueueView {
  /** Its messages in queue order, visible or in flight. */
  readonly messages: ReadonlyArray<QueueEntry>
  /** The dedup ids a FIFO queue remembers now (expired ones left out), by `atMs`, then id; empty for other queues. */
  readonly remembered: ReadonlyArray<RememberedDedupId>
}

/** The queue now, or `undefined` for an unknown queue. */
export const queueOf = (state: ModelState, queue: string): QueueView | undefined => {
  const queueIndex = state.world.queueIndex.get(queue)
  if (queueIndex === undefined) return undefined
  const queueState = state.queues.byIndex[queueIndex]
  const queues = state.world.config.queues!
  const name = (index: number) => queues[index].name
  const nowMs = state.nowMs
  return {
    messages: queueState.messages.map((message) => queueEntry(message, nowMs, name)),
    remembered: state.world.fifo[queueIndex] ? rememberedDedupIds(queueState.dedup, nowMs, state.world.dedupWindowMs[queueIndex]) : []
  }
}

/**
 * The receipts the consumer's client holds (received, neither processed nor
 * released), in receive order, or `undefined` when the consumer has no client
 * for the queue (never received, or crashed since) or the queue is unknown.
 */
export const queueBufferOf = (state: ModelState, queue: string, consumer: string): ReadonlyArray<number> | undefined => {
  const queueIndex = state.world.queueIndex.get(queue)
  if (queueIndex === undefined) return undefined
  return state.queues.byIndex[queueIndex].consumers.get(consumer)?.slice()
}

/** The consumers with a running client for the queue, sorted by plain string order (empty for an unknown queue). */
export const queueConsumersOf = (state: ModelState, queue: string): ReadonlyArray<string> => {
  const queueIndex = state.world.queueIndex.get(queue)
  if (queueIndex === undefined) return []
  return [...state.queues.byIndex[queueIndex].consumers.keys()].sort(compareNames)
}

/** A receipt as issued: the queue that issued it and the message it delivered. */
export interface ReceiptView {
  readonly queue: string
  readonly messageId: number
}

/** The queue that issued receipt `receipt` and its message, or `undefined` when no receive issued it yet. */
export const receiptOf = (state: ModelState, receipt: number): ReceiptView | undefined => {
  const receipts = state.queues.receipts
  if (!Number.isInteger(receipt) || receipt < 0 || receipt >= Seq.size(receipts)) return undefined
  const issued = Seq.at(receipts, receipt)
  return { queue: state.world.config.queues![issued.queueIndex].name, messageId: issued.messageId }
}

/**
 * What a receipt is now, for the queue it is given to: `unknown` (the queue
 * never issued it), `stale` (not the latest receipt of a message still in the
 * queue: an acknowledgement deletes nothing), `visible` (the latest receipt
 * of a message whose visibility ended: an acknowledgement deletes it, a
 * release or an extend is `NotInFlight`) or `in-flight` (the latest receipt
 * of a message in flight). `unknown` too for an unknown queue.
 */
export const receiptStatusOf = (state: ModelState, queue: string, receipt: number): "unknown" | "stale" | "visible" | "in-flight" => {
  const queueIndex = state.world.queueIndex.get(queue)
  if (queueIndex === undefined || !Number.isInteger(receipt) || receipt < 0) return "unknown"
  const issued = issuedBy(state.queues, queueIndex, receipt)
  if (issued === undefined) return "unknown"
  const queueState = state.queues.byIndex[queueIndex]
  const position = positionOfCurrent(queueState, issued, receipt)
  if (position < 0) return "stale"
  return isInFlight(queueState.messages[position], state.nowMs) ? "in-flight" : "visible"
}

/** How many receipts the run's receives issued (the next receipt's number). */
export const receiptsIssuedOf = (state: ModelState): number => Seq.size(state.queues.receipts)

/** How many messages the run enqueued (the next message id). */
export const messagesEnqueuedOf = (state: ModelState): number => state.queues.messageIdNext

/** The queue's dead-letter queue, or `undefined` when it has none (or the queue is unknown). */
export const deadLetterQueueOf = (state: ModelState, queue: string): string | undefined => {
  const queueIndex = state.world.queueIndex.get(queue)
  if (queueIndex === undefined) return undefined
  const deadLetterIndex = state.world.deadLetterQueueIndex[queueIndex]
  return deadLetterIndex < 0 ? undefined : state.world.config.queues![deadLetterIndex].name
}

/** Whether some queue names `queue` as its dead-letter queue. */
export const isDeadLetterQueue = (state: ModelState, queue: string): boolean => {
  const queueIndex = state.world.queueIndex.get(queue)
  return queueIndex !== undefined && state.world.isDeadLetterQueue[queueIndex]
}

const logOf = (state: ModelState, topic: string, partition: number) => {
  const topicIndex = state.world.topicIndex.get(topic)
  if (topicIndex === undefined) return undefined
  return state.topics[topicIndex].partitions[partition]
}
