/**
 * A persistent sequence over a shared backing array: the structure behind
 * partition logs, sinks and client buffers.
 *
 * A `Seq` is a window `[start, end)` of a backing array that several states
 * may share. Appending to the window that ends where the backing array ends
 * pushes onto the shared array (every older window still sees only its own
 * prefix); appending to a shorter window copies first. Removing the first
 * element only moves `start`, so consuming a buffer in order never copies.
 * Nothing a caller can observe through an older `Seq` ever changes.
 *
 * @internal
 * @module
 */

/** A window `[start, end)` of a backing array that other windows may share. */
export interface Seq<A> {
  readonly items: Array<A>
  readonly start: number
  readonly end: number
}

/** A new empty sequence with its own backing array. */
export const empty = <A>(): Seq<A> => ({ items: [], start: 0, end: 0 })

/** The number of elements. */
export const size = <A>(seq: Seq<A>): number => seq.end - seq.start

/** The element at `index` (0-based within the sequence); `index` must be in range. */
export const at = <A>(seq: Seq<A>, index: number): A => seq.items[seq.start + index]

/** A fresh array of the elements. */
export const toArray = <A>(seq: Seq<A>): Array<A> => seq.items.slice(seq.start, seq.end)

/** The sequence with `value` appended at the end. */
export const append = <A>(seq: Seq<A>, value: A): Seq<A> => {
  if (seq.items.length === seq.end) {
    seq.items.push(value)
    return { items: seq.items, start: seq.start, end: seq.end + 1 }
  }
  const items = seq.items.slice(seq.start, seq.end)
  items.push(value)
  return { items, start: 0, end: items.length }
}

/** The sequence with `values` appended at the end, in order. */
export const appendAll = <A>(seq: Seq<A>, values: ReadonlyArray<A>): Seq<A> => {
  if (values.length === 0) return seq
  const items = seq.items.length === seq.end ? seq.items : seq.items.slice(seq.start, seq.end)
  const start = items === seq.items ? seq.start : 0
  for (let i = 0; i < values.length; i++) items.push(values[i])
  return { items, start, end: items.length }
}

/** The index of the first element satisfying `predicate`, or -1. */
export const findIndex = <A>(seq: Seq<A>, predicate: (value: A) => boolean): number => {
  for (let i = seq.start; i < seq.end; i++) {
    if (predicate(seq.items[i])) return i - seq.start
  }
  return -1
}

/** The sequence without the element at `index` (removing the first one never copies). */
export const removeAt = <A>(seq: Seq<A>, index: number): Seq<A> => {
  if (index === 0) return { items: seq.items, start: seq.start + 1, end: seq.end }
  const items = seq.items.slice(seq.start, seq.end)
  items.splice(index, 1)
  return { items, start: 0, end: items.length }
}
