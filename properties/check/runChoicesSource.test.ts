import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { configDefault } from "../../spec/config.ts"
import { choicesArbitrary } from "../choice.ts"
import { soakArbitrary } from "../soak.ts"
import { runChoicesSource } from "./runChoicesSource.ts"

describe("runChoicesSource", () => {
  it("gives the runs fc.check gives, in order, for a few seeds (the default choices and the soak ones)", async () => {
    for (const [arbitrary, seeds] of [[choicesArbitrary(configDefault), [1, -5, 2147483647, -2147483648]], [soakArbitrary(200), [3]]] as const) {
      for (const seed of seeds) {
        const seen: Array<unknown> = []
        await fc.check(fc.asyncProperty(arbitrary, async (choices) => {
          seen.push(choices)
          return true
        }), { seed, numRuns: 30 })
        const source = runChoicesSource(arbitrary, seed)
        expect(seen.map((_, index) => source.at(index))).toEqual(seen)
      }
    }
  })

  it("gives run i on its own, as fast-check's path i replays it, whatever was asked before", () => {
    const arbitrary = choicesArbitrary(configDefault)
    const source = runChoicesSource(arbitrary, 9)
    for (const index of [120, 7, 1500, 1499, 0]) {
      expect(source.at(index)).toEqual(fc.sample(arbitrary, { seed: 9, path: String(index), numRuns: 1 })[0])
    }
  })
})
