import { describe, expect, it } from "vitest"
import type { Config } from "../../spec/config.ts"
import { configDefault } from "../../spec/config.ts"
import { catalogue } from "../../spec/catalogue.ts"
import {
  configConditionalUpdate,
  configDoubleCharge,
  configExactlyOnce,
  configExternalEffects,
  configOutbox,
  configPerUserOrdering,
  configQueueAndStream,
  configBoundedQueues,
  configDeadLetterTriage,
  configPoisonAndRetries,
  configRetention
} from "./mutantSeeds.ts"
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

const configs = [
  ["default config", configDefault, 2026],
  ["wide config", configWide, 77],
  ["exactly-once config", configExactlyOnce, 3],
  ["per-user-ordering config", configPerUserOrdering, 5],
  ["double-charge config", configDoubleCharge, 7],
  ["conditional-update config", configConditionalUpdate, 11],
  ["outbox config", configOutbox, 13],
  ["external-effects config", configExternalEffects, 17],
  ["queue-and-stream config", configQueueAndStream, 19],
  ["bounded-queues config", configBoundedQueues, 23],
  ["dead-letter-triage config", configDeadLetterTriage, 37],
  ["poison-and-retries config", configPoisonAndRetries, 29],
  ["retention config", configRetention, 31]
] as const

describe("the built-in broker conforms to the model and keeps every guarantee", () => {
  const applied = new Set<string>()
  for (const [name, config, seed] of configs) {
    it(`${name}: no divergence, every applicable guarantee held and witnessed (unless the config accepts it unwitnessed)`, async () => {
      const report = await checkTarget({ target: builtinTarget, config, runs: 150, seed })
      expect(report.failure?.verdict).toBeUndefined()
      expect(report.divergedRuns).toBe(0)
      for (const tally of report.tallies) {
        if (!tally.applicable) continue
        applied.add(tally.guarantee.id)
        expect(tally.violatedRuns, tally.guarantee.id).toBe(0)
        // A witness the config accepts never to see (its witnessesOptional) is not required.
        if (config.witnessesOptional?.includes(tally.guarantee.id) === true) continue
        expect(tally.witnessedRuns, `${tally.guarantee.id} never witnessed`).toBeGreaterThan(0)
      }
    })
  }
  it("every guarantee of the catalogue applies to one of these configs", () => {
    expect([...applied].sort()).toEqual(catalogue.map((g) => g.id).sort())
  })
})
