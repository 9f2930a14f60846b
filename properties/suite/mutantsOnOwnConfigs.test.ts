import { describe } from "vitest"
import { configDefault } from "../../spec/config.ts"
import { itCatchesMutants } from "./internal/mutantHunts.ts"
import { externalMutantConfigs, failureMutants, mutantConfigOf, overflowMutants, queueMutants, retentionMutants } from "./mutantSeeds.ts"

describe("every guarantee has teeth on the config its mutants need (transactions, processing order)", () => {
  // The mutants of effects and services are hunted in mutantsOfEffects.test.ts, those of queues in mutantsOfQueues.test.ts, so the hunts spread over the cores.
  itCatchesMutants((name) => mutantConfigOf(name) !== configDefault && !externalMutantConfigs.has(name) && !queueMutants.has(name) && !overflowMutants.has(name) && !failureMutants.has(name) && !retentionMutants.has(name))
})
