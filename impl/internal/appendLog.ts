/**
 * A persistent append-only log: an immutable snapshot (the first `length`
 * entries of an array that only ever grows), so appending is O(1) and a
 * snapshot held in a `Ref` never changes under a reader.
 *
 * @module
 */

/** A snapshot of an append-only log: the first `length` entries of `entries`. */
export interface AppendLog<A> {
  readonly entries: Array<A>
  readonly length: number
}

/** The empty log. */
export const empty = <A>(): AppendLog<A> => ({ entries: [], length: 0 })

/**
 * The log with `entry` appended. The backing array is shared when this
 * snapshot is its newest one, and copied otherwise, so older snapshots keep
 * their contents.
 */
export const append = <A>(log: AppendLog<A>, entry: A): AppendLog<A> => {
  if (log.entries.length === log.length) {
    log.entries.push(entry)
    return { entries: log.entries, length: log.length + 1 }
  }
  const entries = log.entries.slice(0, log.length)
  entries.push(entry)
  return { entries, length: log.length + 1 }
}

/** Up to `countMax` entries from index `from` on (none when `from` is past the end). */
export const slice = <A>(log: AppendLog<A>, from: number, countMax: number): ReadonlyArray<A> =>
  countMax <= 0 || from >= log.length ? [] : log.entries.slice(from, Math.min(log.length, from + countMax))
