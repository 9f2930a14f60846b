/**
 * The `qsem` command line: `check`, `replay`, `explore`, `brokers` and `docs`.
 * Exit codes: 0 all held, 1 a guarantee failed or a trace diverged,
 * 2 bad usage or a bad input file (one line on stderr, never a stack trace).
 *
 * @module
 */
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { brokersUsage } from "./commands/brokersUsage.ts"
import { checkUsage } from "./commands/checkUsage.ts"
import { docsUsage } from "./commands/docsUsage.ts"
import { exploreUsage } from "./commands/exploreUsage.ts"
import { replayUsage } from "./commands/replayUsage.ts"
import { exitWhenFlushed, onEscapedErrors, refuseEarlyExit } from "./internal/processExit.ts"
import { escapeControlCharacters } from "../spec/internal/quoteInput.ts"
import { UsageError } from "./usageError.ts"

const usage = `usage: qsem <command> [flags]

${checkUsage}

${replayUsage}

${exploreUsage}

${brokersUsage}

${docsUsage}`

/** A command: runs on its arguments, prints with `print`, and returns the exit code. */
type Command = (argv: ReadonlyArray<string>, print: (line: string) => void) => Promise<number>

/**
 * The commands, each loaded only when it runs: `qsem --help` and a bad
 * command name load none of the model, the broker or fast-check.
 */
const commands: Record<string, () => Promise<Command>> = {
  check: async () => (await import("./commands/check.ts")).runCheck,
  replay: async () => (await import("./commands/replay.ts")).runReplay,
  explore: async () => (await import("./commands/explore.ts")).runExplore,
  brokers: async () => (await import("./commands/brokers.ts")).runBrokers,
  docs: async () => (await import("./commands/docs.ts")).runDocs
}

/**
 * Text as printed: each of its lines with every control character escaped,
 * so text a target chose (its name, an error message, a key of its answer)
 * cannot move the terminal's cursor, colour what follows or erase the screen.
 */
const printable = (text: string): string => text.split("\n").map(escapeControlCharacters).join("\n")

/** Runs the CLI on `argv` (without node and script); returns the exit code. */
export const main = async (argv: ReadonlyArray<string>): Promise<number> => {
  const print = (line: string) => process.stdout.write(`${printable(line)}\n`)
  const [name, ...rest] = argv
  if (name === undefined) {
    process.stderr.write(`${usage}\n`)
    return 2
  }
  if (name === "--help" || name === "-h" || name === "help") {
    print(usage)
    return 0
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined
  try {
    if (command === undefined) throw new UsageError({ message: `unknown command "${name}" (try: ${Object.keys(commands).join(", ")}, --help)` })
    if (rest.includes("--help") || rest.includes("-h")) {
      print(usage)
      return 0
    }
    return await (await command())(rest, print)
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`qsem: ${error.message}\n`)
      return 2
    }
    const message = error instanceof Error ? error.message : String(error)
    process.stderr.write(`qsem: unexpected error: ${escapeControlCharacters(message.split("\n")[0])}\n`)
    return 2
  }
}

/**
 * A reader that stops early (`qsem check | head -1`) is not an error: once
 * stdout (or stderr) is closed, whatever is still written to it is dropped,
 * and the run goes on to end with its own exit code (0 all held, 1 a failure),
 * printing nothing about the closed pipe. Any other stream error (stdout
 * on a full disk, `> /dev/full`) goes to `onOtherError` with the stream's
 * name: it is qsem's own output that failed, not the target.
 */
export const exitQuietlyOnClosedPipe = (onOtherError: (stream: "stdout" | "stderr", error: NodeJS.ErrnoException) => void): void => {
  for (const [name, stream] of [["stdout", process.stdout], ["stderr", process.stderr]] as const) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") return onOtherError(name, error)
      stream.write = (_chunk: unknown, ...rest: Array<unknown>): boolean => {
        const callback = rest.find((arg) => typeof arg === "function") as ((error?: Error | null) => void) | undefined
        callback?.()
        return true
      }
    })
  }
}

/**
 * The error that stopped stdout, unless it is a closed pipe (EPIPE, which is
 * not an error: see {@link exitQuietlyOnClosedPipe}); read from the stream's
 * state, so it is known even before the stream has emitted its `error` event.
 */
const stdoutFailure = (): NodeJS.ErrnoException | undefined => {
  const error = process.stdout.errored as NodeJS.ErrnoException | null
  return error === null || error.code === "EPIPE" ? undefined : error
}

/**
 * Runs the CLI as the process: exit code 2 unless `main` finishes, so a
 * target that never answers (and leaves nothing for Node to wait on) cannot
 * end the process as a silent success. An exception or rejection that
 * escapes a target (a timer, a forgotten promise) is one line
 * `qsem: target failed: ...` and exit 1, and so is a target that calls
 * `process.exit` (which would otherwise end qsem with the target's code, 0
 * included, before any verdict); once `main` is done the process
 * exits with its code, even if a target left an interval or a connection open.
 */
export const runAsProcess = async (): Promise<void> => {
  let finished = false
  let outputFailed = false
  // Said once, whenever it comes: while the command runs, or once it returned. A write to a full
  // disk fails at once (stdout is then a file, written synchronously) but its `error` event comes a
  // few ticks later, after a short command (`--help`, `replay`, `docs`) may have finished: so the
  // stream's state is read when the command returns and again once the output is flushed, and the
  // exit waits one turn of the event loop for an event still pending.
  const onOutputError = (stream: "stdout" | "stderr", error: NodeJS.ErrnoException): void => {
    if (outputFailed) return
    outputFailed = true
    finished = true
    if (stream === "stdout") process.stderr.write(`qsem: cannot write its output to stdout: ${escapeControlCharacters(error.code ?? error.message)}\n`)
    process.exit(2)
  }
  exitQuietlyOnClosedPipe(onOutputError)
  const checkStdout = (): void => {
    const error = stdoutFailure()
    if (error !== undefined) onOutputError("stdout", error)
  }
  const finish = (code: number): void => {
    finished = true
    checkStdout()
    exitWhenFlushed(code, checkStdout)
  }
  process.exitCode = 2
  onEscapedErrors((line) => {
    if (finished) return
    process.stderr.write(`qsem: target failed: ${line}\n`)
    finish(1)
  })
  refuseEarlyExit(() => finished, (line) => {
    finished = true
    process.exitCode = 1
    process.stderr.write(`qsem: target failed: ${line}\n`)
  })
  process.on("beforeExit", () => {
    if (finished) return
    finished = true
    process.exitCode = 2
    process.stderr.write("qsem: the target stopped answering: it waits on something that never happens (a sleep on the Clock? the runner's TestClock moves only on ClockAdvance)\n")
  })
  const code = await main(process.argv.slice(2))
  if (!finished) finish(code)
}

/**
 * Serves a `qsem check --workers N` worker thread (its entry,
 * cli/internal/checkWorker.mjs, calls it in the compiled bundle); loaded only
 * in a worker.
 */
export const runCheckWorker = async (): Promise<void> => (await import("./internal/checkWorkerMain.ts")).runCheckWorker()

/**
 * Serves a `qsem explore --workers N` worker thread (its entry,
 * cli/internal/exploreWorker.mjs, calls it in the compiled bundle); loaded
 * only in a worker.
 */
export const runExploreWorker = async (): Promise<void> => (await import("./internal/exploreWorkerMain.ts")).runExploreWorker()

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runAsProcess()
}
