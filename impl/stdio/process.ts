/**
 * One target process: started with `spawn` (no shell), spoken to one line at
 * a time. `request` writes a line and waits for the next line on stdout; it
 * can be interrupted (the runner's watchdog), and a process that exits, dies,
 * closes a pipe or cannot start fails the request with a typed error instead.
 * The process leads a process group of its own, killed with it
 * (`internal/processGroups.ts`): what it started in the background goes too.
 *
 * @module
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process"
import { Effect } from "effect"
import { StdioProcessEnded, type StdioFailure, StdioProtocolViolated, StdioSpawnFailed } from "./errors.ts"
import { LineReader } from "./internal/lineReader.ts"
import { groupsSupported, killGroup, trackGroup } from "./internal/processGroups.ts"
import { StderrTail } from "./internal/stderrTail.ts"
import { excerpt } from "./protocol.ts"

/**
 * The longest line a process may print: 64 MiB of text, room for a poll of a
 * long run's backlog (a 100,000-command run can poll 20,000 records, about
 * 1.5 MiB), yet a bound on what a process that never ends its line costs.
 */
export const lineLengthMax = 1 << 26

/** Real milliseconds between a closed pipe and the failure, so an exit that follows at once is reported as the exit. */
const pipeClosedGraceMs = 100

/** Real milliseconds a process has to exit after its stdin is closed before it is killed. */
const exitGraceMs = 1_000

type Waiter = (outcome: Effect.Effect<string, StdioFailure>) => void

const spawnFailure = (program: string, error: NodeJS.ErrnoException): StdioSpawnFailed => {
  const reason = error.code === "ENOENT" ? "command not found" : error.code === "EACCES" ? "permission denied" : error.message
  return new StdioSpawnFailed({ message: `cannot start ${JSON.stringify(program)}: ${reason}` })
}

/**
 * A running target process, started by its constructor; one request at a time.
 */
export class StdioProcess {
  private readonly child: ChildProcessWithoutNullStreams
  private readonly stdout = new LineReader(lineLengthMax)
  private readonly stderr = new StderrTail(4096)
  private failure: ((asked: string) => StdioFailure) | undefined
  private waiter: { readonly resume: Waiter; readonly asked: string } | undefined
  private exited = false
  private readonly exitListeners: Array<() => void> = []
  private pipeTimer: ReturnType<typeof setTimeout> | undefined
  /** Between the exit and the close of the pipes: a child it left behind may hold them open. */
  private exitTimer: ReturnType<typeof setTimeout> | undefined
  /** A request was abandoned (interrupted) or its answer was refused: the next line would be out of step. */
  private outOfStep = false

  /** Starts `words[0]` with the arguments `words[1..]`. A start failure surfaces on the first request. */
  constructor(private readonly words: ReadonlyArray<string>, private readonly display: string) {
    this.child = spawn(words[0], words.slice(1), { stdio: ["pipe", "pipe", "pipe"], windowsHide: true, detached: groupsSupported })
    trackGroup(this.child)
    this.child.stdout.setEncoding("utf8")
    this.child.stderr.setEncoding("utf8")
    this.child.stdout.on("data", (chunk: string) => {
      if (!this.stdout.push(chunk)) {
        this.fail(() => new StdioProtocolViolated({ message: `${this.display} printed a line longer than ${lineLengthMax.toLocaleString("en-US")} characters` }))
        killGroup(this.child)
      }
      this.deliver()
      if (this.waiter === undefined && this.stdout.hasLine) this.unsolicited()
    })
    this.child.stderr.on("data", (chunk: string) => this.stderr.push(chunk))
    this.child.on("error", (error: NodeJS.ErrnoException) => {
      if (this.child.pid === undefined) this.fail(() => spawnFailure(this.words[0], error))
      else this.fail(() => new StdioProcessEnded({ message: `${this.display}: ${error.message}` }))
    })
    this.child.stdin.on("error", (error: NodeJS.ErrnoException) => {
      const what = error.code === "EPIPE" ? "closed its stdin" : `stdin failed (${error.message})`
      this.failSoon((asked) => new StdioProcessEnded({ message: `${this.display} ${what} before answering ${asked}${this.stderr.suffix}` }))
    })
    this.child.stdout.on("end", () =>
      this.failSoon((asked) => new StdioProcessEnded({ message: `${this.display} closed its stdout before answering ${asked}${this.stderr.suffix}` })))
    this.child.on("exit", (code, signal) => {
      this.exited = true
      if (this.pipeTimer !== undefined) clearTimeout(this.pipeTimer)
      this.pipeTimer = undefined
      for (const listener of this.exitListeners.splice(0)) listener()
      // The pipes close soon after an exit, unless a process it left behind holds them: then that one is killed.
      this.exitTimer = setTimeout(() => {
        this.exitTimer = undefined
        this.ended(code, signal)
        killGroup(this.child)
      }, pipeClosedGraceMs)
    })
    this.child.on("close", (code, signal) => {
      if (this.exitTimer !== undefined) clearTimeout(this.exitTimer)
      this.exitTimer = undefined
      if (this.child.pid === undefined) return
      this.ended(code, signal)
      killGroup(this.child)
    })
  }

  /** The process exited (or was killed): a request still waiting fails, saying how. */
  private ended(code: number | null, signal: NodeJS.Signals | null): void {
    const how = signal !== null ? `was killed by ${signal}` : `exited with code ${code}`
    this.fail((asked) => new StdioProcessEnded({ message: `${this.display} ${how} before answering ${asked}${this.stderr.suffix}` }))
  }

  /** Records the first failure (clearing a pending pipe grace) and fails a waiting request, once its queued lines are taken. */
  private fail(failure: (asked: string) => StdioFailure): void {
    if (this.pipeTimer !== undefined) {
      clearTimeout(this.pipeTimer)
      this.pipeTimer = undefined
    }
    if (this.failure !== undefined) return
    this.failure = failure
    this.deliver()
  }

  /** Lines nobody asked for (a banner, a second answer): the process is out of step, so they fail the next request. */
  private unsolicited(): void {
    let line = this.stdout.take()
    const first = line ?? ""
    while (line !== undefined) line = this.stdout.take()
    this.fail(() => new StdioProtocolViolated({ message: `${this.display} printed a line nobody asked for: ${excerpt(first)}` }))
  }

  /** A closed pipe: fail after a short grace, unless the exit (a better message) comes first. */
  private failSoon(failure: (asked: string) => StdioFailure): void {
    if (this.failure !== undefined || this.pipeTimer !== undefined || this.exited) return
    this.pipeTimer = setTimeout(() => {
      this.pipeTimer = undefined
      this.fail(failure)
    }, pipeClosedGraceMs)
  }

  /** Hands a waiting request its line, or its failure when no line is left. */
  private deliver(): void {
    const waiter = this.waiter
    if (waiter === undefined) return
    const line = this.stdout.take()
    if (line !== undefined) {
      this.waiter = undefined
      waiter.resume(Effect.succeed(line))
    } else if (this.failure !== undefined) {
      this.waiter = undefined
      waiter.resume(Effect.fail(this.failure(waiter.asked)))
    }
  }

  /**
   * Writes `line` (plus `\n`) and waits for the next line on stdout.
   * `asked` names the request in failure messages ("ConsumerPoll"). If the
   * wait is interrupted, the process is out of step and {@link reusable}
   * turns false.
   */
  request(line: string, asked: string): Effect.Effect<string, StdioFailure> {
    return Effect.callback<string, StdioFailure>((resume) => {
      if (this.stdout.hasLine) this.unsolicited()
      if (this.failure === undefined) this.child.stdin.write(`${line}\n`)
      this.waiter = { resume, asked }
      this.deliver()
      if (this.waiter === undefined) return
      return Effect.sync(() => {
        if (this.waiter === undefined) return
        this.waiter = undefined
        this.outOfStep = true
      })
    })
  }

  /** Whether the process can serve another session: alive, in step, nothing unread on stdout. */
  get reusable(): boolean {
    return this.failure === undefined && !this.exited && !this.outOfStep && this.waiter === undefined && !this.stdout.hasLine
  }

  /** Marks the process as out of step (its answer broke the protocol): it will not be reused. */
  markOutOfStep(): void {
    this.outOfStep = true
  }

  /** Closes stdin (a polite end), then kills the process if it has not exited within a grace; waits for the exit. */
  close(): Effect.Effect<void> {
    return this.stop(false)
  }

  /** Kills the process at once (SIGKILL) and waits for the exit. */
  kill(): Effect.Effect<void> {
    return this.stop(true)
  }

  private stop(now: boolean): Effect.Effect<void> {
    return Effect.callback<void>((resume) => {
      if (this.child.pid === undefined) return resume(Effect.void)
      if (this.exited) {
        killGroup(this.child)
        return resume(Effect.void)
      }
      let timer: ReturnType<typeof setTimeout> | undefined
      this.exitListeners.push(() => {
        if (timer !== undefined) clearTimeout(timer)
        resume(Effect.void)
      })
      this.child.stdin.end()
      if (now) killGroup(this.child)
      else timer = setTimeout(() => killGroup(this.child), exitGraceMs)
    })
  }
}
