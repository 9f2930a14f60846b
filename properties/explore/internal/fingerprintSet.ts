/**
 * A set of 53-bit fingerprints in one typed array (open addressing, linear
 * probing): the explorer's seen states, each a single 8-byte slot (one
 * memory access per lookup, where a `Set` of heap numbers costs several).
 *
 * @internal
 * @module
 */

/** The fraction of slots filled before the set doubles. */
const loadMax = 0.5

/** The value of an empty slot (fingerprints are non-negative). */
const empty = -1

/** Fingerprints: integers in `0..2^53 - 1`. */
export class FingerprintSet {
  private keys: Float64Array
  private mask: number
  /** How many fingerprints the set holds. */
  size = 0

  constructor(capacityLog2 = 16) {
    this.keys = new Float64Array(1 << capacityLog2).fill(empty)
    this.mask = (1 << capacityLog2) - 1
  }

  /** Adds `key`: true when it was not in the set before. */
  add(key: number): boolean {
    const { keys, mask } = this
    let slot = key & mask
    for (;; slot = (slot + 1) & mask) {
      const found = keys[slot]
      if (found === key) return false
      if (found === empty) break
    }
    keys[slot] = key
    this.size += 1
    if (this.size > loadMax * (mask + 1)) this.grow()
    return true
  }

  private grow(): void {
    const old = this.keys
    const capacity = 2 * old.length
    const mask = capacity - 1
    const keys = new Float64Array(capacity).fill(empty)
    for (let i = 0; i < old.length; i++) {
      const key = old[i]
      if (key === empty) continue
      let slot = key & mask
      while (keys[slot] !== empty) slot = (slot + 1) & mask
      keys[slot] = key
    }
    this.keys = keys
    this.mask = mask
  }
}
