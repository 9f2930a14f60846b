import { describe } from "vitest"
import { itCatchesMutants } from "./internal/mutantHunts.ts"
import { overflowMutants, queueMutants, triageMutants } from "./mutantSeeds.ts"

describe("every guarantee of queues has teeth on the shipped queue configs", () => {
  itCatchesMutants((name) => queueMutants.has(name) || triageMutants.has(name) || overflowMutants.has(name))
})
