import * as fc from "fast-check"
import { choicesArbitrary } from "../../choice.ts"
import { runChoicesOnModel } from "../../modelRun.ts"
import { configConditionalUpdate, configDoubleCharge, configExternalEffects, configOutbox } from "../../suite/mutantSeeds.ts"
import { externalCasesOf, runsWithEachCase } from "./externalStats.ts"
for (const [name, config] of [["double-charge", configDoubleCharge], ["conditional-update", configConditionalUpdate], ["outbox", configOutbox], ["external-effects", configExternalEffects]] as const) {
  const runs = fc.sample(choicesArbitrary(config), { seed: Number(process.argv[2] ?? 1), numRuns: 100 }).map((choices) => externalCasesOf(config, runChoicesOnModel(config, choices).actual))
  const counts = runsWithEachCase(runs)
  const both = runs.filter((r) => r.keyThenEffectLoss > 0 && r.effectThenKeyDuplicate > 0).length
  console.log(name, "both", both, JSON.stringify(Object.fromEntries(Object.entries(counts).filter(([, v]) => v > 0))))
}
