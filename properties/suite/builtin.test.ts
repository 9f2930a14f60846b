import { describe, expect, it } from "vitest"
import type { Config } from "../../spec/config.ts"
import { configDefault } from "../../spec/config.ts"
import { builtinTarget } from "../../impl/index.ts"
import { checkTarget } from "../check/checkTarget.ts"

const configWide: Config = {
  topics: [{ name: "events", partitions: 4 }, { name: "audit", partitions: 1 }],
  groups: [
    { name: "indexer", mode: "at-least-once", assignor: "round-robin", topics: ["events", "audit"] },
    { name: "sampler", mode: "at-most-once", assignor: "range", topics: ["events"] },
    { name: "archiver", mode: "at-least-once", assignor: "range", topics: ["audit"] }
  ],
  sessionTimeoutMs: 10_000,
  bounds: { producersMax: 3, membersPerGroupMax: 3, keysMax: 6, recordsPerPollMax: 4, clockAdvanceMsMax: 15_000, commandsMax: 50 }
}

describe("the built-in broker conforms to the model and keeps every guarantee", () => {
  for (const [name, config, seed] of [["default config", configDefault, 2026], ["wide config", configWide, 77]] as const) {
    it(`${name}: no divergence, every guarantee held and witnessed`, async () => {
      const report = await checkTarget({ target: builtinTarget, config, runs: 150, seed })
      expect(report.failure?.verdict).toBeUndefined()
      expect(report.divergedRuns).toBe(0)
      for (const tally of report.tallies) {
        expect(tally.applicable, tally.guarantee.id).toBe(true)
        expect(tally.violatedRuns, tally.guarantee.id).toBe(0)
        expect(tally.witnessedRuns, `${tally.guarantee.id} never witnessed`).toBeGreaterThan(0)
      }
    })
  }
})
