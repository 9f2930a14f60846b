import { describe, expect, it } from "vitest"
import { differencesJson, equalJson } from "./equal.ts"

describe("equalJson", () => {
  it("compares primitives, arrays and objects structurally, ignoring key order", () => {
    expect(equalJson(1, 1)).toBe(true)
    expect(equalJson(1, 2)).toBe(false)
    expect(equalJson("a", "a")).toBe(true)
    expect(equalJson(Number.NaN, Number.NaN)).toBe(true)
    expect(equalJson(null, {})).toBe(false)
    expect(equalJson([1, [2, 3]], [1, [2, 3]])).toBe(true)
    expect(equalJson([1, 2], [1, 2, 3])).toBe(false)
    expect(equalJson([], {})).toBe(false)
    expect(equalJson({ a: 1, b: { c: [1] } }, { b: { c: [1] }, a: 1 })).toBe(true)
    expect(equalJson({ a: 1 }, { a: 1, b: 2 })).toBe(false)
    expect(equalJson({ a: 1, b: 2 }, { a: 1 })).toBe(false)
  })

  it("treats a property set to undefined as absent, as JSON does", () => {
    expect(equalJson({ key: undefined, value: "v" }, { value: "v" })).toBe(true)
    expect(equalJson({ value: "v" }, { key: undefined, value: "v" })).toBe(true)
    expect(equalJson({ key: "k", value: "v" }, { value: "v" })).toBe(false)
  })
})

describe("differencesJson", () => {
  it("names the path of each differing field", () => {
    const expected = { _tag: "Polled", records: [{ offset: 1 }, { offset: 2 }] }
    const actual = { _tag: "Polled", records: [{ offset: 1 }, { offset: 3 }] }
    expect(differencesJson(expected, actual)).toEqual(["records[1].offset expected 2, got 3"])
  })

  it("reports missing fields and lengths", () => {
    expect(differencesJson({ key: "k", value: "v" }, { value: "v" })).toEqual(['key expected "k", got nothing'])
    expect(differencesJson({ xs: [1, 2] }, { xs: [1] })).toEqual(["xs.length expected 2, got 1"])
  })

  it("is empty for equal values and stops at the limit", () => {
    expect(differencesJson({ a: 1 }, { a: 1 })).toEqual([])
    expect(differencesJson({ a: 1, b: 1, c: 1 }, { a: 2, b: 2, c: 2 }, 2)).toHaveLength(2)
  })
})
