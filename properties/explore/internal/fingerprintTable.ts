/**
 * A hash table from 53-bit fingerprints to non-negative integers, in typed
 * arrays (open addressing, linear probing): the explorer's seen set and its
 * memo of observed views, without a heap number per key.
 *
 * @internal
 * @module
 */

const two32Inverse = 1 / 4294967296

/** The fraction of slots filled before the table doubles. */
const loadMax = 0.5

/**
 * Fingerprints (integers in `0..2^53 - 1`) mapped to integers in
 * `0..2^31 - 1`. A key is kept as its two 32-bit halves beside its value; an
 * empty slot has the value -1.
 */
export class FingerprintTable {
  private keysLow: Uint32Array
  private keysHigh: Uint32Array
  private values: Int32Array
  private mask: number
  /** How many keys the table holds. */
  size = 0

  constructor(capacityLog2 = 12) {
    const capacity = 1 << capacityLog2
    this.keysLow = new Uint32Array(capacity)
    this.keysHigh = new Uint32Array(capacity)
    this.values = new Int32Array(capacity).fill(-1)
    this.mask = capacity - 1
  }

  /** The value kept for `key`, or -1. */
  get(key: number): number {
    const low = key >>> 0
    const high = (key * two32Inverse) >>> 0
    const { keysLow, keysHigh, values, mask } = this
    for (let slot = low & mask;; slot = (slot + 1) & mask) {
      const value = values[slot]
      if (value < 0) return -1
      if (keysLow[slot] === low && keysHigh[slot] === high) return value
    }
  }

  /**
   * Keeps `value` for `key` unless the table has it already: returns the
   * value kept before, or -1 when `key` is new (and now kept with `value`).
   */
  setIfAbsent(key: number, value: number): number {
    const low = key >>> 0
    const high = (key * two32Inverse) >>> 0
    const { keysLow, keysHigh, values, mask } = this
    let slot = low & mask
    for (;; slot = (slot + 1) & mask) {
      const found = values[slot]
      if (found < 0) break
      if (keysLow[slot] === low && keysHigh[slot] === high) return found
    }
    keysLow[slot] = low
    keysHigh[slot] = high
    values[slot] = value
    this.size += 1
    if (this.size > loadMax * (mask + 1)) this.grow()
    return -1
  }

  private grow(): void {
    const { keysLow, keysHigh, values } = this
    const capacity = 2 * (this.mask + 1)
    const mask = capacity - 1
    const lows = new Uint32Array(capacity)
    const highs = new Uint32Array(capacity)
    const kept = new Int32Array(capacity).fill(-1)
    for (let old = 0; old < values.length; old++) {
      const value = values[old]
      if (value < 0) continue
      const low = keysLow[old]
      let slot = low & mask
      while (kept[slot] >= 0) slot = (slot + 1) & mask
      lows[slot] = low
      highs[slot] = keysHigh[old]
      kept[slot] = value
    }
    this.keysLow = lows
    this.keysHigh = highs
    this.values = kept
    this.mask = mask
  }
}
