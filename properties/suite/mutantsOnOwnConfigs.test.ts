import { describe } from "vitest"
import { configDefault } from "../../spec/config.ts"
import { itCatchesMutants } from "./internal/mutantHunts.ts"
import { mutantConfigOf } from "./mutantSeeds.ts"

describe("every guarantee has teeth on the config its mutants need (transactions, processing order)", () => {
  itCatchesMutants((name) => mutantConfigOf(name) !== configDefault)
})
