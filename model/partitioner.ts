/**
 * The producer's partitioner: Kafka's default choice of a partition for a
 * record. A keyed record goes to `(murmur2(utf8(key)) & 0x7fffffff) %
 * partitions`, so one key always lands on one partition; an unkeyed record
 * goes to the next partition of its producer's round-robin counter for the
 * topic (starting at 0): Kafka's behaviour before 2.4; since then its client
 * sticks to one partition per batch (KIP-480, KIP-794), which qsem, with no
 * batches, does not model.
 *
 * @module
 */

/**
 * The UTF-8 bytes of a string, as the WHATWG encoder (`TextEncoder`, Node's
 * `Buffer.from(s, "utf8")`) produces them: a lone surrogate becomes U+FFFD.
 *
 * @example
 * ```ts
 * utf8Bytes("é") // Uint8Array [0xc3, 0xa9]
 * ```
 */
export const utf8Bytes = (text: string): Uint8Array => {
  let length = 0
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit < 0x80) length += 1
    else if (unit < 0x800) length += 2
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      length += 4
      i++
    } else length += 3
  }
  const bytes = new Uint8Array(length)
  let at = 0
  for (let i = 0; i < text.length; i++) {
    let point = text.charCodeAt(i)
    if (point < 0x80) {
      bytes[at++] = point
      continue
    }
    if (point < 0x800) {
      bytes[at++] = 0xc0 | (point >> 6)
      bytes[at++] = 0x80 | (point & 0x3f)
      continue
    }
    if (point >= 0xd800 && point <= 0xdfff) {
      if (point <= 0xdbff && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
        point = 0x10000 + ((point - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00)
        i++
        bytes[at++] = 0xf0 | (point >> 18)
        bytes[at++] = 0x80 | ((point >> 12) & 0x3f)
        bytes[at++] = 0x80 | ((point >> 6) & 0x3f)
        bytes[at++] = 0x80 | (point & 0x3f)
        continue
      }
      point = 0xfffd
    }
    bytes[at++] = 0xe0 | (point >> 12)
    bytes[at++] = 0x80 | ((point >> 6) & 0x3f)
    bytes[at++] = 0x80 | (point & 0x3f)
  }
  return bytes
}

const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff

/**
 * Kafka's `Utils.murmur2`: the 32-bit MurmurHash2 with seed `0x9747b28c`,
 * `m = 0x5bd1e995` and `r = 24`, as a signed 32-bit integer (Java's `int`).
 *
 * @example
 * ```ts
 * murmur2(utf8Bytes("foobar")) // -790332482
 * ```
 */
export const murmur2 = (data: ArrayLike<number>): number => murmur2Over(data.length, (index) => data[index] & 0xff)

/** Kafka's MurmurHash2 over `length` bytes, the byte at each index given by `byteAt` (0..255). */
const murmur2Over = (length: number, byteAt: (index: number) => number): number => {
  const m = 0x5bd1e995
  let h = (0x9747b28c ^ length) | 0
  const length4 = length >> 2
  for (let i = 0; i < length4; i++) {
    const i4 = i << 2
    let k = byteAt(i4) | (byteAt(i4 + 1) << 8) | (byteAt(i4 + 2) << 16) | (byteAt(i4 + 3) << 24)
    k = Math.imul(k, m)
    k ^= k >>> 24
    k = Math.imul(k, m)
    h = Math.imul(h, m)
    h ^= k
  }
  const tail = length & ~3
  const rest = length & 3
  if (rest > 0) {
    if (rest === 3) h ^= byteAt(tail + 2) << 16
    if (rest >= 2) h ^= byteAt(tail + 1) << 8
    h ^= byteAt(tail)
    h = Math.imul(h, m)
  }
  h ^= h >>> 13
  h = Math.imul(h, m)
  h ^= h >>> 15
  return h | 0
}

/**
 * The partition of a keyed record: `(murmur2(utf8(key)) & 0x7fffffff) %
 * partitions`, Kafka's default partitioner.
 *
 * @example
 * ```ts
 * partitionForKey("foobar", 50) // 16
 * ```
 */
export const partitionForKey = (key: string, partitions: number): number => (keyHash(key) & 0x7fffffff) % partitions

/** The most keys whose hash the partitioner remembers; past it, it forgets them all and starts again. */
const keysRemembered = 4096

/** The hashes of the keys seen lately (a pure function's results: a run sends the same few keys again and again). */
const hashes = new Map<string, number>()

/** murmur2 of the key's UTF-8 bytes, remembered per key. */
const keyHash = (key: string): number => {
  let hash = hashes.get(key)
  if (hash === undefined) {
    hash = isAscii(key) ? murmur2Ascii(key) : murmur2(utf8Bytes(key))
    if (hashes.size >= keysRemembered) hashes.clear()
    hashes.set(key, hash)
  }
  return hash
}

const isAscii = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) >= 0x80) return false
  }
  return true
}

/** {@link murmur2} of an ASCII string's bytes, read in place (its UTF-8 bytes are its code units). */
const murmur2Ascii = (text: string): number => murmur2Over(text.length, (index) => text.charCodeAt(index))

/**
 * The round-robin counters of one topic: for each producer that sent an
 * unkeyed record to it, how many it sent (the next counter value), in the
 * order the producers first did so. A producer not listed is at 0.
 */
export type RoundRobin = ReadonlyArray<RoundRobinEntry>

/** One producer's round-robin counter for one topic. */
export interface RoundRobinEntry {
  readonly producer: string
  readonly next: number
}

/** The counters of a topic no producer has sent an unkeyed record to. */
export const roundRobinEmpty: RoundRobin = []

/** A producer's counter for the topic (0 when it never sent unkeyed to it). */
export const roundRobinNext = (counters: RoundRobin, producer: string): number => {
  for (let i = 0; i < counters.length; i++) {
    const entry = counters[i]
    if (entry.producer === producer) return entry.next
  }
  return 0
}

/** The choice of a partition for one record, and the topic's counters after it. */
export interface PartitionChoice {
  readonly partition: number
  readonly counters: RoundRobin
}

/**
 * Chooses the partition of one record sent by `producer` to a topic with
 * `partitions` partitions: by key when it has one (the counters stay as they
 * are), else by the producer's round-robin counter, which then moves on by one.
 */
export const choosePartition = (
  counters: RoundRobin,
  producer: string,
  key: string | undefined,
  partitions: number
): PartitionChoice => {
  if (key !== undefined) return { partition: partitionForKey(key, partitions), counters }
  for (let i = 0; i < counters.length; i++) {
    const entry = counters[i]
    if (entry.producer === producer) {
      const next = counters.slice()
      next[i] = { producer, next: entry.next + 1 }
      return { partition: entry.next % partitions, counters: next }
    }
  }
  return { partition: 0, counters: [...counters, { producer, next: 1 }] }
}
