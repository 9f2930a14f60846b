/**
 * The broker's partitioned, append-only logs.
 *
 * @module
 */
import { Context, Effect, Layer, Ref } from "effect"
import type { LogRecord } from "../spec/record.ts"
import { BrokerConfig } from "./brokerConfig.ts"
import * as AppendLog from "./internal/appendLog.ts"

/** What a producer hands to a log: a record before it has a place. */
export interface LogEntry {
  readonly producer: string
  readonly key: string | undefined
  readonly value: string
  readonly timestampMs: number
}

/** A consistent, immutable view of every log at one moment. */
export interface LogSnapshot {
  /** The partition's high watermark: the offset the next record gets (0 for an unknown partition). */
  readonly highWatermark: (topic: string, partition: number) => number
  /** Up to `countMax` records from offset `from` on, in offset order. */
  readonly read: (topic: string, partition: number, from: number, countMax: number) => ReadonlyArray<LogRecord>
}

/** The logs of every configured topic-partition (offsets `0..highWatermark-1`). */
export interface LogStoreShape {
  /** Appends the entry at the partition's high watermark; answers the stored record. */
  readonly append: (topic: string, partition: number, entry: LogEntry) => Effect.Effect<LogRecord>
  /** The logs as they are now (later appends do not show in it). */
  readonly snapshot: Effect.Effect<LogSnapshot>
}

const toRecord = (topic: string, partition: number, offset: number, entry: LogEntry): LogRecord =>
  entry.key === undefined
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

/**
 * Where each topic's partitions sit in the flat array of logs (partition `p`
 * of a topic is at `base + p`), fixed by the config when the store is built.
 */
type Layout = ReadonlyMap<string, { readonly base: number; readonly partitions: number }>

/** The index of a topic-partition in the flat array of logs, or -1 when it is not configured. */
const indexOf = (layout: Layout, topic: string, partition: number): number => {
  const place = layout.get(topic)
  if (place === undefined || !Number.isInteger(partition) || partition < 0 || partition >= place.partitions) return -1
  return place.base + partition
}

const snapshotOf = (layout: Layout, logs: ReadonlyArray<AppendLog.AppendLog<LogRecord>>): LogSnapshot => ({
  highWatermark: (topic, partition) => {
    const index = indexOf(layout, topic, partition)
    return index < 0 ? 0 : logs[index].length
  },
  read: (topic, partition, from, countMax) => {
    const index = indexOf(layout, topic, partition)
    return index < 0 ? [] : AppendLog.slice(logs[index], from, countMax)
  }
})

/**
 * Builds the logs of the configured topics, all empty. The state is one
 * flat array of persistent logs (one per partition), so an append copies
 * one pointer per configured partition and no map, and a snapshot is a
 * single read.
 */
export const makeLogStore: Effect.Effect<LogStoreShape, never, BrokerConfig> = Effect.gen(function*() {
  const { config } = yield* BrokerConfig
  const layout = new Map<string, { readonly base: number; readonly partitions: number }>()
  let count = 0
  for (const topic of config.topics) {
    layout.set(topic.name, { base: count, partitions: topic.partitions })
    count += topic.partitions
  }
  const logs = yield* Ref.make<ReadonlyArray<AppendLog.AppendLog<LogRecord>>>(
    Array.from({ length: count }, () => AppendLog.empty<LogRecord>())
  )

  return {
    append: (topic, partition, entry) => {
      const index = indexOf(layout, topic, partition)
      if (index < 0) return Effect.die(new Error(`LogStore.append: no partition ${topic}/${partition}`))
      return Ref.modify(logs, (current): [LogRecord, ReadonlyArray<AppendLog.AppendLog<LogRecord>>] => {
        const log = current[index]
        const record = toRecord(topic, partition, log.length, entry)
        const next = current.slice()
        next[index] = AppendLog.append(log, record)
        return [record, next]
      })
    },
    snapshot: Effect.map(Ref.get(logs), (current) => snapshotOf(layout, current))
  }
})

/** The broker's logs: one append-only log per configured topic-partition. */
export class LogStore extends Context.Service<LogStore, LogStoreShape>()("qsem/impl/LogStore") {
  /** Empty logs for the configured topics. */
  static readonly layer: Layer.Layer<LogStore, never, BrokerConfig> = Layer.effect(LogStore, makeLogStore)
}
