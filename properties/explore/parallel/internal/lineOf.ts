/**
 * What a thrown value says, as one line: what a worker thread tells the
 * main thread when it stops.
 *
 * @internal
 * @module
 */

/** The first line of what `error` says (its message for an `Error`). */
export const lineOf = (error: unknown): string => {
  try {
    return String(error instanceof Error ? error.message : error).split("\n")[0] ?? ""
  } catch {
    return "a value that cannot be printed"
  }
}
