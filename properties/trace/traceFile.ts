/**
 * Reading and writing trace files. A bad file gets one line that names the
 * file and what is wrong with it, never a stack trace.
 *
 * @module
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { Data, Effect, Exit, Result } from "effect"
import * as Schema from "effect/Schema"
import { validateConfig } from "../../spec/config.ts"
import { quoteInput } from "../../spec/internal/quoteInput.ts"
import { Trace, traceVersionsRead } from "../../spec/trace.ts"
import { describeJsonSyntaxError } from "../format/jsonSyntaxError.ts"
import { oneLine } from "../format/schemaIssue.ts"
import { readRegularFile } from "../internal/readRegularFile.ts"
import { traceInconsistency } from "./internal/traceConsistency.ts"
import { describeTraceIssue } from "./internal/traceIssue.ts"

/** A trace file could not be read, parsed or decoded; `message` is one line. */
export class TraceFileError extends Data.TaggedError("TraceFileError")<{ readonly message: string }> {}

/**
 * Decodes the text of a trace file, checks its config with `validateConfig`
 * and checks that it agrees with itself (answers per command, the verdict's
 * step, choices that decode to its commands: see `traceInconsistency`);
 * `source` names it in error messages.
 */
export const decodeTraceText = (text: string, source: string): Effect.Effect<Trace, TraceFileError> =>
  Effect.gen(function*() {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      // Said without quoting the text: a file given as a trace may be anything, and JSON.parse's message quotes it.
      return yield* new TraceFileError({ message: `${source} is not valid JSON: ${describeJsonSyntaxError(text)}` })
    }
    if (typeof json !== "object" || json === null || (json as { format?: unknown }).format !== "qsem-trace") {
      return yield* new TraceFileError({ message: `${source} is not a qsem trace (no "format": "qsem-trace" field)` })
    }
    const version = (json as { version?: unknown }).version
    if (!(traceVersionsRead as ReadonlyArray<unknown>).includes(version)) {
      return yield* new TraceFileError({
        message: `${source} has trace format version ${JSON.stringify(version)}; this qsem reads versions ${traceVersionsRead.join(" and ")}`
      })
    }
    const exit = Schema.decodeUnknownExit(Trace)(json)
    if (Exit.isFailure(exit)) {
      const failure = exit.cause.reasons.find((reason) => reason._tag === "Fail")
      const issue = failure !== undefined && Schema.isSchemaError(failure.error)
        ? describeTraceIssue(failure.error.issue, json)
        : oneLine(String(exit.cause))
      return yield* new TraceFileError({ message: `${source} is not a valid qsem trace: ${issue.slice(0, 400)}` })
    }
    if (exit.value.version === 1 && (exit.value.choices !== undefined || exit.value.drainGroups !== undefined)) {
      return yield* new TraceFileError({
        message: `${source} is a version 1 trace with "choices" or "drainGroups", which version 1 does not have (set "version": 2)`
      })
    }
    const invalid = validateConfig(exit.value.config)
    if (invalid !== undefined) {
      return yield* new TraceFileError({ message: `${source} has an invalid config: ${oneLine(invalid)}` })
    }
    const unknownGroup = exit.value.drainGroups?.find((name) => !exit.value.config.groups.some((group) => group.name === name))
    if (unknownGroup !== undefined) {
      return yield* new TraceFileError({ message: `${source} drains group ${quoteInput(unknownGroup)}, which its config does not declare` })
    }
    const inconsistency = traceInconsistency(exit.value)
    if (inconsistency !== undefined) return yield* new TraceFileError({ message: `${source} is inconsistent: ${oneLine(inconsistency)}` })
    return exit.value
  })

/**
 * Reads and decodes a trace file: a regular file of at most 16 MiB (see
 * `readRegularFile`: a FIFO or a device is refused, never waited on); every
 * message names the file JSON-quoted.
 */
export const readTraceFile = (file: string): Effect.Effect<Trace, TraceFileError> =>
  Effect.gen(function*() {
    const source = quoteInput(file)
    const read = readRegularFile(file)
    if (Result.isFailure(read)) return yield* new TraceFileError({ message: `cannot read trace ${source}: ${read.failure}` })
    return yield* decodeTraceText(read.success, source)
  })

/** The bytes of a trace file: deterministic JSON, two-space indented, ending in a newline. */
export const encodeTraceText = (trace: Trace): string => `${JSON.stringify(Schema.encodeSync(Trace)(trace), null, 2)}\n`

/** The file name a failing run is saved under: `<guarantee-or-divergence>-<seed>.json`. */
export const traceFileName = (trace: Trace): string =>
  `${trace.verdict._tag === "GuaranteeViolated" ? trace.verdict.guarantee : "Divergence"}-${trace.seed}.json`

/** Writes a trace into `directory` (created if needed) and returns its path. */
export const writeTraceFile = (directory: string, trace: Trace): string => {
  fs.mkdirSync(directory, { recursive: true })
  const file = path.join(directory, traceFileName(trace))
  fs.writeFileSync(file, encodeTraceText(trace))
  return file
}
