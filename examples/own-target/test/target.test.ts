import { checkTarget, configDefault } from "qsem"
import { expect, it } from "vitest"
import { target } from "../target.ts"

it("my queue conforms to qsem's model and keeps every guarantee", async () => {
  const report = await checkTarget({ target, config: configDefault, runs: 100, seed: 42 })
  expect(report.failure).toBeUndefined() // else report.failure is the shrunk counterexample trace
  for (const tally of report.tallies) expect(tally.witnessedRuns, tally.guarantee.id).toBeGreaterThan(0)
})
