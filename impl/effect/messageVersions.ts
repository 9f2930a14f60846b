/**
 * The version a producer that numbers each key's messages stamps on a
 * message, for `conditional-update` effects (spec/config.ts, `EffectRemedy`):
 * 1 + the number of distinct values among the records with its key at lower
 * offsets of its partition than the first record holding its value with that
 * key (a retried send repeats a value, so it carries its original's version).
 * Every data record counts, as the partition's log holds it (a transactional
 * record whether its transaction committed or not).
 *
 * @module
 */
import { Effect } from "effect"
import { partitionKey } from "../internal/topicPartition.ts"
import { LogStore, type LogStoreShape } from "../logStore.ts"

/** One partition's index: how far its log was read, and per key each distinct value's version. */
interface PartitionVersions {
  scanned: number
  readonly byKey: Map<string, Map<string, number>>
}

/** The version of the message with this key and value in the partition (see the module's comment). */
export type MessageVersions = (topic: string, partition: number, key: string, value: string) => number

/**
 * The version lookup of one broker session. Logs only grow, so each
 * partition's log is read once, incrementally, as versions are asked for.
 */
export const messageVersionsOf = (logs: LogStoreShape): MessageVersions => {
  const partitions = new Map<string, PartitionVersions>()
  return (topic, partition, key, value) => {
    const place = partitionKey(topic, partition)
    let index = partitions.get(place)
    if (index === undefined) {
      index = { scanned: 0, byKey: new Map() }
      partitions.set(place, index)
    }
    const log = logs.snapshot().log(topic, partition)
    for (; index.scanned < log.length; index.scanned++) {
      const stored = log.entries[index.scanned]
      if (stored._tag !== "Data" || stored.record.key === undefined) continue
      let versions = index.byKey.get(stored.record.key)
      if (versions === undefined) {
        versions = new Map()
        index.byKey.set(stored.record.key, versions)
      }
      if (!versions.has(stored.record.value)) versions.set(stored.record.value, versions.size + 1)
    }
    // The record being processed is in the log, so its value has a version; a value never sent with this key
    // would come after all of them.
    const versions = index.byKey.get(key)
    return versions?.get(value) ?? (versions?.size ?? 0) + 1
  }
}

/** {@link messageVersionsOf} the broker's logs, as an Effect. */
export const makeMessageVersions: Effect.Effect<MessageVersions, never, LogStore> = Effect.gen(function*() {
  return messageVersionsOf(yield* LogStore)
})
