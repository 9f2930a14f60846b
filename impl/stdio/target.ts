/**
 * `stdioTarget`: a Target that is a process in any language, spoken to over
 * stdin and stdout with the line protocol of `protocol.ts`.
 *
 * Each run (each `open`) takes an idle process of this target or starts one,
 * sends the open line (the reset) and then one command line per command. When
 * the run's scope closes, a process that is still in step goes back to the
 * idle pool for the next run; one that failed, was interrupted mid-answer or
 * printed stray lines is killed. An idle process that is not reused within
 * `idleMs` gets its stdin closed (it should exit; it is killed 1 s later).
 *
 * Every failure (cannot start, exits or dies, closes a pipe, prints something
 * that is not the expected reply, replies `{"type":"error"}`) is a typed
 * error turned into a defect at the boundary: the lockstep runner reports it
 * as a one-line target failure at that step. An answer that never comes is
 * left to the runner's real-time watchdog, which interrupts `execute`.
 *
 * @module
 */
import { Effect } from "effect"
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import type { Response } from "../../spec/response.ts"
import type { Target, TargetSession } from "../target.ts"
import { type StdioFailure, StdioProtocolViolated, StdioTargetRefused } from "./errors.ts"
import { StdioProcess } from "./process.ts"
import { decodeReplyLine, encodeCommandLine, encodeOpenLine, type Reply } from "./protocol.ts"

/** How long an idle process waits for the next run before its stdin is closed; 250 ms of real time. */
export const idleMsDefault = 250

/** Options of {@link stdioTarget}. */
export interface StdioTargetOptions {
  /** The target's name in reports and traces; default `stdio:` and the words joined by spaces. */
  readonly name?: string | undefined
  /** Real milliseconds an idle process waits for the next run; default {@link idleMsDefault}. */
  readonly idleMs?: number | undefined
}

const expectReply = <T extends Reply["type"]>(
  display: string,
  line: string,
  type: T,
  asked: string
): Effect.Effect<Extract<Reply, { readonly type: T }>, StdioFailure> => {
  const decoded = decodeReplyLine(line)
  if (decoded._tag === "Invalid") {
    return Effect.fail(new StdioProtocolViolated({ message: `${display} answered ${asked} with ${decoded.reason}` }))
  }
  const reply = decoded.reply
  if (reply.type === "error") {
    return Effect.fail(new StdioTargetRefused({ message: `${display} gave up on ${asked}: ${reply.message}` }))
  }
  if (reply.type !== type) {
    return Effect.fail(
      new StdioProtocolViolated({ message: `${display} answered ${asked} with a {"type":"${reply.type}"} line, expected {"type":"${type}"}` })
    )
  }
  return Effect.succeed(reply as Extract<Reply, { readonly type: T }>)
}

/**
 * A Target that runs `words` (a program and its arguments, no shell) and
 * speaks the stdio protocol to it.
 *
 * @example
 * ```ts
 * const target = stdioTarget(["python3", "examples/python-target/broker.py"])
 * const report = await checkTarget({ target, config: configDefault, runs: 30, seed: 1 })
 * ```
 */
export const stdioTarget = (words: ReadonlyArray<string>, options?: StdioTargetOptions): Target => {
  if (words.length === 0 || words[0] === "") throw new TypeError("stdioTarget needs a program to run")
  const name = options?.name ?? `stdio:${words.join(" ")}`
  const display = `process ${JSON.stringify(words.join(" "))}`
  const idleMs = options?.idleMs ?? idleMsDefault
  const idle: Array<{ readonly process: StdioProcess; readonly timer: ReturnType<typeof setTimeout> }> = []

  const acquire = Effect.sync((): StdioProcess => {
    for (let entry = idle.pop(); entry !== undefined; entry = idle.pop()) {
      clearTimeout(entry.timer)
      if (entry.process.reusable) return entry.process
      Effect.runFork(entry.process.kill())
    }
    return new StdioProcess(words, display)
  })

  const release = (process: StdioProcess): Effect.Effect<void> => {
    if (!process.reusable) return process.kill()
    return Effect.sync(() => {
      const timer = setTimeout(() => {
        const at = idle.findIndex((entry) => entry.process === process)
        if (at >= 0) idle.splice(at, 1)
        Effect.runFork(process.close())
      }, idleMs)
      idle.push({ process, timer })
    })
  }

  const execute = (process: StdioProcess) => (command: Command): Effect.Effect<Response> =>
    process.request(encodeCommandLine(command), command._tag).pipe(
      Effect.flatMap((line) => expectReply(display, line, "response", command._tag)),
      Effect.tapError(() => Effect.sync(() => process.markOutOfStep())),
      Effect.map((reply) => reply.response),
      Effect.orDie
    )

  /** The processes that already took an open line: another one is a reset, and a failure on it says so. */
  const served = new WeakSet<StdioProcess>()

  const open = (config: Config) =>
    Effect.gen(function*() {
      const process = yield* Effect.acquireRelease(acquire, release)
      const asked = served.has(process)
        ? "the open line of a new run (a reset: this process already served an earlier run; a failure here may need that earlier run to recur)"
        : "the open line"
      served.add(process)
      yield* process.request(encodeOpenLine(config), asked).pipe(
        Effect.flatMap((line) => expectReply(display, line, "opened", asked)),
        Effect.tapError(() => Effect.sync(() => process.markOutOfStep()))
      )
      const session: TargetSession = { execute: execute(process) }
      return session
    }).pipe(Effect.orDie)

  return { name, open }
}
