/**
 * Delta debugging (Zeller's ddmin, complements only) over a list: drop
 * chunks of halving size while a test still holds, down to single items.
 *
 * @module
 */

/** What a ddmin pass did: the smallest list it found, and whether it is 1-minimal. */
export interface DdminResult<A> {
  readonly items: ReadonlyArray<A>
  /** No single item can be dropped (false when the budget ran out first). */
  readonly oneMinimal: boolean
}

/**
 * Shrinks `items`, for which `holds` is assumed true, by dropping chunks:
 * first halves, then quarters, and so on down to single items. Each pass
 * sweeps the list once at its chunk size, keeping every smaller list for
 * which `holds` is still true and going on from where it dropped (not from
 * the start: a chunk that had to stay before a later drop is tried again
 * in the next pass); a pass that dropped something is followed by another
 * at the same granularity, a pass that dropped nothing by finer chunks.
 * Ends when a pass of single items drops nothing (1-minimal), or when
 * `holds` answers `undefined` (out of budget). `holds` may answer a list
 * instead of `true`: it held, with only that sublist of the candidate (in
 * order) kept, as when dropping an item takes the items that depend on it
 * along. Deterministic: the order of attempts depends only on the answers.
 *
 * @example
 * ```ts
 * // the smallest sublist that still contains 3 and 7
 * await ddmin([1, 2, 3, 4, 5, 6, 7, 8], async (xs) => xs.includes(3) && xs.includes(7)) // { items: [3, 7], oneMinimal: true }
 * ```
 */
export const ddmin = async <A>(
  items: ReadonlyArray<A>,
  holds: (candidate: ReadonlyArray<A>) => Promise<boolean | ReadonlyArray<A> | undefined>
): Promise<DdminResult<A>> => {
  let current = items
  let granularity = 2
  while (current.length > 0) {
    if (current.length === 1) {
      const answer = await holds([])
      if (answer === undefined) return { items: current, oneMinimal: false }
      return answer === false ? { items: current, oneMinimal: true } : { items: [], oneMinimal: true }
    }
    const chunk = Math.ceil(current.length / granularity)
    let reduced = false
    for (let start = 0; start < current.length && chunk < current.length;) {
      const candidate = [...current.slice(0, start), ...current.slice(start + chunk)]
      const answer = await holds(candidate)
      if (answer === undefined) return { items: current, oneMinimal: false }
      if (answer !== false) {
        current = answer === true ? candidate : answer
        reduced = true
      } else {
        start += chunk
      }
    }
    if (reduced) continue
    if (chunk === 1) return { items: current, oneMinimal: true }
    granularity = Math.min(current.length, granularity * 2)
  }
  return { items: current, oneMinimal: true }
}
