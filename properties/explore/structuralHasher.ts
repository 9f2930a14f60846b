/**
 * The explorer's structural hasher: the hash of `fingerprint.ts`, computed
 * with a memory of the objects hashed before.
 *
 * @module
 */
import type { ModelState } from "../../model/index.ts"
import type { Driver } from "../driver/driver.ts"
import {
  finish,
  fold1,
  fold2,
  hash53,
  isSeq,
  numberHashOf,
  stringHashOf,
  tagArray,
  tagMap,
  tagObject,
  tagOther,
  tagSet
} from "./internal/hashing.ts"

/**
 * How many objects a {@link StructuralHasher} remembers before
 * {@link StructuralHasher.rememberModel} forgets them all: the states of a
 * frontier expanded one after the other are mostly siblings, which share
 * most of their objects, so the last few states' objects are worth keeping.
 */
const knownMax = 1 << 13

/**
 * Structural hashes (see `fingerprint.ts` for what counts) with a memory of
 * objects: {@link StructuralHasher.rememberModel} and
 * {@link StructuralHasher.rememberView} hash a model state or a view and keep
 * the hash of every object in it; {@link StructuralHasher.hash},
 * {@link StructuralHasher.hashModel} and {@link StructuralHasher.hashView}
 * then reuse those (an object met again is not walked again) without keeping
 * any more. The explorer remembers the state it expands and hashes each
 * successor against it: a successor shares every part its step did not
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

  /**
   * The hash of a model state, `world` left out, remembered as
   * {@link StructuralHasher.rememberView} does (after forgetting every object
   * when more than {@link knownMax} are remembered); its fields are also remembered by
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

  /** The hash of a model state, `world` left out (see `fingerprint.ts`). */
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

  /** The hash of a view, its shared tables left out (see `fingerprint.ts`). */
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
