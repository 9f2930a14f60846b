/**
 * The configs shipped in `examples/configs/`, decoded and validated: what the
 * suites hunt mutants on and the docs search witnesses on. A file that does
 * not decode or validate is a defect of the package, so it throws.
 *
 * @module
 */
import { readFileSync } from "node:fs"
import * as Schema from "effect/Schema"
import type { Config } from "../spec/config.ts"
import { Config as ConfigSchema, validateConfig } from "../spec/config.ts"

/** A shipped config of `examples/configs/` by name (without `.json`), decoded and validated. */
export const exampleConfig = (name: string): Config => {
  const file = new URL(`../examples/configs/${name}.json`, import.meta.url)
  const config = Schema.decodeUnknownSync(ConfigSchema)(JSON.parse(readFileSync(file, "utf8")), { onExcessProperty: "error" })
  const problem = validateConfig(config)
  if (problem !== undefined) throw new Error(`examples/configs/${name}.json: ${problem}`)
  return config
}
