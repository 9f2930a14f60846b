/**
 * A lookup by key over persistent sequences (`model/internal/seq.ts`): the
 * last element of a sequence with a given key, in O(log n), without copying
 * a map per state.
 *
 * The index is built lazily per backing array and extended as the array
 * grows. A backing array is append-only (a `Seq` only ever pushes onto the
 * array it ends at, and copies before appending to a shorter window), so the
 * positions it records never go stale, and every window over the array
 * (older states, newer states) reads its own elements through the same
 * index. It is a cache of a pure function of immutable data: nothing a
 * caller can observe depends on when it was built.
 *
 * @internal
 * @module
 */
import type { Seq } from "./seq.ts"

/** Lookups by key over the sequences of one kind of element. */
export interface SeqKeyIndex<A> {
  /** The last element of `seq` whose key is `key`, or `undefined`. */
  readonly lastOf: (seq: Seq<A>, key: string) => A | undefined
  /** For every key of `seq`, its last element, in the order of those elements' positions. */
  readonly lastOfEach: (seq: Seq<A>) => Array<A>
}

/** Per backing array: how far it was scanned, and every key's positions there, ascending. */
interface Positions {
  scanned: number
  readonly byKey: Map<string, Array<number>>
}

/** An index over the sequences whose elements have the key `keyOf(element)`. */
export const seqKeyIndex = <A>(keyOf: (element: A) => string): SeqKeyIndex<A> => {
  const caches = new WeakMap<Array<A>, Positions>()
  const positionsOf = (seq: Seq<A>): Positions => {
    let positions = caches.get(seq.items)
    if (positions === undefined) {
      positions = { scanned: 0, byKey: new Map() }
      caches.set(seq.items, positions)
    }
    while (positions.scanned < seq.end) {
      const position = positions.scanned
      const key = keyOf(seq.items[position])
      const list = positions.byKey.get(key)
      if (list === undefined) positions.byKey.set(key, [position])
      else list.push(position)
      positions.scanned = position + 1
    }
    return positions
  }
  const lastOf = (seq: Seq<A>, key: string): A | undefined => {
    if (seq.end === seq.start) return undefined
    const list = positionsOf(seq).byKey.get(key)
    if (list === undefined) return undefined
    // the last position below seq.end
    let low = 0
    let high = list.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (list[mid] < seq.end) low = mid + 1
      else high = mid
    }
    const position = low === 0 ? -1 : list[low - 1]
    return position >= seq.start ? seq.items[position] : undefined
  }
  const lastOfEach = (seq: Seq<A>): Array<A> => {
    const last = new Map<string, number>()
    for (let position = seq.start; position < seq.end; position++) last.set(keyOf(seq.items[position]), position)
    return [...last.values()].sort((a, b) => a - b).map((position) => seq.items[position])
  }
  return { lastOf, lastOfEach }
}
