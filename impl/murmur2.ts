/**
 * Kafka's default partitioner for keyed records: murmur2 over the key's UTF-8
 * bytes, made non-negative, modulo the partition count.
 *
 * @module
 */

const seed = 0x9747b28c
const m = 0x5bd1e995
const r = 24
const encoder = new TextEncoder()

/**
 * The 32-bit murmur2 hash of some bytes, exactly as Kafka's `Utils.murmur2`
 * computes it (a signed 32-bit integer).
 *
 * @example
 * ```ts
 * murmur2(new TextEncoder().encode("foobar")) // -790332482
 * ```
 */
export const murmur2 = (data: Uint8Array): number => {
  const length = data.length
  let h = seed ^ length
  const length4 = length >>> 2
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4
    let k = data[i4] | (data[i4 + 1] << 8) | (data[i4 + 2] << 16) | (data[i4 + 3] << 24)
    k = Math.imul(k, m)
    k ^= k >>> r
    k = Math.imul(k, m)
    h = Math.imul(h, m)
    h ^= k
  }
  const rest = length & 3
  const base = length - rest
  if (rest === 3) h ^= data[base + 2] << 16
  if (rest >= 2) h ^= data[base + 1] << 8
  if (rest >= 1) {
    h ^= data[base]
    h = Math.imul(h, m)
  }
  h ^= h >>> 13
  h = Math.imul(h, m)
  h ^= h >>> 15
  return h | 0
}

/** The most keys whose hash {@link murmur2String} remembers; past it, it forgets them all and starts again. */
export const murmur2KeysRemembered = 4096

/** The hashes of the keys seen lately: a run sends the same few keys again and again. */
const hashes = new Map<string, number>()

/** The murmur2 hash of a string's UTF-8 bytes (remembered per key: encoding the key costs more than the hash). */
export const murmur2String = (key: string): number => {
  let hash = hashes.get(key)
  if (hash === undefined) {
    hash = murmur2(encoder.encode(key))
    if (hashes.size >= murmur2KeysRemembered) hashes.clear()
    hashes.set(key, hash)
  }
  return hash
}

/**
 * The partition of a keyed record: `(murmur2(utf8(key)) & 0x7fffffff) % partitions`.
 *
 * @example
 * ```ts
 * partitionForKey("foobar", 3) // (-790332482 & 0x7fffffff) % 3
 * ```
 */
export const partitionForKey = (key: string, partitions: number): number =>
  (murmur2String(key) & 0x7fffffff) % partitions
