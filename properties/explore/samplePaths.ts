/**
 * A deterministic sample of explored paths: when there are more paths than
 * a target can be run on, every k-th state in breadth-first order (an even
 * stride, so each depth is sampled in proportion to its states, the initial
 * state always first). The same counts give the same sample.
 *
 * @module
 */

/**
 * The indexes of `sampleSize` states spread evenly over the first `total`
 * (`floor(i * total / sampleSize)` for each `i`), in increasing order; every
 * index when `sampleSize >= total`.
 *
 * @example
 * ```ts
 * sampledIndexes(10, 4) // [0, 2, 5, 7]
 * sampledIndexes(3, 5) // [0, 1, 2]
 * ```
 */
export const sampledIndexes = (total: number, sampleSize: number): ReadonlyArray<number> => {
  const size = Math.max(0, Math.min(total, sampleSize))
  const indexes: Array<number> = []
  for (let i = 0; i < size; i++) indexes.push(size === total ? i : Math.floor((i * total) / size))
  return indexes
}
