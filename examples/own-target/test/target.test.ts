import { checkTarget, configDefault } from "qsem"
import { describe, expect, it } from "vitest"
import { target } from "../target.ts"

describe("the in-memory queue", () => {
  it("conforms to qsem's model and keeps every guarantee", async () => {
    const report = await checkTarget({ target, config: configDefault, runs: 100, seed: 42 })
    expect(report.failure).toBeUndefined()
    expect(report.divergedRuns).toBe(0)
    for (const tally of report.tallies) {
      expect(tally.violatedRuns, tally.guarantee.id).toBe(0)
      expect(tally.witnessedRuns, tally.guarantee.id).toBeGreaterThan(0)
    }
  })
})
