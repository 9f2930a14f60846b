import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { configDefault } from "../spec/config.ts"
import { choiceFieldMax, choicesArbitrary } from "./choice.ts"

describe("choicesArbitrary", () => {
  it("stays within commandsMax and the field range, and spreads lengths over the whole range", () => {
    const samples = fc.sample(choicesArbitrary(configDefault, 20), { seed: 11, numRuns: 300 })
    const lengths = samples.map((choices) => choices.length)
    expect(Math.max(...lengths)).toBeLessThanOrEqual(20)
    expect(lengths.filter((length) => length > 10).length).toBeGreaterThan(50)
    for (const choice of samples.flat()) {
      for (const field of [choice.action, choice.a, choice.b, choice.c]) {
        expect(Number.isInteger(field) && field >= 0 && field <= choiceFieldMax).toBe(true)
      }
    }
  })

  it("defaults to the config's commandsMax", () => {
    const lengths = fc.sample(choicesArbitrary(configDefault), { seed: 3, numRuns: 300 }).map((c) => c.length)
    expect(Math.max(...lengths)).toBeLessThanOrEqual(configDefault.bounds.commandsMax)
    expect(Math.max(...lengths)).toBeGreaterThan(10)
  })

  it("shrinks towards fewer and smaller choices", () => {
    const result = fc.check(
      fc.property(choicesArbitrary(configDefault), (choices) => choices.every((choice) => choice.action <= 500)),
      { seed: 5 }
    )
    expect(result.failed).toBe(true)
    expect(result.counterexample?.[0]).toEqual([{ action: 501, a: 0, b: 0, c: 0 }])
  })
})
