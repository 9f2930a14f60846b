/**
 * Bad usage or bad input: printed as one line, exit code 2.
 *
 * @module
 */
import * as Data from "effect/Data"

/** A bad flag, a missing or malformed file, an unknown target: one line for the user. */
export class UsageError extends Data.TaggedError("UsageError")<{ readonly message: string }> {}
