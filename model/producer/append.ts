/**
 * Appending one producer's record to a partition at its high watermark, with
 * the broker's bookkeeping: the producer metadata of an idempotent record,
 * the last append per (producer id, partition), and the open transaction of
 * a transactional record (opened on its first send, the partition added with
 * its first offset there).
 *
 * @module
 */
import type { DataEntry, LogRecord } from "../../spec/record.ts"
import type { StoredEntry } from "../log.ts"
import { appendEntry, highWatermark, indexesOf, indexOpen } from "../log.ts"
import type { RoundRobin } from "../partitioner.ts"
import type { ModelState } from "../state.ts"
import { openedAt, withLastAppend, withTransaction } from "../transaction/coordinator.ts"

/** One record a producer sends: where it goes, what it holds and the producer metadata it carries. */
export interface ProducedRecord {
  readonly producer: string
  readonly topicIndex: number
  readonly partition: number
  readonly key: string | undefined
  readonly value: string
  /** -1 for a plain producer (then `epoch` and `sequence` are ignored). */
  readonly producerId: number
  readonly epoch: number
  readonly sequence: number
  /** The transactional id when the record is sent inside a transaction. */
  readonly transactionalId: string | undefined
}

/**
 * The state with `produced` appended at its partition's high watermark
 * (`timestampMs = nowMs`), the topic's round-robin counters set to
 * `counters`, and the broker's bookkeeping done; and the offset it got.
 */
export const appendProduced = (
  state: ModelState,
  produced: ProducedRecord,
  counters: RoundRobin
): { readonly state: ModelState; readonly offset: number } => {
  const { topicIndex, partition, key, producerId } = produced
  const topicName = state.world.config.topics[topicIndex].name
  const topic = state.topics[topicIndex]
  const log = topic.partitions[partition]
  const offset = highWatermark(log)
  const nowMs = state.nowMs
  const record: LogRecord =
    key === undefined
      ? { topic: topicName, partition, offset, producer: produced.producer, value: produced.value, timestampMs: nowMs }
      : { topic: topicName, partition, offset, producer: produced.producer, key, value: produced.value, timestampMs: nowMs }
  const partitions = topic.partitions.slice()
  if (producerId < 0) {
    partitions[partition] = appendEntry(log, record)
    const topics = state.topics.slice()
    topics[topicIndex] = { partitions, counters, indexes: topic.indexes }
    return { state: { ...state, topics }, offset }
  }
  const transactionalId = produced.transactionalId
  const entry: DataEntry = {
    _tag: "Data",
    offset,
    producer: produced.producer,
    ...(key === undefined ? {} : { key }),
    value: produced.value,
    timestampMs: nowMs,
    producerId,
    epoch: produced.epoch,
    sequence: produced.sequence,
    ...(transactionalId === undefined ? {} : { transactional: true as const })
  }
  const stored: StoredEntry = { _tag: "Data", record, entry, producerId, transactional: transactionalId !== undefined }
  partitions[partition] = appendEntry(log, stored)
  let indexes = indexesOf(topic)
  let coordinator = withLastAppend(state.coordinator, producerId, topicIndex, partition, {
    epoch: produced.epoch,
    sequence: produced.sequence,
    offset
  })
  if (transactionalId !== undefined) {
    const transaction = coordinator.transactions.get(transactionalId)!
    const open = openedAt(transaction.open, nowMs)
    const touched = open.partitions.some((tp) => tp.topicIndex === topicIndex && tp.partition === partition)
    const nextOpen = touched
      ? open
      : { startMs: open.startMs, partitions: [...open.partitions, { topicIndex, partition, firstOffset: offset }], offsets: open.offsets }
    if (!touched) {
      const nextIndexes = indexes.slice()
      nextIndexes[partition] = indexOpen(indexes[partition], producerId, offset)
      indexes = nextIndexes
    }
    if (nextOpen !== transaction.open) {
      coordinator = withTransaction(coordinator, transactionalId, { producerId: transaction.producerId, epoch: transaction.epoch, open: nextOpen })
    }
  }
  const topics = state.topics.slice()
  topics[topicIndex] = { partitions, counters, indexes }
  return { state: { ...state, topics, coordinator }, offset }
}
