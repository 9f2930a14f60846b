/**
 * The fixed seeds, budgets and configs with which the suite hunts each
 * mutant, shared by the tests and by the script that writes
 * `traces/mutants/`.
 *
 * @module
 */
import { readFileSync } from "node:fs"
import * as Schema from "effect/Schema"
import type { Config } from "../../spec/config.ts"
import { Config as ConfigSchema, configDefault, validateConfig } from "../../spec/config.ts"

/** Runs the suite may spend to catch one mutant on one guarantee. */
export const mutantRunsMax = 400

/** The seed of every mutant hunt, so failures and saved traces are reproducible. */
export const mutantSeed = 1_337

/** The config the mutants of at-most-once and at-least-once delivery are hunted on (the default config). */
export const mutantConfig: Config = configDefault

/** The shipped `examples/configs/exactly-once.json`, decoded and validated. */
export const configExactlyOnce: Config = (() => {
  const file = new URL("../../examples/configs/exactly-once.json", import.meta.url)
  const config = Schema.decodeUnknownSync(ConfigSchema)(JSON.parse(readFileSync(file, "utf8")), { onExcessProperty: "error" })
  const problem = validateConfig(config)
  if (problem !== undefined) throw new Error(`examples/configs/exactly-once.json: ${problem}`)
  return config
})()

/** The mutants of idempotence, transactions and exactly-once groups (issue 6): they are hunted on {@link configExactlyOnce}. */
export const exactlyOnceMutants: ReadonlySet<string> = new Set([
  "dedup-ignores-sequence",
  "duplicate-on-timeout",
  "read-committed-leaks-aborted",
  "ignore-last-stable-offset",
  "no-epoch-check",
  "offsets-ignore-generation",
  "offsets-commit-on-abort",
  "markers-take-no-offset",
  "timeout-never-fires",
  "ignore-unstable-offsets"
])

/**
 * The config mutant `name` (without `mutant:`) is hunted on: the exactly-once
 * config for the mutants of issue 6, the default config for the others.
 */
export const mutantConfigOf = (name: string): Config =>
  exactlyOnceMutants.has(name.replace(/^mutant:/, "")) ? configExactlyOnce : mutantConfig
