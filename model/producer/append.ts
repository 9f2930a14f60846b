/**
 * Appending one producer's record to a partition at its high watermark, with
 * the broker's bookkeeping: the producer metadata of an idempotent record,
 * the last append per (producer id, partition), and the open transaction of
 * a transactional record (opened on its first send, the partition added with
 * its first offset there).
 *
 * @module
 */
import type { DeadLetterHeader } from "../../spec/failure.ts"
import type { DataEntry, LogRecord } from "../../spec/record.ts"
import type { StoredEntry } from "../log.ts"
import { appendEntry, highWatermark, indexesOf, indexOpen } from "../log.ts"
import type { RoundRobin } from "../partitioner.ts"
import { logStartsAfterAppend } from "../retention/sizeRetention.ts"
import type { ModelState } from "../state.ts"
import { withTopic } from "../state.ts"
import { openedAt, withTransaction } from "../transaction/coordinator.ts"
import { withLastAppend } from "./idempotence.ts"

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
  /** The dead-letter header of a record a group's application publishes to its dead-letter topic (a plain producer's record only). */
  readonly deadLetter?: DeadLetterHeader | undefined
}

/** The entry `ObserverDump` shows for an idempotent or transactional record (built without spreads: this is the hot path of exactly-once runs). */
const dataEntryOf = (offset: number, produced: ProducedRecord, nowMs: number): DataEntry => {
  const { producer, key, value, producerId, epoch, sequence } = produced
  if (produced.transactionalId === undefined) {
    return key === undefined
      ? { _tag: "Data", offset, producer, value, timestampMs: nowMs, producerId, epoch, sequence }
      : { _tag: "Data", offset, producer, key, value, timestampMs: nowMs, producerId, epoch, sequence }
  }
  return key === undefined
    ? { _tag: "Data", offset, producer, value, timestampMs: nowMs, producerId, epoch, sequence, transactional: true }
    : { _tag: "Data", offset, producer, key, value, timestampMs: nowMs, producerId, epoch, sequence, transactional: true }
}

/**
 * The state with `produced` appended at its partition's high watermark
 * (`timestampMs = nowMs`, with its dead-letter header when it has one), the topic's round-robin counters set to
 * `counters`, and the broker's bookkeeping done (size retention included:
 * every append of a record goes through here); and the offset it got.
 */
export const appendProduced = (
  state: ModelState,
  produced: ProducedRecord,
  counters: RoundRobin
): { readonly state: ModelState; readonly offset: number } => {
  const { topicIndex, partition, key, producerId } = produced
  const topicConfig = state.world.config.topics[topicIndex]
  const topicName = topicConfig.name
  const topic = state.topics[topicIndex]
  const log = topic.partitions[partition]
  const offset = highWatermark(log)
  const nowMs = state.nowMs
  const deadLetter = produced.deadLetter
  const record: LogRecord =
    deadLetter === undefined
      ? key === undefined
        ? { topic: topicName, partition, offset, producer: produced.producer, value: produced.value, timestampMs: nowMs }
        : { topic: topicName, partition, offset, producer: produced.producer, key, value: produced.value, timestampMs: nowMs }
      : key === undefined
        ? { topic: topicName, partition, offset, producer: produced.producer, value: produced.value, timestampMs: nowMs, deadLetter }
        : { topic: topicName, partition, offset, producer: produced.producer, key, value: produced.value, timestampMs: nowMs, deadLetter }
  const partitions = topic.partitions.slice()
  const logStarts = logStartsAfterAppend(topicConfig, topic.logStarts, partition, offset + 1)
  if (producerId < 0) {
    partitions[partition] = appendEntry(log, record)
    return { state: withTopic(state, topicIndex, { partitions, counters, indexes: topic.indexes, logStarts }), offset }
  }
  const transactionalId = produced.transactionalId
  const entry = dataEntryOf(offset, produced, nowMs)
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
  topics[topicIndex] = { partitions, counters, indexes, logStarts }
  return { state: { ...state, topics, coordinator }, offset }
}
