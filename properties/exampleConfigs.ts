/**
 * The configs shipped in `examples/configs/`, decoded and validated: what the
 * suites hunt mutants on and the docs search witnesses on. A file that does
 * not decode or validate is a defect of the package, so it throws.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import * as Schema from "effect/Schema"
import type { Config } from "../spec/config.ts"
import { Config as ConfigSchema, validateConfig } from "../spec/config.ts"

/**
 * The file of shipped config `name`: `examples/configs/<name>.json` in the
 * nearest directory above this module that has it (the package root, from
 * the sources as from the `dist/` bundle).
 */
const exampleConfigFile = (name: string): string => {
  const relative = path.join("examples", "configs", `${name}.json`)
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const file = path.join(dir, relative)
    if (existsSync(file)) return file
    if (path.dirname(dir) === dir) throw new Error(`no ${relative} above ${fileURLToPath(import.meta.url)}`)
  }
}

/** A shipped config of `examples/configs/` by name (without `.json`), decoded and validated. */
export const exampleConfig = (name: string): Config => {
  const file = exampleConfigFile(name)
  const config = Schema.decodeUnknownSync(ConfigSchema)(JSON.parse(readFileSync(file, "utf8")), { onExcessProperty: "error" })
  const problem = validateConfig(config)
  if (problem !== undefined) throw new Error(`examples/configs/${name}.json: ${problem}`)
  return config
}
