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
 * first halves, then quarters, and so on down to single items, keeping any
 * smaller list for which `holds` is still true (and coarsening again after a
 * success). Ends when no single item can be dropped, or when `holds`
 * answers `undefined` (out of budget). Deterministic: the order of attempts
 * depends only on the answers.
 *
 * @example
 * ```ts
 * // the smallest sublist that still contains 3 and 7
 * await ddmin([1, 2, 3, 4, 5, 6, 7, 8], async (xs) => xs.includes(3) && xs.includes(7)) // { items: [3, 7], oneMinimal: true }
 * ```
 */
export const ddmin = async <A>(
  items: ReadonlyArray<A>,
  holds: (candidate: ReadonlyArray<A>) => Promise<boolean | undefined>
): Promise<DdminResult<A>> => {
  let current = items
  let granularity = 2
  while (current.length > 0) {
    if (current.length === 1) {
      const answer = await holds([])
      if (answer === undefined) return { items: current, oneMinimal: false }
      return answer ? { items: [], oneMinimal: true } : { items: current, oneMinimal: true }
    }
    const chunk = Math.ceil(current.length / granularity)
    let reduced = false
    for (let start = 0; start < current.length; start += chunk) {
      const candidate = [...current.slice(0, start), ...current.slice(start + chunk)]
      const answer = await holds(candidate)
      if (answer === undefined) return { items: current, oneMinimal: false }
      if (answer) {
        current = candidate
        granularity = Math.max(granularity - 1, 2)
        reduced = true
        break
      }
    }
    if (reduced) continue
    if (chunk === 1) return { items: current, oneMinimal: true }
    granularity = Math.min(current.length, granularity * 2)
  }
  return { items: current, oneMinimal: true }
}
