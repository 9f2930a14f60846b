import fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Seq from "./seq.ts"
import { seqKeyIndex } from "./seqKeyIndex.ts"

interface Item {
  readonly key: string
  readonly n: number
}

describe("seqKeyIndex", () => {
  it("finds the last element with a key in each window over a shared backing array, whichever is asked first", () => {
    const index = seqKeyIndex<Item>((item) => item.key)
    const s1 = Seq.append(Seq.append(Seq.empty<Item>(), { key: "a", n: 1 }), { key: "b", n: 2 })
    const s2 = Seq.append(s1, { key: "a", n: 3 }) // shares s1's array
    expect(index.lastOf(s2, "a")).toEqual({ key: "a", n: 3 })
    expect(index.lastOf(s1, "a")).toEqual({ key: "a", n: 1 })
    const fork = Seq.append(s1, { key: "b", n: 4 }) // copies: s1 is shorter than its array
    expect(index.lastOf(fork, "a")).toEqual({ key: "a", n: 1 })
    expect(index.lastOf(fork, "b")).toEqual({ key: "b", n: 4 })
    expect(index.lastOf(s2, "b")).toEqual({ key: "b", n: 2 })
    expect(index.lastOf(s2, "c")).toBeUndefined()
    expect(index.lastOf(Seq.empty(), "a")).toBeUndefined()
    expect(index.lastOfEach(s2)).toEqual([
      { key: "b", n: 2 },
      { key: "a", n: 3 }
    ])
  })

  it("ignores elements before a window's start", () => {
    const index = seqKeyIndex<Item>((item) => item.key)
    const s = Seq.append(Seq.append(Seq.empty<Item>(), { key: "a", n: 1 }), { key: "b", n: 2 })
    const tail = Seq.removeAt(s, 0)
    expect(index.lastOf(tail, "a")).toBeUndefined()
    expect(index.lastOf(s, "a")).toEqual({ key: "a", n: 1 })
    expect(index.lastOfEach(tail)).toEqual([{ key: "b", n: 2 }])
  })

  it("agrees with a linear scan on random histories of appends and forks", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(20), fc.constantFrom("a", "b", "c", "d")), { maxLength: 60 }), (ops) => {
        const index = seqKeyIndex<Item>((item) => item.key)
        const versions: Array<Seq.Seq<Item>> = [Seq.empty()]
        ops.forEach(([from, key], n) => versions.push(Seq.append(versions[from % versions.length], { key, n })))
        for (const seq of versions) {
          const items = Seq.toArray(seq)
          for (const key of ["a", "b", "c", "d"]) {
            const expected = items.filter((item) => item.key === key).pop()
            expect(index.lastOf(seq, key)).toEqual(expected)
          }
        }
      })
    )
  })
})
