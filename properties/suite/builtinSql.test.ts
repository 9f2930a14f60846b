import { describe, expect, it } from "vitest"
import { builtinSqlTarget } from "../../impl/index.ts"
import { checkTarget } from "../check/checkTarget.ts"
import { configConditionalUpdate, configDoubleCharge, configExternalEffects, configOutbox } from "./mutantSeeds.ts"

/**
 * The same suite on the built-in broker whose effect stores and services'
 * databases are real SQL (sql.js), with fewer runs than the in-memory
 * default: every command in lockstep with the model, every guarantee held.
 */
const configs = [
  ["double-charge config", configDoubleCharge, 7],
  ["conditional-update config", configConditionalUpdate, 11],
  ["outbox config", configOutbox, 13],
  ["external-effects config", configExternalEffects, 17]
] as const

describe("the built-in broker on SQL conforms to the model and keeps every guarantee", () => {
  for (const [name, config, seed] of configs) {
    it(`${name}: no divergence, no violation`, async () => {
      const report = await checkTarget({ target: builtinSqlTarget, config, runs: 40, seed })
      expect(report.failure?.verdict).toBeUndefined()
      expect(report.divergedRuns).toBe(0)
      for (const tally of report.tallies) {
        if (tally.applicable) expect(tally.violatedRuns, tally.guarantee.id).toBe(0)
      }
    })
  }
})
