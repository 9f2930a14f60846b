/**
 * Fingerprints of explored states: a canonical text of the model state and
 * the application's view, hashed.
 *
 * @module
 */
import type { ModelState } from "../../model/index.ts"
import type { Driver } from "../driver/driver.ts"

/**
 * Whether a value is a persistent sequence (`model/internal/seq.ts`): a
 * window `[start, end)` of a backing array that other states may share, so
 * only the window is part of the state.
 */
const isSeq = (value: object): value is { readonly items: ReadonlyArray<unknown>; readonly start: number; readonly end: number } =>
  "items" in value && "start" in value && "end" in value && Array.isArray((value as { items: unknown }).items) &&
  Object.keys(value).length === 3

/**
 * Appends the canonical text of `value` to `out`: JSON-like, with a
 * persistent sequence written as the array of its window, a `Map` as its
 * entries and a `Set` as its elements (both in insertion order, which the
 * code may iterate, so two insertion orders are two states), object keys in
 * their own order, and `undefined` properties left out (as JSON does).
 */
const write = (value: unknown, out: Array<string>): void => {
  if (typeof value === "object" && value !== null) {
    let text = texts.get(value)
    if (text === undefined) {
      const inner: Array<string> = []
      writeObject(value, inner)
      text = inner.join("")
      texts.set(value, text)
    }
    out.push(text)
    return
  }
  switch (typeof value) {
    case "string":
      out.push(JSON.stringify(value))
      return
    case "number":
    case "boolean":
      out.push(String(value))
      return
    case "undefined":
      out.push("u")
      return
    default:
      out.push(value === null ? "null" : String(value))
      return
  }
}

/**
 * The canonical text of each object met so far. States are persistent: a
 * step copies the path to what it changed and shares the rest with the state
 * before, so the text of a shared part is built once, and a state's text
 * costs about as much as what its step changed. Objects are never mutated
 * once built (a `Seq` window is fixed even when its backing array grows).
 */
const texts = new WeakMap<object, string>()

/** {@link write} of an object (not null). */
const writeObject = (value: object, out: Array<string>): void => {
  if (Array.isArray(value)) {
    out.push("[")
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(",")
      write(value[i], out)
    }
    out.push("]")
    return
  }
  if (value instanceof Map) {
    out.push("M{")
    for (const [key, item] of value) {
      write(key, out)
      out.push(":")
      write(item, out)
      out.push(",")
    }
    out.push("}")
    return
  }
  if (value instanceof Set) {
    out.push("S[")
    for (const item of value) {
      write(item, out)
      out.push(",")
    }
    out.push("]")
    return
  }
  if (isSeq(value)) {
    out.push("[")
    for (let i = value.start; i < value.end; i++) {
      if (i > value.start) out.push(",")
      write(value.items[i], out)
    }
    out.push("]")
    return
  }
  out.push("{")
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key]
    if (item === undefined) continue
    out.push(JSON.stringify(key), ":")
    write(item, out)
    out.push(",")
  }
  out.push("}")
}

/**
 * The canonical text of an explored state: the model state without its
 * `world` (derived from the config, the same in every state) and the
 * application's view without the tables every view of a run shares
 * (`partitionIndex`, `memberOfProducer`). Nothing is treated as symmetric:
 * member, producer and key names are kept, so two states equal up to a
 * renaming of members count twice (the generator itself is not symmetric in
 * them: it picks `m0` first).
 */
export const stateText = (state: ModelState, driver: Driver): string => {
  const out: Array<string> = []
  const { world: _world, ...model } = state
  const { partitionIndex: _partitionIndex, memberOfProducer: _memberOfProducer, ...view } = driver
  write(model, out)
  out.push("|")
  write(view, out)
  return out.join("")
}

/**
 * A 53-bit hash of a text (cyrb53: two 32-bit multiply-xorshift lanes). Two
 * different states share a fingerprint with a probability of about
 * `n² / 2^54` over `n` states (about 1 in 18,000 at a million states), as
 * TLC's 64-bit fingerprints accept a tiny chance of merging two states.
 */
export const hash53 = (text: string): number => {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ unit, 2654435761)
    h2 = Math.imul(h2 ^ unit, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507)
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507)
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

/** The fingerprint of an explored state: {@link hash53} of its {@link stateText}. */
export const fingerprintOf = (state: ModelState, driver: Driver): number => hash53(stateText(state, driver))
