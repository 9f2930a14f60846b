/**
 * How the `qsem` process ends when a target misbehaves: an exception or a
 * rejection that escapes a target (from a timer, a callback, a forgotten
 * promise) becomes one line, and the process exits once its output is
 * written even when a target left handles open (an interval, a connection).
 *
 * @module
 */
import { escapeControlCharacters } from "../../spec/internal/quoteInput.ts"

/**
 * One line naming an error: its message, prefixed by its class unless it is
 * a plain `Error`, with control characters escaped (a target chose it).
 * Never throws, even on an error whose name or message is a throwing getter.
 */
export const describeError = (error: unknown): string => {
  let text: string
  try {
    text = error instanceof Error
      ? (error.name === "Error" || error.message.startsWith(error.name) ? error.message : `${error.name}: ${error.message}`)
      : String(error)
  } catch {
    text = "a value that cannot be printed"
  }
  return escapeControlCharacters(text.split("\n").map((line) => line.trim()).find((line) => line !== "") ?? "(no message)")
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

/** How a `process.exit` argument reads in a message, whatever a target passed. */
const exitCodeShown = (code: unknown): string =>
  typeof code === "number" ? String(code) : typeof code === "string" ? JSON.stringify(code.slice(0, 20)) : ""

/**
 * Makes `process.exit` a target failure until `isFinished()`: a target that
 * calls it (a client library that exits on a lost connection, a module that
 * quits when it is done) would otherwise end qsem with the target's code,
 * 0 included, before any verdict. `onExit` gets one line, then the process
 * exits with 1 at once (the caller's code never resumes). Once qsem has
 * finished, `process.exit` behaves as always.
 */
export const refuseEarlyExit = (isFinished: () => boolean, onExit: (line: string) => void): void => {
  const exit = process.exit.bind(process)
  process.exit = ((code?: unknown) => {
    if (isFinished()) return exit(code as number | undefined)
    onExit(`it called process.exit(${exitCodeShown(code)}) before qsem had finished`)
    return exit(1)
  }) as typeof process.exit
}

/**
 * Exits with `code` as soon as what was written to stdout and stderr has been
 * handed to the OS (and one more turn of the event loop has let a pending
 * stream `error` event be emitted), whatever else still keeps the event loop
 * alive. `beforeExit`, when given, runs just before the exit (it may end the
 * process itself, e.g. with code 2 when a write failed).
 */
export const exitWhenFlushed = (code: number, beforeExit?: () => void): void => {
  process.exitCode = code
  const streams = [process.stdout, process.stderr]
  let pending = streams.length
  const flushed = () => {
    pending -= 1
    if (pending !== 0) return
    setImmediate(() => {
      beforeExit?.()
      process.exit(code)
    })
  }
  for (const stream of streams) {
    if (stream.destroyed || !stream.writable) flushed()
    else stream.write("", () => flushed())
  }
}
