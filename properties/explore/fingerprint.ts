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
 * A state's fingerprint mixes the hash of its model state with the hash of
 * its view ({@link fingerprintOf}), so that the explorer hashes a view once
 * (there are far fewer views than states) and each model state with a
 * {@link StructuralHasher} that remembers the hashes of the state it was
 * stepped from (states are persistent: a step shares what it did not change).
 *
 * @module
 */
import type { ModelState } from "../../model/index.ts"
import type { Driver } from "../driver/driver.ts"

const two32 = 4294967296

/** `1 / two32`, exactly (a power of two): multiplying by it is dividing by {@link two32}. */
const two32Inverse = 1 / two32

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

/** How many strings {@link stringHashOf} keeps the hash of: a direct-mapped cache (a slot per string, by its length and three of its characters). */
const stringSlots = 1024

/** The strings whose hash {@link stringHashes} keeps, by slot (names, values and keys: a few dozen in a run). */
const stringTexts: Array<string | undefined> = new Array<string | undefined>(stringSlots).fill(undefined)

/** The hash of each string of {@link stringTexts}. */
const stringHashes = new Float64Array(stringSlots)

const stringHashOf = (text: string): number => {
  const length = text.length
  const slot = length === 0
    ? 0
    : (Math.imul(length, 0x9e3779b1) ^ Math.imul(text.charCodeAt(0), 31) ^ Math.imul(text.charCodeAt(length - 1), 0x3f1) ^
      Math.imul(text.charCodeAt(length >> 1), 0x10001)) & (stringSlots - 1)
  if (stringTexts[slot] === text) return stringHashes[slot]
  const hash = hash53(text, tagString)
  stringTexts[slot] = text
  stringHashes[slot] = hash
  return hash
}

const numberHashOf = (value: number): number =>
  Number.isInteger(value) && value >= 0 && value < 2 ** 53
    ? finish(Math.imul(0x9e3779b1 ^ tagNumber ^ (value >>> 0), 2654435761), Math.imul(0x85ebca6b ^ ((value * two32Inverse) | 0), 1597334677))
    : hash53(String(value), tagNumber)

/** Lane 1 after one 53-bit hash is folded in. */
const fold1 = (lane: number, hash: number): number =>
  Math.imul(Math.imul(lane ^ (hash >>> 0), 2654435761) ^ ((hash * two32Inverse) | 0), 2246822507)

/** Lane 2 after one 53-bit hash is folded in. */
const fold2 = (lane: number, hash: number): number =>
  Math.imul(Math.imul(lane ^ (hash >>> 0), 1597334677) ^ ((hash * two32Inverse) | 0), 3266489909)

/** Whether an object is a persistent sequence: exactly `items` (an array), `start` and `end`. */
const isSeq = (value: object): value is { readonly items: ReadonlyArray<unknown>; readonly start: number; readonly end: number } =>
  "items" in value && "end" in value && "start" in value && Array.isArray((value as { items: unknown }).items) && ownKeysCount(value) === 3

/** The number of an object's own enumerable string keys (`Object.keys(value).length` without the array). */
const ownKeysCount = (value: object): number => {
  let count = 0
  for (const key in value) if (Object.hasOwn(value, key)) count += 1
  return count
}

/** Whether two sequences (arrays or persistent sequences' windows) have structurally equal elements. */
const sameElements = (
  a: ReadonlyArray<unknown>,
  aStart: number,
  b: ReadonlyArray<unknown>,
  bStart: number,
  length: number
): boolean => {
  for (let i = 0; i < length; i++) if (!structurallyEqual(a[aStart + i], b[bStart + i])) return false
  return true
}

/** A stack of keys {@link sameKeys} compares through (reused: no array per comparison). */
const keyStack: Array<string> = []

/** Whether two plain objects have the same keys with values that are not `undefined`, in the same order. */
const sameKeys = (a: object, b: object): boolean => {
  const base = keyStack.length
  for (const key in a) if ((a as Record<string, unknown>)[key] !== undefined) keyStack.push(key)
  let at = base
  let same = true
  for (const key in b) {
    if ((b as Record<string, unknown>)[key] === undefined) continue
    if (at === keyStack.length || keyStack[at] !== key) {
      same = false
      break
    }
    at += 1
  }
  same = same && at === keyStack.length
  keyStack.length = base
  return same
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
  if (!sameKeys(a, b)) return false
  for (const key in a) {
    const item = (a as Record<string, unknown>)[key]
    if (item !== undefined && !structurallyEqual(item, (b as Record<string, unknown>)[key])) return false
  }
  return true
}

/**
 * How many objects a {@link StructuralHasher} remembers before
 * {@link StructuralHasher.rememberModel} forgets them all: the states of a
 * frontier expanded one after the other are mostly siblings, which share
 * most of their objects, so the last few states' objects are worth keeping.
 */
const knownMax = 1 << 13

/**
 * Structural hashes (see the module comment for what counts) with a memory
 * of objects: {@link StructuralHasher.remember} hashes a value and keeps the
 * hash of every object in it; {@link StructuralHasher.hash} then hashes a
 * value reusing those (an object met again is not walked again) without
 * keeping any more. The explorer remembers the state it expands and hashes
 * each successor against it: a successor shares every part its step did not
 * change, so hashing it costs about what the step changed. No object of a
 * state is mutated once built (a sequence's window is fixed even when its
 * backing array grows), so a remembered hash stays right.
 */
export class StructuralHasher {
  private readonly known = new Map<object, number>()
  private recording = false
  /** The fields of the model state remembered last, by position: keys, values, their hashes. */
  private readonly modelKeys: Array<string> = []
  private readonly modelValues: Array<unknown> = []
  private readonly modelKeyHashes: Array<number> = []
  private readonly modelItemHashes: Array<number> = []

  /** Forgets every object remembered. */
  forget(): void {
    this.known.clear()
    this.modelKeys.length = 0
    this.modelValues.length = 0
  }

  /** The hash of `value`, every object in it remembered (until {@link StructuralHasher.forget}). */
  remember(value: unknown): number {
    this.recording = true
    try {
      return this.hash(value)
    } finally {
      this.recording = false
    }
  }

  /**
   * The hash of a model state, `world` left out, remembered as
   * {@link StructuralHasher.remember} does (after forgetting every object when
   * more than {@link knownMax} are remembered); its fields are also remembered by
   * position, so that {@link StructuralHasher.hashModel} of a state stepped
   * from it reuses the hash of each field the step left as it was without
   * looking it up.
   */
  rememberModel(state: ModelState): number {
    if (this.known.size > knownMax) this.known.clear()
    this.recording = true
    try {
      const keys = this.modelKeys
      const values = this.modelValues
      const keyHashes = this.modelKeyHashes
      const itemHashes = this.modelItemHashes
      keys.length = 0
      values.length = 0
      keyHashes.length = 0
      itemHashes.length = 0
      let h1 = fold1(0xdeadbeef, tagObject)
      let h2 = fold2(0x41c6ce57, tagObject)
      for (const key in state) {
        if (key === "world") continue
        const item = (state as unknown as Record<string, unknown>)[key]
        if (item === undefined) continue
        const keyHash = stringHashOf(key)
        const itemHash = this.hash(item)
        keys.push(key)
        values.push(item)
        keyHashes.push(keyHash)
        itemHashes.push(itemHash)
        h1 = fold1(fold1(h1, keyHash), itemHash)
        h2 = fold2(fold2(h2, keyHash), itemHash)
      }
      const hash = finish(h1, h2)
      this.known.set(state, hash)
      return hash
    } finally {
      this.recording = false
    }
  }

  /** The hash of a model state, `world` left out (see the module comment). */
  hashModel(state: ModelState): number {
    const known = this.known.get(state)
    if (known !== undefined) return known
    const keys = this.modelKeys
    const values = this.modelValues
    let h1 = fold1(0xdeadbeef, tagObject)
    let h2 = fold2(0x41c6ce57, tagObject)
    let position = 0
    for (const key in state) {
      if (key === "world") continue
      const item = (state as unknown as Record<string, unknown>)[key]
      if (item === undefined) continue
      let keyHash: number
      let itemHash: number
      if (keys[position] === key) {
        keyHash = this.modelKeyHashes[position]
        itemHash = values[position] === item ? this.modelItemHashes[position] : this.hash(item)
      } else {
        keyHash = stringHashOf(key)
        itemHash = this.hash(item)
      }
      position += 1
      h1 = fold1(fold1(h1, keyHash), itemHash)
      h2 = fold2(fold2(h2, keyHash), itemHash)
    }
    const hash = finish(h1, h2)
    if (this.recording) this.known.set(state, hash)
    return hash
  }

  /** The hash of a view, its shared tables left out (see the module comment). */
  hashView(driver: Driver): number {
    return this.hashFields(driver, "partitionIndex", "memberOfProducer")
  }

  /** {@link StructuralHasher.hashView}, every object in the view remembered (those remembered before not walked again). */
  rememberView(driver: Driver): number {
    this.recording = true
    try {
      return this.hashView(driver)
    } finally {
      this.recording = false
    }
  }

  /** The structural hash of a value, reusing the hashes remembered. */
  hash(value: unknown): number {
    switch (typeof value) {
      case "string":
        return stringHashOf(value)
      case "number":
        return numberHashOf(value)
      case "object":
        break
      default:
        return hash53(String(value), tagOther)
    }
    if (value === null) return hash53("null", tagOther)
    const known = this.known.get(value)
    if (known !== undefined) return known
    const hash = this.hashObject(value)
    if (this.recording) this.known.set(value, hash)
    return hash
  }

  /** The hash of an object's fields but two, as {@link StructuralHasher.hash} hashes a plain object (the object itself not looked up). */
  private hashFields(value: object, skipped1: string | undefined, skipped2: string | undefined): number {
    let h1 = fold1(0xdeadbeef, tagObject)
    let h2 = fold2(0x41c6ce57, tagObject)
    for (const key in value) {
      if (key === skipped1 || key === skipped2) continue
      const item = (value as Record<string, unknown>)[key]
      if (item === undefined) continue
      const keyHash = stringHashOf(key)
      const itemHash = this.hash(item)
      h1 = fold1(fold1(h1, keyHash), itemHash)
      h2 = fold2(fold2(h2, keyHash), itemHash)
    }
    return finish(h1, h2)
  }

  /** {@link StructuralHasher.hash} of an object not remembered. */
  private hashObject(value: object): number {
    let h1 = 0xdeadbeef
    let h2 = 0x41c6ce57
    if (Array.isArray(value)) {
      h1 = fold1(fold1(h1, tagArray), value.length)
      h2 = fold2(fold2(h2, tagArray), value.length)
      for (let i = 0; i < value.length; i++) {
        const itemHash = this.hash(value[i])
        h1 = fold1(h1, itemHash)
        h2 = fold2(h2, itemHash)
      }
    } else if (value instanceof Map) {
      h1 = fold1(fold1(h1, tagMap), value.size)
      h2 = fold2(fold2(h2, tagMap), value.size)
      if (value.size > 0) for (const [key, item] of value) {
        const keyHash = this.hash(key)
        const itemHash = this.hash(item)
        h1 = fold1(fold1(h1, keyHash), itemHash)
        h2 = fold2(fold2(h2, keyHash), itemHash)
      }
    } else if (value instanceof Set) {
      h1 = fold1(fold1(h1, tagSet), value.size)
      h2 = fold2(fold2(h2, tagSet), value.size)
      if (value.size > 0) for (const item of value) {
        const itemHash = this.hash(item)
        h1 = fold1(h1, itemHash)
        h2 = fold2(h2, itemHash)
      }
    } else if (isSeq(value)) {
      const length = value.end - value.start
      h1 = fold1(fold1(h1, tagArray), length)
      h2 = fold2(fold2(h2, tagArray), length)
      for (let i = value.start; i < value.end; i++) {
        const itemHash = this.hash(value.items[i])
        h1 = fold1(h1, itemHash)
        h2 = fold2(h2, itemHash)
      }
    } else {
      return this.hashFields(value, undefined, undefined)
    }
    return finish(h1, h2)
  }
}

const plain = new StructuralHasher()

/**
 * The structural hash of a value (see the module comment for what counts),
 * nothing remembered.
 */
export const hashOf = (value: unknown): number => plain.hash(value)

/**
 * The fingerprint of an explored state from the hash of its model state
 * ({@link StructuralHasher.hashModel}) and of its view
 * ({@link StructuralHasher.hashView}). Two different states share one with a
 * probability of about `n² / 2^54` over `n` states (about 1 in 18,000 at a
 * million states), as TLC's 64-bit fingerprints accept a tiny chance of
 * merging two states.
 */
export const fingerprintOf = (modelHash: number, viewHash: number): number =>
  finish(fold1(fold1(0x9e3779b1, modelHash), viewHash), fold2(fold2(0x7f4a7c15, modelHash), viewHash))
