import { describe, expect, it } from "vitest"
import { hashOf } from "./fingerprint.ts"

describe("the structural hash of explored states", () => {
  it("counts a persistent sequence as the elements of its window, whatever its backing array", () => {
    const shared = ["r0", "r1", "r2", "r3"]
    expect(hashOf({ items: shared, start: 1, end: 3 })).toBe(hashOf({ items: ["r1", "r2"], start: 0, end: 2 }))
    expect(hashOf({ items: shared, start: 1, end: 3 })).toBe(hashOf(["r1", "r2"]))
    expect(hashOf({ items: shared, start: 0, end: 3 })).not.toBe(hashOf({ items: shared, start: 1, end: 3 }))
  })

  it("leaves out undefined properties, keeps key order, map order and the kind of each value", () => {
    expect(hashOf({ a: 1, b: undefined })).toBe(hashOf({ a: 1 }))
    expect(hashOf({ a: 1, b: 2 })).not.toBe(hashOf({ b: 2, a: 1 }))
    expect(hashOf(new Map([["x", 1], ["y", 2]]))).not.toBe(hashOf(new Map([["y", 2], ["x", 1]])))
    expect(hashOf(new Map([["x", 1]]))).toBe(hashOf(new Map([["x", 1]])))
    expect(hashOf([1])).not.toBe(hashOf(["1"]))
    expect(hashOf([])).not.toBe(hashOf({}))
    expect(hashOf([[1, 2], [3]])).not.toBe(hashOf([[1], [2, 3]]))
    expect(hashOf(2 ** 40 + 5)).not.toBe(hashOf(5))
  })
})
