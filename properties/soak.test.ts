import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { Choice } from "./choice.ts"
import { soakArbitrary, soakCommandsMaxDefault, soakSegmentLength } from "./soak.ts"

const isRare = (choice: Choice) => choice.action >= 995 && choice.a >= 900

describe("soakArbitrary", () => {
  it("makes long runs of whole segments, up to commandsMax", () => {
    const lengths = fc.sample(soakArbitrary(), { seed: 3, numRuns: 100 }).map((choices) => choices.length)
    expect(Math.max(...lengths)).toBeLessThanOrEqual(soakCommandsMaxDefault)
    expect(lengths.every((length) => length > 0 && length % soakSegmentLength === 0)).toBe(true)
    expect(lengths.filter((length) => length >= 1000).length).toBeGreaterThan(50)
    // A commandsMax that is not a multiple of the segment length cuts the last segment.
    const cut = fc.sample(soakArbitrary(120, 50), { seed: 4, numRuns: 100 }).map((choices) => choices.length)
    expect(new Set(cut)).toEqual(new Set([50, 100, 120]))
  })

  it("shrinks a failing run by whole segments, in few steps, without touching a segment's choices", () => {
    const result = fc.check(fc.property(soakArbitrary(), (choices) => !choices.some(isRare)), { seed: 8 })
    expect(result.failed).toBe(true)
    const counterexample = result.counterexample?.[0] ?? []
    // One segment is left: the one holding the rare choice, as it was generated.
    expect(counterexample.length).toBe(soakSegmentLength)
    expect(counterexample.some(isRare)).toBe(true)
    expect(counterexample.filter((choice) => choice.action + choice.a + choice.b + choice.c > 0).length).toBeGreaterThan(40)
    expect(result.numShrinks).toBeLessThan(100)
  })
})
