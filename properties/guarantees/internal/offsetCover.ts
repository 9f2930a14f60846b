/**
 * A set of offset ranges of one partition, queried after all ranges are
 * added: linear in the ranges plus the offsets queried, through a difference
 * array bounded by the partition's highest offset of interest.
 *
 * @module
 */

/** Half-open offset ranges `[from, to)`; see the module comment. */
export class OffsetCover {
  private readonly ranges: Array<readonly [number, number]> = []
  private covered: Uint8Array | undefined = undefined

  /** Adds `[from, to)` (ignored when empty). Call before the first `has`. */
  add(from: number, to: number): void {
    if (to > from) this.ranges.push([from, to])
  }

  /**
   * Whether `offset` lies in an added range. The first call fixes the bound:
   * `offsetMax` must be at least every offset queried afterwards.
   */
  has(offset: number, offsetMax: number): boolean {
    if (this.covered === undefined) {
      const size = offsetMax + 2
      const diff = new Int32Array(size)
      for (const [from, to] of this.ranges) {
        if (from > offsetMax) continue
        diff[from] += 1
        diff[Math.min(to, offsetMax + 1)] -= 1
      }
      this.covered = new Uint8Array(size)
      let depth = 0
      for (let i = 0; i < size; i++) {
        depth += diff[i]
        this.covered[i] = depth > 0 ? 1 : 0
      }
    }
    return offset < this.covered.length && this.covered[offset] === 1
  }
}
