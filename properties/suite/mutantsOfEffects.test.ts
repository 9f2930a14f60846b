import { describe } from "vitest"
import { itCatchesMutants } from "./internal/mutantHunts.ts"
import { externalMutantConfigs } from "./mutantSeeds.ts"

describe("every guarantee of external effects and services has teeth on its shipped config", () => {
  itCatchesMutants((name) => externalMutantConfigs.has(name))
})
