/**
 * Reading a `--config` JSON file into a validated Config.
 *
 * @module
 */
import * as fs from "node:fs"
import { Result } from "effect"
import * as Schema from "effect/Schema"
import { formatSchemaIssue, oneLine } from "../properties/format/schemaIssue.ts"
import { Config, validateConfig } from "../spec/config.ts"
import { UsageError } from "./usageError.ts"

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
  const decoded = Schema.decodeUnknownResult(Config)(json)
  if (Result.isFailure(decoded)) {
    throw new UsageError({ message: `config ${file} is not a valid qsem config: ${formatSchemaIssue(decoded.failure.issue)}` })
  }
  const problem = validateConfig(decoded.success)
  if (problem !== undefined) throw new UsageError({ message: `config ${file}: ${problem}` })
  return decoded.success
}
