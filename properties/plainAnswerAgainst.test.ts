import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { Response } from "../spec/response.ts"
import { equalJson } from "./equal.ts"
import { answerAgainst, plainData } from "./plainAnswer.ts"

/** Plain values with the shapes answers have, undefined properties, -0 and NaN among them. */
const valueArbitrary = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom<unknown>(0, -0, 1, Number.NaN, "a", "b", "", true, false, null, undefined),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom("_tag", "a", "b", "c", "__proto__", "constructor"), tie("value"), { maxKeys: 4 })
  )
})).value

/** A value and a near copy of it: the same, reordered, or with one part changed. */
const pairArbitrary = fc.tuple(valueArbitrary, valueArbitrary, fc.nat(3)).map(([a, b, how]) => {
  const reorder = (value: unknown): unknown => {
    if (typeof value !== "object" || value === null) return value
    if (Array.isArray(value)) return value.map(reorder)
    const entries = Object.entries(value).map(([key, field]) => [key, reorder(field)] as const)
    return Object.fromEntries(how === 1 ? entries.reverse() : entries)
  }
  return [a, how === 3 ? b : reorder(a)] as const
})

describe("answerAgainst", () => {
  it("agrees with plainData and equalJson: Same only for an identical copy, else the copy and whether it is equal", () => {
    fc.assert(fc.property(pairArbitrary, ([expected, answer]) => {
      const plain = plainData(answer)
      const against = answerAgainst(answer, expected as Response)
      if (plain._tag === "NotPlain") {
        expect(against).toEqual(plain)
        return
      }
      const copied = JSON.stringify(plain.value)
      if (against._tag === "Same") {
        expect(equalJson(expected, plain.value)).toBe(true)
        expect(JSON.stringify(expected)).toBe(copied)
        return
      }
      expect(against._tag).toBe("Plain")
      if (against._tag !== "Plain") return
      expect(against.equal).toBe(equalJson(expected, plain.value))
      expect(JSON.stringify(against.value)).toBe(copied)
      expect(Object.is(against.value, plain.value) || equalJson(against.value, plain.value)).toBe(true)
    }), { numRuns: 3000 })
  })

  it("refuses what plainData refuses, with the same reason, and reads each property once", () => {
    const sent = { _tag: "Sent", topic: "orders", partition: 0, offset: 1 } as const
    expect(answerAgainst({ ...sent, offset: 1n }, sent)).toEqual({ _tag: "NotPlain", reason: "a BigInt at offset" })
    let reads = 0
    const answer = { ...sent, get offset() { return ++reads } }
    expect(answerAgainst(answer, sent)).toEqual({ _tag: "Same" })
    expect(answerAgainst(answer, sent)).toEqual({ _tag: "Plain", value: { ...sent, offset: 2 }, equal: false })
    expect(reads).toBe(2)
  })
})
