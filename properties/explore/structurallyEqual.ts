/**
 * Structural equality as the explorer's fingerprints see it (see
 * `fingerprint.ts` for what counts): two values are equal when their
 * structural hashes are, collisions aside.
 *
 * @module
 */
import { isSeq } from "./internal/hashing.ts"

/** Whether two sequences (arrays or persistent sequences' windows) have structurally equal elements. */
const sameElements = (
  a: ReadonlyArray<unknown>,
  aStart: number,
  b: ReadonlyArray<unknown>,
  bStart: number,
  length: number
): boolean => {
  for (let i = 0; i < length; i++) {
    const aItem = a[aStart + i]
    const bItem = b[bStart + i]
    if (aItem !== bItem && !structurallyEqual(aItem, bItem)) return false
  }
  return true
}

/**
 * A stack of keys {@link sameFields} compares through (reused: no array per
 * comparison), filled up to {@link keysTop}: its slots above are left as
 * they are, since shortening an array costs more than the comparison.
 */
const keyStack: Array<string> = []
let keysTop = 0

/**
 * Whether two plain objects have the same keys with values that are not
 * `undefined`, in the same order, with structurally equal values.
 */
const sameFields = (a: Record<string, unknown>, b: Record<string, unknown>): boolean => {
  const base = keysTop
  for (const key in a) if (a[key] !== undefined) keyStack[keysTop++] = key
  const top = keysTop
  let at = base
  let same = true
  for (const key in b) {
    const item = b[key]
    if (item === undefined) continue
    if (at === top || keyStack[at] !== key) {
      same = false
      break
    }
    at += 1
    const aItem = a[key]
    if (aItem !== item && !structurallyEqual(aItem, item)) {
      same = false
      break
    }
  }
  keysTop = base
  return same && at === top
}

/**
 * Whether two values are equal as the structural hash sees them (see the
 * module comment): they have the same hash, collisions aside. Cheaper than
 * hashing both when they share parts (a part met in both is not walked).
 */
export const structurallyEqual = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    if (typeof a === "number" && typeof b === "number") return a !== a && b !== b
    return typeof a === typeof b && typeof a !== "string" && typeof a !== "object" && String(a) === String(b)
  }
  const aSeq = !Array.isArray(a) && !(a instanceof Map) && !(a instanceof Set) && isSeq(a)
  const bSeq = !Array.isArray(b) && !(b instanceof Map) && !(b instanceof Set) && isSeq(b)
  if (Array.isArray(a) || aSeq) {
    if (!Array.isArray(b) && !bSeq) return false
    const aItems = aSeq ? a.items : a as ReadonlyArray<unknown>
    const aStart = aSeq ? a.start : 0
    const aLength = aSeq ? a.end - a.start : aItems.length
    const bItems = bSeq ? b.items : b as ReadonlyArray<unknown>
    const bStart = bSeq ? b.start : 0
    const bLength = bSeq ? b.end - b.start : bItems.length
    return aLength === bLength && sameElements(aItems, aStart, bItems, bStart, aLength)
  }
  if (Array.isArray(b) || bSeq) return false
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map) || !(b instanceof Map) || a.size !== b.size) return false
    const bEntries = b.entries()
    for (const [key, item] of a) {
      const [bKey, bItem] = bEntries.next().value as [unknown, unknown]
      if (!structurallyEqual(key, bKey) || !structurallyEqual(item, bItem)) return false
    }
    return true
  }
  if (a instanceof Set || b instanceof Set) {
    if (!(a instanceof Set) || !(b instanceof Set) || a.size !== b.size) return false
    const bItems = b.values()
    for (const item of a) if (!structurallyEqual(item, bItems.next().value)) return false
    return true
  }
  return sameFields(a as Record<string, unknown>, b as Record<string, unknown>)
}
