/**
 * The fixed seeds and budgets with which the suite hunts each mutant, shared
 * by the tests and by the script that writes `traces/mutants/`.
 *
 * @module
 */
import type { Config } from "../../spec/config.ts"
import { configDefault } from "../../spec/config.ts"

/** Runs the suite may spend to catch one mutant on one guarantee. */
export const mutantRunsMax = 400

/** The seed of every mutant hunt, so failures and saved traces are reproducible. */
export const mutantSeed = 1_337

/** The config mutants are hunted on. */
export const mutantConfig: Config = configDefault
