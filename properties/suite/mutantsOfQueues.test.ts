import { describe } from "vitest"
import { itCatchesMutants } from "./internal/mutantHunts.ts"
import { queueMutants } from "./mutantSeeds.ts"

describe("every guarantee of queues has teeth on the shipped queue config", () => {
  itCatchesMutants((name) => queueMutants.has(name))
})
