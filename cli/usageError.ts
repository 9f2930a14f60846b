/**
 * Bad usage or bad input: printed as one line, exit code 2.
 *
 * @module
 */
import * as Data from "effect/Data"
import { escapeControlCharacters } from "../spec/internal/quoteInput.ts"

/**
 * A bad flag, a missing or malformed file, an unknown target: one line for the
 * user. Values in the message should be shown with `quoteInput`; as a last
 * safeguard the constructor escapes any newline or control character left in
 * the message, so it always prints as one line.
 */
export class UsageError extends Data.TaggedError("UsageError")<{ readonly message: string }> {
  constructor(args: { readonly message: string }) {
    super({ message: escapeControlCharacters(args.message) })
  }
}
