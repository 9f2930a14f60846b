/**
 * How the `qsem` process ends when a target misbehaves: an exception or a
 * rejection that escapes a target (from a timer, a callback, a forgotten
 * promise) becomes one line, and the process exits once its output is
 * written even when a target left handles open (an interval, a connection).
 *
 * @module
 */

/** One line naming an error: its message, prefixed by its class unless it is a plain `Error`. */
export const describeError = (error: unknown): string => {
  const text = error instanceof Error
    ? (error.name === "Error" || error.message.startsWith(error.name) ? error.message : `${error.name}: ${error.message}`)
    : String(error)
  return text.split("\n").map((line) => line.trim()).find((line) => line !== "") ?? "(no message)"
}

/**
 * Calls `onEscape` with one line for every uncaught exception and unhandled
 * rejection of the process (instead of Node printing a stack trace and
 * exiting with its own code).
 */
export const onEscapedErrors = (onEscape: (line: string) => void): void => {
  process.on("uncaughtException", (error) => onEscape(`uncaught exception: ${describeError(error)}`))
  process.on("unhandledRejection", (reason) => onEscape(`unhandled rejection: ${describeError(reason)}`))
}

/**
 * Exits with `code` as soon as what was written to stdout and stderr has been
 * handed to the OS, whatever else still keeps the event loop alive.
 */
export const exitWhenFlushed = (code: number): void => {
  process.exitCode = code
  const streams = [process.stdout, process.stderr]
  let pending = streams.length
  const flushed = () => {
    pending -= 1
    if (pending === 0) process.exit(code)
  }
  for (const stream of streams) {
    if (stream.destroyed || !stream.writable) flushed()
    else stream.write("", () => flushed())
  }
}
