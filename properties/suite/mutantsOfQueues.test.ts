import { describe } from "vitest"
import { itCatchesMutants } from "./internal/mutantHunts.ts"
import { overflowMutants, queueMutants } from "./mutantSeeds.ts"

describe("every guarantee of queues has teeth on the shipped queue configs", () => {
  itCatchesMutants((name) => queueMutants.has(name) || overflowMutants.has(name))
})
