/**
 * The pieces of the explorer's structural hash (see `fingerprint.ts` for what
 * it counts): 53-bit hashes of texts and numbers, two 32-bit lanes that
 * hashes are folded into, the kinds mixed in so that values of different
 * kinds differ, and the test for a persistent sequence.
 *
 * @internal
 * @module
 */

const two32 = 4294967296

/** `1 / two32`, exactly (a power of two): multiplying by it is dividing by {@link two32}. */
const two32Inverse = 1 / two32

/** The 53-bit hash of two 32-bit lanes (cyrb53's finish). */
export const finish = (lane1: number, lane2: number): number => {
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
export const tagString = 1
export const tagNumber = 2
export const tagArray = 3
export const tagObject = 4
export const tagMap = 5
export const tagSet = 6
export const tagOther = 7

/** How many strings {@link stringHashOf} keeps the hash of: a direct-mapped cache (a slot per string, by its length and three of its characters). */
const stringSlots = 1024

/** The strings whose hash {@link stringHashes} keeps, by slot (names, values and keys: a few dozen in a run). */
const stringTexts: Array<string | undefined> = new Array<string | undefined>(stringSlots).fill(undefined)

/** The hash of each string of {@link stringTexts}. */
const stringHashes = new Float64Array(stringSlots)

/** The hash of a string (kind `tagString`), from a direct-mapped cache when it was met lately. */
export const stringHashOf = (text: string): number => {
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

/** The hash of a number (kind `tagNumber`): a safe non-negative integer by its value, any other by its text. */
export const numberHashOf = (value: number): number =>
  Number.isInteger(value) && value >= 0 && value < 2 ** 53
    ? finish(Math.imul(0x9e3779b1 ^ tagNumber ^ (value >>> 0), 2654435761), Math.imul(0x85ebca6b ^ ((value * two32Inverse) | 0), 1597334677))
    : hash53(String(value), tagNumber)

/** Lane 1 after one 53-bit hash is folded in. */
export const fold1 = (lane: number, hash: number): number =>
  Math.imul(Math.imul(lane ^ (hash >>> 0), 2654435761) ^ ((hash * two32Inverse) | 0), 2246822507)

/** Lane 2 after one 53-bit hash is folded in. */
export const fold2 = (lane: number, hash: number): number =>
  Math.imul(Math.imul(lane ^ (hash >>> 0), 1597334677) ^ ((hash * two32Inverse) | 0), 3266489909)

/** Whether an object is a persistent sequence: exactly `items` (an array), `start` and `end`. */
export const isSeq = (value: object): value is { readonly items: ReadonlyArray<unknown>; readonly start: number; readonly end: number } =>
  "items" in value && "end" in value && "start" in value && Array.isArray((value as { items: unknown }).items) && ownKeysCount(value) === 3

/** The number of an object's own enumerable string keys (`Object.keys(value).length` without the array). */
const ownKeysCount = (value: object): number => {
  let count = 0
  for (const key in value) if (Object.hasOwn(value, key)) count += 1
  return count
}
