/**
 * Bad usage or bad input: printed as one line, exit code 2.
 *
 * @module
 */
import { Data } from "effect"

/** A bad flag, a missing or malformed file, an unknown target: one line for the user. */
export class UsageError extends Data.TaggedError("UsageError")<{ readonly message: string }> {}
