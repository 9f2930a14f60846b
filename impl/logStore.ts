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

type Logs = ReadonlyMap<string, ReadonlyArray<AppendLog.AppendLog<LogRecord>>>

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

const snapshotOf = (logs: Logs): LogSnapshot => ({
  highWatermark: (topic, partition) => logs.get(topic)?.[partition]?.length ?? 0,
  read: (topic, partition, from, countMax) => {
    const log = logs.get(topic)?.[partition]
    return log === undefined ? [] : AppendLog.slice(log, from, countMax)
  }
})

/** Builds the logs of the configured topics, all empty. */
export const makeLogStore: Effect.Effect<LogStoreShape, never, BrokerConfig> = Effect.gen(function*() {
  const { config } = yield* BrokerConfig
  const initial = new Map<string, ReadonlyArray<AppendLog.AppendLog<LogRecord>>>()
  for (const topic of config.topics) {
    initial.set(topic.name, Array.from({ length: topic.partitions }, () => AppendLog.empty<LogRecord>()))
  }
  const logs = yield* Ref.make<Logs>(initial)

  return {
    append: (topic, partition, entry) =>
      Effect.flatMap(Ref.get(logs), (current) => {
        const partitions = current.get(topic)
        const log = partitions?.[partition]
        if (partitions === undefined || log === undefined) {
          return Effect.die(new Error(`LogStore.append: no partition ${topic}/${partition}`))
        }
        const record = toRecord(topic, partition, log.length, entry)
        const next = partitions.slice()
        next[partition] = AppendLog.append(log, record)
        return Effect.as(Ref.set(logs, new Map(current).set(topic, next)), record)
      }),
    snapshot: Effect.map(Ref.get(logs), snapshotOf)
  }
})

/** The broker's logs: one append-only log per configured topic-partition. */
export class LogStore extends Context.Service<LogStore, LogStoreShape>()("qsem/impl/LogStore") {
  /** Empty logs for the configured topics. */
  static readonly layer: Layer.Layer<LogStore, never, BrokerConfig> = Layer.effect(LogStore, makeLogStore)
}
