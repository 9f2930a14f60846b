/**
 * Record keys: a small hot set (`k0..`, so records share keys and partition
 * order is exercised) and a fixed alphabet of awkward keys (empty, long,
 * non-ASCII, astral, lone surrogates), so partitioner encoding bugs are
 * reachable. Every key is deterministic and survives a trace file
 * (`JSON.stringify` escapes lone surrogates as `\udXXX`).
 *
 * @module
 */
import { keyName } from "../driver/driver.ts"

/** What kind of key a record has, for statistics and tests. */
export type KeyClass = "none" | "hot" | "ASCII" | "empty" | "long" | "non-ASCII" | "astral" | "lone surrogate"

/** Every {@link KeyClass}, in the order statistics list them. */
export const keyClasses: ReadonlyArray<KeyClass> = [
  "none",
  "hot",
  "ASCII",
  "empty",
  "long",
  "non-ASCII",
  "astral",
  "lone surrogate"
]

/** The length from which a key counts as long (in UTF-16 code units). */
export const keyLengthLong = 256

/**
 * The awkward keys, in the order the generator walks them. Some pairs land on
 * the same bytes on purpose: a lone surrogate encodes as U+FFFD, exactly as
 * `"\uFFFD"` does, so a partitioner that encodes differently splits them.
 */
export const keysAlphabet: ReadonlyArray<string> = [
  "",
  "é",
  "\uFFFD",
  "\uD800",
  "🔑",
  "k".repeat(keyLengthLong + 44),
  " ",
  "ключ",
  "\uDC00",
  "键-𝄞",
  "ü".repeat(keyLengthLong),
  "k0\u0000",
  "a\uD83D",
  "\uDFFFz",
  "😀".repeat(keyLengthLong / 2),
  "ÿ\u0080\u07FF\u0800"
]

const isHigh = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff
const isLow = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff

/**
 * The class of a key: no key, empty, then the most telling feature (a lone
 * surrogate, an astral character, length, a non-ASCII character), else a hot
 * key `k<i>` or other ASCII.
 *
 * @example
 * ```ts
 * keyClassOf("\uD800") // "lone surrogate"
 * keyClassOf("k1") // "hot"
 * ```
 */
export const keyClassOf = (key: string | undefined): KeyClass => {
  if (key === undefined) return "none"
  if (key.length === 0) return "empty"
  let astral = false
  let ascii = true
  for (let i = 0; i < key.length; i++) {
    const unit = key.charCodeAt(i)
    if (unit >= 0x80) ascii = false
    if (isHigh(unit) && i + 1 < key.length && isLow(key.charCodeAt(i + 1))) {
      astral = true
      i++
    } else if (isHigh(unit) || isLow(unit)) return "lone surrogate"
  }
  if (astral) return "astral"
  if (key.length >= keyLengthLong) return "long"
  if (!ascii) return "non-ASCII"
  return /^k\d+$/.test(key) ? "hot" : "ASCII"
}

/**
 * Where the alphabet starts among a send's key indexes `0..keyIndexMax`:
 * lower indexes pick the hot set, so shrinking heads to hot keys.
 */
export const keyIndexAlphabetFrom = 375

/** The largest key index (`c >> 1` of a send's choice). */
export const keyIndexMax = 499

/**
 * The key of key index `index`: `k<index % keysMax>` below
 * {@link keyIndexAlphabetFrom}, else a key of {@link keysAlphabet}.
 *
 * @example
 * ```ts
 * keyOfIndex(5, 4) // "k1"
 * keyOfIndex(375, 4) // ""
 * ```
 */
export const keyOfIndex = (index: number, keysMax: number): string =>
  index < keyIndexAlphabetFrom
    ? keyName(index % keysMax)
    : keysAlphabet[(index - keyIndexAlphabetFrom) % keysAlphabet.length]
