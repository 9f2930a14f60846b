import * as fc from "fast-check"
import { createHash } from "node:crypto"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import type { Config } from "../../spec/config.ts"
import { configDefault } from "../../spec/config.ts"
import { choicesArbitrary } from "../choice.ts"
import { isExternalConfig, isTransactionalConfig } from "../driver/driver.ts"
import { runChoicesOnModel } from "../modelRun.ts"

const exampleConfig = (name: string): Config => {
  const raw = JSON.parse(readFileSync(new URL(`../../examples/configs/${name}.json`, import.meta.url), "utf8"))
  return { ...raw, bounds: { ...configDefault.bounds, ...(raw.bounds ?? {}) } }
}

/**
 * Fingerprints (sha-256 of the commands and the model's answers of 40
 * sampled runs, drains included) computed with the generator and drain of
 * commit 9ded1a4, before producers and transactions existed.
 */
const fingerprintsBefore: ReadonlyArray<readonly [string, Config, string]> = [
  ["default", configDefault, "a608b6fed36608b2"],
  ["fanout", exampleConfig("fanout"), "9dea2f16380990d2"],
  ["many-partitions", exampleConfig("many-partitions"), "c322d4af6f35f4d1"],
  ["single-partition", exampleConfig("single-partition"), "c6cacb42006adca9"]
]

describe("configs without producers or exactly-once groups", () => {
  for (const [name, config, fingerprint] of fingerprintsBefore) {
    it(`decode the same choices to the same commands, answers and drain as before transactions (${name})`, () => {
      expect(isTransactionalConfig(config)).toBe(false)
      const hash = createHash("sha256")
      for (const choices of fc.sample(choicesArbitrary(config), { seed: 2026, numRuns: 40 })) {
        const run = runChoicesOnModel(config, choices)
        hash.update(JSON.stringify(run.commands))
        hash.update(JSON.stringify(run.expected))
      }
      expect(hash.digest("hex").slice(0, 16)).toBe(fingerprint)
    })
  }
})

/**
 * Fingerprints (as above) computed with the generator, drain and model of
 * commit f8e6b0f, before external effects and services existed: configs
 * without an effect or a service decode, answer and drain exactly as then.
 */
const fingerprintsBeforeEffects: ReadonlyArray<readonly [string, Config, string]> = [
  ["exactly-once", exampleConfig("exactly-once"), "5cb7e54e261b944e"],
  ["per-user-ordering", exampleConfig("per-user-ordering"), "63933653428be713"]
]

describe("configs without effects or services", () => {
  for (const [name, config, fingerprint] of fingerprintsBeforeEffects) {
    it(`decode the same choices to the same commands, answers and drain as before effects and services (${name})`, () => {
      expect(isExternalConfig(config)).toBe(false)
      const hash = createHash("sha256")
      for (const choices of fc.sample(choicesArbitrary(config), { seed: 2026, numRuns: 40 })) {
        const run = runChoicesOnModel(config, choices)
        hash.update(JSON.stringify(run.commands))
        hash.update(JSON.stringify(run.expected))
      }
      expect(hash.digest("hex").slice(0, 16)).toBe(fingerprint)
    })
  }
})
