import { checkTarget, configDefault } from "qsem"
import { expect, it } from "vitest"
import { target } from "../target.ts"

it("my queue conforms to qsem's model and keeps every guarantee", async () => {
  const report = await checkTarget({ target, config: configDefault, runs: 100, seed: 42 })
  expect(report.failure).toBeUndefined() // else report.failure is the shrunk counterexample trace
  // Guarantees about idempotent or transactional producers are n/a on a config without them.
  for (const tally of report.tallies) if (tally.applicable) expect(tally.witnessedRuns, tally.guarantee.id).toBeGreaterThan(0)
})
