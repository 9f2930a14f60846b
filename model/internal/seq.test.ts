import { describe, expect, it } from "vitest"
import * as Seq from "./seq.ts"

describe("Seq", () => {
  it("shares the backing array for appends at the end, and copies when a shorter view appends", () => {
    const s0 = Seq.empty<string>()
    const s1 = Seq.append(s0, "a")
    const s2 = Seq.append(s1, "b")
    expect(s2.items).toBe(s1.items)
    const branch = Seq.append(s1, "x")
    expect(branch.items).not.toBe(s1.items)
    expect([Seq.toArray(s0), Seq.toArray(s1), Seq.toArray(s2), Seq.toArray(branch)]).toEqual([[], ["a"], ["a", "b"], ["a", "x"]])
  })

  it("removes the first element without copying, and any other by copying", () => {
    const s = Seq.appendAll(Seq.empty<number>(), [1, 2, 3, 2])
    const head = Seq.removeAt(s, 0)
    expect(head.items).toBe(s.items)
    expect(Seq.toArray(head)).toEqual([2, 3, 2])
    const middle = Seq.removeAt(head, Seq.findIndex(head, (n) => n === 2))
    expect(Seq.toArray(middle)).toEqual([3, 2])
    const inner = Seq.removeAt(s, 2)
    expect(Seq.toArray(inner)).toEqual([1, 2, 2])
    expect(Seq.toArray(s)).toEqual([1, 2, 3, 2])
    expect([Seq.size(middle), Seq.at(middle, 1), Seq.findIndex(middle, (n) => n === 9)]).toEqual([2, 2, -1])
  })

  it("appends after a removal at the front to the shared array, without disturbing older views", () => {
    const s = Seq.appendAll(Seq.empty<number>(), [1, 2])
    const rest = Seq.removeAt(s, 0)
    const grown = Seq.appendAll(rest, [3, 4])
    const other = Seq.append(s, 9)
    expect([Seq.toArray(s), Seq.toArray(rest), Seq.toArray(grown), Seq.toArray(other)]).toEqual([[1, 2], [2], [2, 3, 4], [1, 2, 9]])
    expect(Seq.appendAll(rest, [])).toBe(rest)
  })
})
