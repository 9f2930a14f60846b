/**
 * A persistent first-in-first-out buffer: the window `[start, end)` of an
 * array that only the newest snapshot extends (as in `appendLog.ts`), so
 * appending at the back and removing at the front are O(1) (amortized), and
 * a snapshot held in a `Ref` never changes under a reader. Removing from
 * the middle copies the window.
 *
 * @module
 */

/** A snapshot of a FIFO buffer: the entries `entries[start..end-1]`, oldest first. */
export interface Fifo<A> {
  readonly entries: Array<A>
  readonly start: number
  readonly end: number
}

/** The empty buffer. */
export const empty = <A>(): Fifo<A> => ({ entries: [], start: 0, end: 0 })

/** How many entries the buffer holds. */
export const size = <A>(fifo: Fifo<A>): number => fifo.end - fifo.start

/** The buffer's entries, oldest first (a new array). */
export const toArray = <A>(fifo: Fifo<A>): Array<A> => fifo.entries.slice(fifo.start, fifo.end)

/**
 * The buffer with `items` appended in order. The backing array is extended
 * in place when this snapshot is its newest one and little of it is dead
 * (removed from the front); otherwise the window is copied first.
 */
export const pushAll = <A>(fifo: Fifo<A>, items: ReadonlyArray<A>): Fifo<A> => {
  if (items.length === 0) return fifo
  const shared = fifo.entries.length === fifo.end && fifo.start <= fifo.end - fifo.start
  const entries = shared ? fifo.entries : toArray(fifo)
  const start = shared ? fifo.start : 0
  for (const item of items) entries.push(item)
  return { entries, start, end: entries.length }
}

/** The position (0 = oldest) of the first entry that satisfies `predicate`, or -1. */
export const indexWhere = <A>(fifo: Fifo<A>, predicate: (entry: A) => boolean): number => {
  for (let i = fifo.start; i < fifo.end; i++) if (predicate(fifo.entries[i])) return i - fifo.start
  return -1
}

/** The entry at `index` (0 = oldest); `index` must be in range. */
export const at = <A>(fifo: Fifo<A>, index: number): A => fifo.entries[fifo.start + index]

/** The buffer without the entry at `index` (0 = oldest): O(1) for the oldest, a copy otherwise. */
export const removeAt = <A>(fifo: Fifo<A>, index: number): Fifo<A> => {
  if (index === 0) return { entries: fifo.entries, start: fifo.start + 1, end: fifo.end }
  const entries = toArray(fifo)
  entries.splice(index, 1)
  return { entries, start: 0, end: entries.length }
}
