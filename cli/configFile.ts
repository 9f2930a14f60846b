/**
 * Reading a `--config` JSON file into a validated Config.
 *
 * @module
 */
import * as fs from "node:fs"
import { Exit } from "effect"
import * as Schema from "effect/Schema"
import { Config, validateConfig } from "../spec/config.ts"
import { UsageError } from "./usageError.ts"

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, "; ").trim()

/** Reads, parses, decodes and validates a config file; throws {@link UsageError}. */
export const readConfigFile = (file: string): Config => {
  let text: string
  try {
    text = fs.readFileSync(file, "utf8")
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UsageError({ message: `cannot read config ${file}: ${code === "ENOENT" ? "no such file" : oneLine(String(error))}` })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new UsageError({ message: `config ${file} is not valid JSON: ${oneLine((error as Error).message)}` })
  }
  const exit = Schema.decodeUnknownExit(Config)(json)
  if (Exit.isFailure(exit)) {
    throw new UsageError({ message: `config ${file} is not a valid qsem config: ${oneLine(exit.cause.toString()).slice(0, 400)}` })
  }
  const problem = validateConfig(exit.value)
  if (problem !== undefined) throw new UsageError({ message: `config ${file}: ${problem}` })
  return exit.value
}
