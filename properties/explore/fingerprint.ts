/**
 * Fingerprints of explored states: a 53-bit hash of the model state and the
 * application's view, computed bottom-up over their structure.
 *
 * What counts: every value reachable from the model state (but its `world`,
 * derived from the config and the same in every state) and from the view
 * (but the tables every view of a run shares, `partitionIndex` and
 * `memberOfProducer`). A persistent sequence (`model/internal/seq.ts`)
 * counts as the elements of its window (its backing array may be shared and
 * longer); a `Map` as its entries and a `Set` as its elements, in insertion
 * order (the code may iterate them, so two orders are two states); an
 * object as its keys and values in its own key order, `undefined`
 * properties left out (as JSON does). Nothing is treated as symmetric:
 * member, producer and key names are kept, so two states equal up to a
 * renaming of members count twice (the generator is not symmetric in them
 * either: small fields pick `m0` first).
 *
 * @module
 */
import type { ModelState } from "../../model/index.ts"
import type { Driver } from "../driver/driver.ts"

const two32 = 4294967296

/** The 53-bit hash of two 32-bit lanes (cyrb53's finish). */
const finish = (lane1: number, lane2: number): number => {
  let h1 = Math.imul(lane1 ^ (lane1 >>> 16), 2246822507)
  h1 ^= Math.imul(lane2 ^ (lane2 >>> 13), 3266489909)
  let h2 = Math.imul(lane2 ^ (lane2 >>> 16), 2246822507)
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return two32 * (2097151 & h2) + (h1 >>> 0)
}

/**
 * A 53-bit hash of a text (cyrb53: two 32-bit multiply-xorshift lanes), the
 * kind `tag` mixed in first.
 */
export const hash53 = (text: string, tag = 0): number => {
  let h1 = 0xdeadbeef ^ tag
  let h2 = 0x41c6ce57 ^ tag
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ unit, 2654435761)
    h2 = Math.imul(h2 ^ unit, 1597334677)
  }
  return finish(h1, h2)
}

/** Kinds, mixed into each hash so that `[]`, `{}`, `"1"` and `1` differ. */
const tagString = 1
const tagNumber = 2
const tagArray = 3
const tagObject = 4
const tagMap = 5
const tagSet = 6
const tagOther = 7

/** The hashes of strings met so far (names, values, keys: a few per command explored); cleared past {@link stringHashesMax}. */
const stringHashes = new Map<string, number>()

/** The most strings {@link stringHashes} keeps. */
const stringHashesMax = 1 << 16

const stringHashOf = (text: string): number => {
  let hash = stringHashes.get(text)
  if (hash === undefined) {
    hash = hash53(text, tagString)
    if (stringHashes.size >= stringHashesMax) stringHashes.clear()
    stringHashes.set(text, hash)
  }
  return hash
}

/** The hashes of object keys (a few dozen distinct names). */
const keyHashes = new Map<string, number>()

const keyHashOf = (key: string): number => {
  let hash = keyHashes.get(key)
  if (hash === undefined) {
    hash = hash53(key, tagString)
    keyHashes.set(key, hash)
  }
  return hash
}

/**
 * The hash of each object met so far. States are persistent: a step copies
 * the path to what it changed and shares the rest with the state before, so
 * a shared part is hashed once, and a state's hash costs about as much as
 * what its step changed. No object of a state is mutated once built (a
 * sequence's window is fixed even when its backing array grows).
 */
const objectHashes = new WeakMap<object, number>()

/** Folds one 53-bit hash into a pair of lanes. */
interface Lanes {
  h1: number
  h2: number
}

const feed = (lanes: Lanes, hash: number): void => {
  const low = hash >>> 0
  const high = (hash / two32) | 0
  lanes.h1 = Math.imul(lanes.h1 ^ low, 2654435761)
  lanes.h2 = Math.imul(lanes.h2 ^ low, 1597334677)
  lanes.h1 = Math.imul(lanes.h1 ^ high, 2246822507)
  lanes.h2 = Math.imul(lanes.h2 ^ high, 3266489909)
}

/** Whether an object is a persistent sequence: exactly `items` (an array), `start` and `end`. */
const isSeq = (value: object): value is { readonly items: ReadonlyArray<unknown>; readonly start: number; readonly end: number } =>
  "items" in value && "end" in value && "start" in value && Array.isArray((value as { items: unknown }).items) &&
  Object.keys(value).length === 3

/** The structural hash of a value (see the module comment for what counts). */
export const hashOf = (value: unknown): number => {
  switch (typeof value) {
    case "string":
      return stringHashOf(value)
    case "number":
      return Number.isInteger(value) && value >= 0 && value < 2 ** 53
        ? finish(Math.imul(0x9e3779b1 ^ tagNumber ^ (value >>> 0), 2654435761), Math.imul(0x85ebca6b ^ ((value / two32) | 0), 1597334677))
        : hash53(String(value), tagNumber)
    case "object":
      break
    default:
      return hash53(String(value), tagOther)
  }
  if (value === null) return hash53("null", tagOther)
  const cached = objectHashes.get(value)
  if (cached !== undefined) return cached
  const hash = hashObject(value)
  objectHashes.set(value, hash)
  return hash
}

/** {@link hashOf} of an object, not cached yet. */
const hashObject = (value: object): number => {
  const lanes: Lanes = { h1: 0xdeadbeef, h2: 0x41c6ce57 }
  if (Array.isArray(value)) {
    feed(lanes, tagArray)
    feed(lanes, value.length)
    for (let i = 0; i < value.length; i++) feed(lanes, hashOf(value[i]))
  } else if (value instanceof Map) {
    feed(lanes, tagMap)
    feed(lanes, value.size)
    for (const [key, item] of value) {
      feed(lanes, hashOf(key))
      feed(lanes, hashOf(item))
    }
  } else if (value instanceof Set) {
    feed(lanes, tagSet)
    feed(lanes, value.size)
    for (const item of value) feed(lanes, hashOf(item))
  } else if (isSeq(value)) {
    feed(lanes, tagArray)
    feed(lanes, value.end - value.start)
    for (let i = value.start; i < value.end; i++) feed(lanes, hashOf(value.items[i]))
  } else {
    feed(lanes, tagObject)
    for (const key in value) {
      const item = (value as Record<string, unknown>)[key]
      if (item === undefined) continue
      feed(lanes, keyHashOf(key))
      feed(lanes, hashOf(item))
    }
  }
  return finish(lanes.h1, lanes.h2)
}

/**
 * The fingerprint of an explored state (see the module comment). Two
 * different states share one with a probability of about `n² / 2^54` over
 * `n` states (about 1 in 18,000 at a million states), as TLC's 64-bit
 * fingerprints accept a tiny chance of merging two states.
 */
export const fingerprintOf = (state: ModelState, driver: Driver): number => {
  const lanes: Lanes = { h1: 0x9e3779b1, h2: 0x7f4a7c15 }
  for (const key in state) {
    if (key === "world") continue
    const item = (state as unknown as Record<string, unknown>)[key]
    if (item === undefined) continue
    feed(lanes, keyHashOf(key))
    feed(lanes, hashOf(item))
  }
  feed(lanes, tagOther)
  for (const key in driver) {
    if (key === "partitionIndex" || key === "memberOfProducer") continue
    const item = (driver as unknown as Record<string, unknown>)[key]
    if (item === undefined) continue
    feed(lanes, keyHashOf(key))
    feed(lanes, hashOf(item))
  }
  return finish(lanes.h1, lanes.h2)
}
