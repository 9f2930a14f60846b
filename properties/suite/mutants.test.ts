import { describe, expect, it } from "vitest"
import { catalogue } from "../../spec/catalogue.ts"
import { mutants } from "../../impl/index.ts"
import { configDefault } from "../../spec/config.ts"
import { itCatchesMutants } from "./internal/mutantHunts.ts"
import { mutantConfigOf } from "./mutantSeeds.ts"

// The hunts on other configs (transactions, processing order) are in mutantsOnOwnConfigs.test.ts, so both halves run at once.
describe("every guarantee has teeth: the suite catches each mutant with a shrunk counterexample", () => {
  it("every mutant is listed under some guarantee of the catalogue", () => {
    const listed = new Set(catalogue.flatMap((g) => g.mutants.map((m) => `mutant:${m}`)))
    expect(mutants.map((m) => m.name).filter((name) => !listed.has(name))).toEqual([])
    expect(catalogue.every((g) => g.mutants.length > 0)).toBe(true)
  })

  itCatchesMutants((name) => mutantConfigOf(name) === configDefault)
})
