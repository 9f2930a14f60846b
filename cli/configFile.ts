/**
 * Reading a `--config` JSON file into a validated Config.
 *
 * @module
 */
import { Result } from "effect"
import * as Schema from "effect/Schema"
import { describeJsonSyntaxError } from "../properties/format/jsonSyntaxError.ts"
import { formatSchemaIssue } from "../properties/format/schemaIssue.ts"
import { readRegularFile } from "../properties/internal/readRegularFile.ts"
import { Config, validateConfig } from "../spec/config.ts"
import { quoteInput } from "../spec/internal/quoteInput.ts"
import { UsageError } from "./usageError.ts"

/**
 * Reads, parses, decodes and validates a config file (a regular file of at
 * most 16 MiB, see `readRegularFile`); throws {@link UsageError} with one line
 * that names the file quoted. A field the config schema does not know (a
 * misspelled `bounds` or `witnessesOptional`) is refused, not ignored: left
 * out, it would silently take its default.
 */
export const readConfigFile = (file: string): Config => {
  const name = quoteInput(file)
  const read = readRegularFile(file)
  if (Result.isFailure(read)) throw new UsageError({ message: `cannot read config ${name}: ${read.failure}` })
  let json: unknown
  try {
    json = JSON.parse(read.success)
  } catch {
    // Said without quoting the file: it may be anything (`/proc/self/environ`, a key), and JSON.parse's message quotes it.
    throw new UsageError({ message: `config ${name} is not valid JSON: ${describeJsonSyntaxError(read.success)}` })
  }
  // A misspelled field ("bound", "witnessOptional", "commandMax") would
  // otherwise be dropped and its default used without a word.
  const decoded = Schema.decodeUnknownResult(Config)(json, { onExcessProperty: "error" })
  if (Result.isFailure(decoded)) {
    throw new UsageError({ message: `config ${name} is not a valid qsem config: ${formatSchemaIssue(decoded.failure.issue)}` })
  }
  const problem = validateConfig(decoded.success)
  if (problem !== undefined) throw new UsageError({ message: `config ${name}: ${problem}` })
  return decoded.success
}
