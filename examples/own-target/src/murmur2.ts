/**
 * Kafka's default partitioner hash: MurmurHash2 (32-bit, seed 0x9747b28c)
 * over the UTF-8 bytes of a key, as `ProducerSend` in qsem's spec asks.
 *
 * @module
 */

const seed = 0x9747b28c
const m = 0x5bd1e995
const r = 24
const utf8 = new TextEncoder()

/** MurmurHash2 of `bytes`, as a signed 32-bit integer (Kafka's `Utils.murmur2`). */
export const murmur2 = (bytes: Uint8Array): number => {
  const length = bytes.length
  let h = seed ^ length
  const tail = length - (length % 4)
  for (let i = 0; i < tail; i += 4) {
    let k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)
    k = Math.imul(k, m)
    k ^= k >>> r
    k = Math.imul(k, m)
    h = Math.imul(h, m)
    h ^= k
  }
  const rest = length % 4
  if (rest >= 3) h ^= bytes[tail + 2] << 16
  if (rest >= 2) h ^= bytes[tail + 1] << 8
  if (rest >= 1) {
    h ^= bytes[tail]
    h = Math.imul(h, m)
  }
  h ^= h >>> 13
  h = Math.imul(h, m)
  h ^= h >>> 15
  return h | 0
}

/** The partition of a keyed record: `(murmur2(utf8(key)) & 0x7fffffff) % partitions`. */
export const partitionOfKey = (key: string, partitions: number): number =>
  (murmur2(utf8.encode(key)) & 0x7fffffff) % partitions
