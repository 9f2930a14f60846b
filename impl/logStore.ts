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

/** The logs of every configured topic-partition (offsets `0..highWatermark-1`). */
export interface LogStoreShape {
  /** Appends the entry at the partition's high watermark; answers the stored record. */
  readonly append: (topic: string, partition: number, entry: LogEntry) => Effect.Effect<LogRecord>
  /** The partition's high watermark: the offset the next record gets (0 for an unknown partition). */
  readonly highWatermark: (topic: string, partition: number) => Effect.Effect<number>
  /** Up to `countMax` records from offset `from` on, in offset order. */
  readonly read: (
    topic: string,
    partition: number,
    from: number,
    countMax: number
  ) => Effect.Effect<ReadonlyArray<LogRecord>>
}

/** Builds the logs of the configured topics, all empty. */
export const makeLogStore: Effect.Effect<LogStoreShape, never, BrokerConfig> = Effect.gen(function*() {
  const { config } = yield* BrokerConfig
  const logs = new Map<string, ReadonlyArray<Ref.Ref<AppendLog.AppendLog<LogRecord>>>>()
  for (const topic of config.topics) {
    if (logs.has(topic.name)) continue
    const partitions: Array<Ref.Ref<AppendLog.AppendLog<LogRecord>>> = []
    for (let p = 0; p < topic.partitions; p++) partitions.push(yield* Ref.make(AppendLog.empty<LogRecord>()))
    logs.set(topic.name, partitions)
  }
  const logOf = (topic: string, partition: number) => logs.get(topic)?.[partition]

  return {
    append: (topic, partition, entry) => {
      const log = logOf(topic, partition)
      if (log === undefined) return Effect.die(new Error(`LogStore.append: no partition ${topic}/${partition}`))
      return Ref.modify(log, (snapshot) => {
        const record: LogRecord = entry.key === undefined
          ? { topic, partition, offset: snapshot.length, producer: entry.producer, value: entry.value, timestampMs: entry.timestampMs }
          : {
            topic,
            partition,
            offset: snapshot.length,
            producer: entry.producer,
            key: entry.key,
            value: entry.value,
            timestampMs: entry.timestampMs
          }
        return [record, AppendLog.append(snapshot, record)]
      })
    },
    highWatermark: (topic, partition) => {
      const log = logOf(topic, partition)
      return log === undefined ? Effect.succeed(0) : Effect.map(Ref.get(log), (snapshot) => snapshot.length)
    },
    read: (topic, partition, from, countMax) => {
      const log = logOf(topic, partition)
      return log === undefined
        ? Effect.succeed([])
        : Effect.map(Ref.get(log), (snapshot) => AppendLog.slice(snapshot, from, countMax))
    }
  }
})

/** The broker's logs: one append-only log per configured topic-partition. */
export class LogStore extends Context.Service<LogStore, LogStoreShape>()("qsem/impl/LogStore") {
  /** Empty logs for the configured topics. */
  static readonly layer: Layer.Layer<LogStore, never, BrokerConfig> = Layer.effect(LogStore, makeLogStore)
}
