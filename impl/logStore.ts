/**
 * The broker's partitioned, append-only logs: data records and transaction
 * markers (control records), with what a fetch needs to honour isolation:
 * each partition's last stable offset and its aborted transactions (Kafka's
 * producer state and abort index, KIP-98), and retention: each partition's
 * log start offset, moved up by the topic's `retentionRecordsMax` after
 * every append and by its `retentionMs` at every `ClockAdvance`.
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import type { DeadLetterHeader } from "../spec/failure.ts"
import type { DataEntry, LogEntry as LogEntrySpec, LogRecord, MarkerEntry } from "../spec/record.ts"
import type { LogStart } from "../spec/response.ts"
import { BrokerConfig, type BrokerConfigShape } from "./brokerConfig.ts"
import * as AppendLog from "./internal/appendLog.ts"
import { logStartAfterAppend } from "./retention/sizeRetention.ts"
import { expiredAtRetention, type ExpiryRule } from "./retention/timeRetention.ts"

/** The idempotence fields of a record: the producer id, epoch and sequence it was sent with. */
export interface ProducerStamp {
  readonly producerId: number
  readonly epoch: number
  readonly sequence: number
}

/** What a producer hands to a log: a record before it has a place. */
export interface LogEntry {
  readonly producer: string
  readonly key: string | undefined
  readonly value: string
  readonly timestampMs: number
  /** The producer id, epoch and sequence of an idempotent producer's record. */
  readonly stamp?: ProducerStamp | undefined
  /** Whether the record was sent inside a transaction (then `stamp` is set). */
  readonly transactional?: boolean | undefined
  /** The dead-letter header of a record a group's application published to its dead-letter topic. */
  readonly deadLetter?: DeadLetterHeader | undefined
}

/** A transaction marker before it has a place. */
export interface MarkerRequest {
  readonly transactionalId: string
  readonly producerId: number
  readonly epoch: number
  readonly control: "commit" | "abort"
  readonly timestampMs: number
}

/** One stored offset: a data record (as delivered, plus its stamp) or a marker. */
export type Stored =
  | {
    readonly _tag: "Data"
    readonly record: LogRecord
    readonly stamp: ProducerStamp | undefined
    readonly transactional: boolean
  }
  | { readonly _tag: "Marker"; readonly marker: MarkerEntry }

/** A transaction that aborted in one partition: its producer id and its offsets `[from, to)` there. */
interface AbortedRange {
  readonly producerId: number
  readonly from: number
  readonly to: number
}

/**
 * One partition: its entries, the first offset of each open transaction by
 * producer id, its aborted ranges, and its log start offset (retention hides
 * the entries below it; they stay in `log`, so an offset is its index).
 */
interface Partition {
  readonly log: AppendLog.AppendLog<Stored>
  readonly open: ReadonlyMap<number, number>
  readonly aborted: AppendLog.AppendLog<AbortedRange>
  readonly logStart: number
}

/** A consistent, immutable view of every log at one moment. */
export interface LogSnapshot {
  /** The partition's high watermark: the offset the next entry gets (0 for an unknown partition). */
  readonly highWatermark: (topic: string, partition: number) => number
  /**
   * The partition's last stable offset: the first offset of the earliest
   * transaction still open in it, else the high watermark.
   */
  readonly lastStableOffset: (topic: string, partition: number) => number
  /** The partition's log start offset: retention deleted every entry below it (0 for an unknown partition). */
  readonly logStartOffset: (topic: string, partition: number) => number
  /**
   * The partition's stored entries (offsets `0..length-1` of `entries`, the
   * ones below the log start included: readers start at the log start;
   * empty for an unknown partition).
   */
  readonly log: (topic: string, partition: number) => AppendLog.AppendLog<Stored>
  /** The stored entry at `offset` (undefined at or past the high watermark). */
  readonly at: (topic: string, partition: number, offset: number) => Stored | undefined
  /** Whether the data record at `offset` is transactional and its transaction aborted. */
  readonly isAborted: (topic: string, partition: number, offset: number) => boolean
  /** Up to `countMax` entries from offset `from` (or the log start, if later) on, as the spec shows them (what `ObserverDump` answers). */
  readonly dump: (topic: string, partition: number, from: number, countMax: number) => ReadonlyArray<LogEntrySpec>
}

/** The logs of every configured topic-partition (offsets `0..highWatermark-1`). */
export interface LogStoreShape {
  /** Appends the record at the partition's high watermark; answers the stored record. */
  readonly append: (topic: string, partition: number, entry: LogEntry) => LogRecord
  /**
   * Ends the transaction of `marker.producerId` in the partition: appends the
   * marker at the high watermark and answers its offset. An abort marks the
   * transaction's records aborted.
   */
  readonly appendMarker: (topic: string, partition: number, marker: MarkerRequest) => number
  /** The logs as they are now (later appends do not show in it). */
  readonly snapshot: () => LogSnapshot
  /**
   * Time-based retention at `nowMs`: in each topic with `retentionMs`, in
   * configuration order, each partition in order, deletes the expired entries
   * at its head; answers each moved log start, in that order.
   */
  readonly expire: (nowMs: number) => ReadonlyArray<LogStart>
}

const toRecord = (topic: string, partition: number, offset: number, entry: LogEntry): LogRecord => {
  const record: LogRecord = entry.key === undefined
    ? { topic, partition, offset, producer: entry.producer, value: entry.value, timestampMs: entry.timestampMs }
    : {
      topic,
      partition,
      offset,
      producer: entry.producer,
      key: entry.key,
      value: entry.value,
      timestampMs: entry.timestampMs
    }
  return entry.deadLetter === undefined ? record : { ...record, deadLetter: entry.deadLetter }
}

/** The spec's view of a stored entry, fields in the spec's order. */
export const toLogEntry = (stored: Stored): LogEntrySpec => stored._tag === "Marker" ? stored.marker : dataEntryOf(stored)

const dataEntryOf = (stored: Extract<Stored, { _tag: "Data" }>): DataEntry => {
  const { record, stamp } = stored
  return {
    _tag: "Data",
    offset: record.offset,
    producer: record.producer,
    ...(record.key === undefined ? {} : { key: record.key }),
    value: record.value,
    timestampMs: record.timestampMs,
    ...(stamp === undefined ? {} : { producerId: stamp.producerId, epoch: stamp.epoch, sequence: stamp.sequence }),
    ...(stored.transactional ? { transactional: true as const } : {}),
    ...(record.deadLetter === undefined ? {} : { deadLetter: record.deadLetter })
  }
}

/**
 * Where each topic's partitions sit in the flat array of partitions
 * (partition `p` of a topic is at `base + p`), fixed by the config when the
 * store is built.
 */
type Layout = ReadonlyMap<string, { readonly base: number; readonly partitions: number }>

/** A topic with time-based retention: its name, where its partitions sit and its `retentionMs`. */
interface TimedTopic {
  readonly name: string
  readonly base: number
  readonly partitions: number
  readonly retentionMs: number
}

/** The index of a topic-partition in the flat array, or -1 when it is not configured. */
const indexOf = (layout: Layout, topic: string, partition: number): number => {
  const place = layout.get(topic)
  if (place === undefined || !Number.isInteger(partition) || partition < 0 || partition >= place.partitions) return -1
  return place.base + partition
}

const lastStableOf = (state: Partition): number => {
  let lastStable = state.log.length
  for (const first of state.open.values()) if (first < lastStable) lastStable = first
  return lastStable
}

const logEmpty: AppendLog.AppendLog<Stored> = AppendLog.empty()

/** The partition's index; a partition that is not configured is a defect (the broker checks topics and partitions first). */
const placeIn = (layout: Layout, topic: string, partition: number, what: string): number => {
  const index = indexOf(layout, topic, partition)
  if (index < 0) throw new Error(`LogStore.${what}: no partition ${topic}/${partition}`)
  return index
}

/** A snapshot: the partitions at one moment (a class, so taking one allocates a single object). */
class Snapshot implements LogSnapshot {
  constructor(private readonly layout: Layout, private readonly partitions: ReadonlyArray<Partition>) {}

  private stateOf(topic: string, partition: number): Partition | undefined {
    const index = indexOf(this.layout, topic, partition)
    return index < 0 ? undefined : this.partitions[index]
  }

  highWatermark(topic: string, partition: number): number {
    return this.stateOf(topic, partition)?.log.length ?? 0
  }

  logStartOffset(topic: string, partition: number): number {
    return this.stateOf(topic, partition)?.logStart ?? 0
  }

  log(topic: string, partition: number): AppendLog.AppendLog<Stored> {
    return this.stateOf(topic, partition)?.log ?? logEmpty
  }

  lastStableOffset(topic: string, partition: number): number {
    const state = this.stateOf(topic, partition)
    return state === undefined ? 0 : lastStableOf(state)
  }

  at(topic: string, partition: number, offset: number): Stored | undefined {
    const state = this.stateOf(topic, partition)
    return state === undefined || offset < 0 || offset >= state.log.length ? undefined : state.log.entries[offset]
  }

  isAborted(topic: string, partition: number, offset: number): boolean {
    const state = this.stateOf(topic, partition)
    const stored = this.at(topic, partition, offset)
    if (state === undefined || stored === undefined || stored._tag !== "Data" || !stored.transactional) return false
    const producerId = stored.stamp?.producerId
    const ranges = state.aborted
    for (let i = 0; i < ranges.length; i++) {
      const range = ranges.entries[i]
      if (range.producerId === producerId && range.from <= offset && offset < range.to) return true
    }
    return false
  }

  dump(topic: string, partition: number, from: number, countMax: number): ReadonlyArray<LogEntrySpec> {
    const state = this.stateOf(topic, partition)
    return state === undefined ? [] : AppendLog.slice(state.log, Math.max(from, state.logStart), countMax).map(toLogEntry)
  }
}

/**
 * How a log store writes a marker. The correct policy stores it at the high
 * watermark ({@link markerStored}); a mutant's takes no offset.
 */
export type MarkerPolicy = "stored" | "takes-no-offset"

/** Markers take an offset, as in Kafka. */
export const markerStored: MarkerPolicy = "stored"

/** The timestamp of a stored entry: its record's, or its marker's. */
const timestampOf = (stored: Stored): number => stored._tag === "Data" ? stored.record.timestampMs : stored.marker.timestampMs

/**
 * Builds the logs of the configured topics, all empty, writing markers as
 * `markerPolicy` says and expiring entries by `expiry` (the spec's rule
 * unless given). The state is one flat array of persistent partitions,
 * so an append copies one pointer per configured partition and no map, and a
 * snapshot is a single read.
 */
export const logStoreOf = (
  { config }: BrokerConfigShape,
  markerPolicy: MarkerPolicy = markerStored,
  expiry: ExpiryRule = expiredAtRetention
): LogStoreShape => {
  const layout = new Map<string, { readonly base: number; readonly partitions: number }>()
  const timed: Array<TimedTopic> = []
  let count = 0
  for (const topic of config.topics) {
    layout.set(topic.name, { base: count, partitions: topic.partitions })
    if (topic.retentionMs !== undefined) {
      timed.push({ name: topic.name, base: count, partitions: topic.partitions, retentionMs: topic.retentionMs })
    }
    count += topic.partitions
  }
  const recordsMaxAt: ReadonlyArray<number | undefined> = config.topics.flatMap((topic) =>
    Array.from({ length: topic.partitions }, () => topic.retentionRecordsMax)
  )
  const noneOpen: ReadonlyMap<number, number> = new Map()
  let partitions: ReadonlyArray<Partition> = Array.from(
    { length: count },
    () => ({ log: AppendLog.empty<Stored>(), open: noneOpen, aborted: AppendLog.empty(), logStart: 0 })
  )

  return {
    append(topic, partition, entry) {
      const index = placeIn(layout, topic, partition, "append")
      const current = partitions
      const state = current[index]
      const offset = state.log.length
      const record = toRecord(topic, partition, offset, entry)
      const { stamp } = entry
      const transactional = entry.transactional === true && stamp !== undefined
      const stored: Stored = { _tag: "Data", record, stamp, transactional }
      let open = state.open
      if (transactional && !open.has(stamp.producerId)) open = new Map(open).set(stamp.producerId, offset)
      const log = AppendLog.append(state.log, stored)
      const next = current.slice()
      next[index] = { log, open, aborted: state.aborted, logStart: logStartAfterAppend(state.logStart, log.length, recordsMaxAt[index]) }
      partitions = next
      return record
    },

    appendMarker(topic, partition, request) {
      const index = placeIn(layout, topic, partition, "appendMarker")
      const current = partitions
      const state = current[index]
      const offset = state.log.length
      const first = state.open.get(request.producerId)
      let open = state.open
      if (first !== undefined) {
        const rest = new Map(open)
        rest.delete(request.producerId)
        open = rest
      }
      const aborted = request.control === "abort" && first !== undefined
        ? AppendLog.append(state.aborted, { producerId: request.producerId, from: first, to: offset })
        : state.aborted
      const marker: MarkerEntry = {
        _tag: "Marker",
        offset,
        transactionalId: request.transactionalId,
        producerId: request.producerId,
        epoch: request.epoch,
        control: request.control,
        timestampMs: request.timestampMs
      }
      const log = markerPolicy === "stored" ? AppendLog.append(state.log, { _tag: "Marker", marker }) : state.log
      const next = current.slice()
      next[index] = { log, open, aborted, logStart: logStartAfterAppend(state.logStart, log.length, recordsMaxAt[index]) }
      partitions = next
      return offset
    },

    snapshot() {
      return new Snapshot(layout, partitions)
    },

    expire(nowMs) {
      if (timed.length === 0) return []
      const current = partitions
      const moved: Array<LogStart> = []
      let next: Array<Partition> | undefined
      for (const { base, name, partitions: partitionCount, retentionMs } of timed) {
        for (let partition = 0; partition < partitionCount; partition++) {
          const index = base + partition
          const state = current[index]
          let logStart = state.logStart
          while (logStart < state.log.length && expiry(timestampOf(state.log.entries[logStart]), retentionMs, nowMs)) {
            logStart++
          }
          if (logStart === state.logStart) continue
          next ??= current.slice()
          next[index] = { ...state, logStart }
          moved.push({ topic: name, partition, logStartOffset: logStart })
        }
      }
      if (next !== undefined) partitions = next
      return moved
    }
  }
}

/** {@link logStoreOf} the broker's config, as an Effect. */
export const makeLogStoreWith = (
  markerPolicy: MarkerPolicy,
  expiry: ExpiryRule = expiredAtRetention
): Effect.Effect<LogStoreShape, never, BrokerConfig> =>
  Effect.gen(function*() {
    return logStoreOf(yield* BrokerConfig, markerPolicy, expiry)
  })

/** Logs whose markers take an offset, as in Kafka. */
export const makeLogStore: Effect.Effect<LogStoreShape, never, BrokerConfig> = makeLogStoreWith(markerStored)

/** The broker's logs: one append-only log per configured topic-partition. */
export class LogStore extends Context.Service<LogStore, LogStoreShape>()("qsem/impl/LogStore") {
  /** Empty logs for the configured topics. */
  static readonly layer: Layer.Layer<LogStore, never, BrokerConfig> = Layer.effect(LogStore, makeLogStore)
}
