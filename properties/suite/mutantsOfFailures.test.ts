import { describe } from "vitest"
import { itCatchesMutants } from "./internal/mutantHunts.ts"
import { failureMutants, retentionMutants } from "./mutantSeeds.ts"

describe("every guarantee of processing failures and retention has teeth on the shipped configs", () => {
  itCatchesMutants((name) => failureMutants.has(name) || retentionMutants.has(name))
})
