/**
 * Map keys and display forms for partitions, records and members.
 *
 * Keys join their parts with a NUL character, which no name of a readable
 * config contains, so two different parts never share a key.
 *
 * @module
 */

/**
 * Keys are made once and then looked up (checkers ask for the same few
 * partitions and offsets again and again, run after run): per topic, by
 * partition, the partition's key and its records' keys by offset. A key
 * looked up is the same string each time, so a `Map` finds it without
 * hashing it again. Partitions and offsets from this bound on are not kept.
 */
const keptBelow = 1 << 12

/**
 * The most keys kept in all (a few hundred serve a check of the default
 * config): past it, keys are made each time, and no table grows.
 */
const keptMax = 1 << 16

/** Keys kept so far. */
let keptCount = 0

/** The keys kept of one topic's partitions. */
interface TopicKeys {
  readonly partitions: Array<string | undefined>
  readonly records: Array<Array<string | undefined> | undefined>
}

/** Keys kept, per topic (a run's topics are the config's and the dead-letter topics: a few). */
const keysByTopic = new Map<string, TopicKeys>()

/** Whether a partition or offset is one whose keys are kept. */
const isKept = (value: number): boolean => value >= 0 && value < keptBelow && Number.isInteger(value)

/** The keys kept of a topic, a table made for it while there is room; `undefined` when there is none. */
const topicKeysOf = (topic: string): TopicKeys | undefined => {
  const keys = keysByTopic.get(topic)
  if (keys !== undefined || keptCount >= keptMax) return keys
  const made: TopicKeys = { partitions: [], records: [] }
  keysByTopic.set(topic, made)
  return made
}

/** The map key of one partition of one topic. */
export const partitionKey = (topic: string, partition: number): string => {
  const partitions = isKept(partition) ? topicKeysOf(topic)?.partitions : undefined
  const kept = partitions?.[partition]
  if (kept !== undefined) return kept
  const key = `${topic}\u0000${partition}`
  if (partitions !== undefined && keptCount < keptMax) {
    partitions[partition] = key
    keptCount += 1
  }
  return key
}

/** The map key of one record position (topic, partition, offset). */
export const recordKey = (topic: string, partition: number, offset: number): string => {
  const records = isKept(partition) && isKept(offset) ? topicKeysOf(topic)?.records : undefined
  let offsets = records?.[partition]
  const kept = offsets?.[offset]
  if (kept !== undefined) return kept
  const key = `${topic}\u0000${partition}\u0000${offset}`
  if (records !== undefined && keptCount < keptMax) {
    offsets ??= records[partition] = []
    offsets[offset] = key
    keptCount += 1
  }
  return key
}

/** The map key of one member of one group. */
export const memberKey = (group: string, member: string): string => `${group}\u0000${member}`

/** A partition as messages show it: `orders/1`. */
export const showPartition = (topic: string, partition: number): string => `${topic}/${partition}`

/** A record position as messages show it: `orders/1@3`. */
export const showRecord = (topic: string, partition: number, offset: number): string =>
  `${topic}/${partition}@${offset}`

/** An ordinal for messages: 1st, 2nd, 3rd, 4th, ... */
export const ordinal = (n: number): string => {
  const tens = n % 100
  if (tens >= 11 && tens <= 13) return `${n}th`
  switch (n % 10) {
    case 1:
      return `${n}st`
    case 2:
      return `${n}nd`
    case 3:
      return `${n}rd`
    default:
      return `${n}th`
  }
}
