/**
 * A broker server that qsem starts and owns: a process on loopback with a
 * free port and its own data directory, waited for until it accepts clients,
 * killed with SIGKILL (its whole process group) and started again from the
 * same data directory at a `BrokerRestart`, and stopped at the end with its
 * data directory removed. A server left running when the process exits is
 * killed on the way out, so a check or a test leaves nothing behind.
 *
 * @module
 */
import { type ChildProcess, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { findExecutable } from "./executable.ts"
import { freePort, portOpen } from "./freePort.ts"

/** Where one start of a server runs: its program, ports and data directory (the same on every restart). */
export interface ServerLaunch {
  readonly program: string
  readonly host: string
  readonly port: number
  /** Further free ports the spec asked for (`extraPortsCount`), the same on every restart. */
  readonly extraPorts: ReadonlyArray<number>
  readonly dataDir: string
}

/** How to run one broker's server. */
export interface ServerSpec {
  /** The broker's name, for messages: "Redis". */
  readonly broker: string
  /** The server program, a bare name: "redis-server". */
  readonly program: string
  /** The Debian package that installs it: "redis-server". */
  readonly debianPackage: string
  /** Folders besides the PATH and the system folders where the program may be. */
  readonly programFolders?: ReadonlyArray<string> | undefined
  /** Free ports to allocate besides the client port (cluster or distribution ports). */
  readonly extraPortsCount?: number | undefined
  /** The arguments and environment of a start; may write config files into `launch.dataDir` first. */
  readonly command: (launch: ServerLaunch) => { readonly args: ReadonlyArray<string>; readonly env?: Readonly<Record<string, string>> | undefined }
  /** Whether the server accepts clients now; default: its client port accepts a TCP connection. */
  readonly ready?: ((launch: ServerLaunch) => Promise<boolean>) | undefined
  /** How long a start may take before it counts as failed; default 30 s. */
  readonly startTimeoutMs?: number | undefined
  /** Called once the server is stopped for good (for helper daemons it started, such as Erlang's epmd). */
  readonly cleanup?: ((launch: ServerLaunch) => Promise<void>) | undefined
}

/** A server qsem started: its address, and the means to kill, restart and stop it. */
export interface ManagedServer {
  readonly launch: ServerLaunch
  /** SIGKILL to the server's process group; resolves once it exited. */
  readonly kill: () => Promise<void>
  /** Starts it again from its data directory (same ports) and waits until it is ready. */
  readonly start: () => Promise<void>
  /** `kill`, then `start`: a `BrokerRestart`. */
  readonly restart: () => Promise<void>
  /** Kills it for good and removes its data directory. Safe to call twice. */
  readonly stop: () => Promise<void>
  /** The last lines the server printed, for an error message. */
  readonly output: () => string
}

/** A server program that is not installed: says which Debian package installs it, in one line. */
export class ServerMissing extends Error {
  constructor(readonly spec: ServerSpec) {
    super(`${spec.program} is not installed (${spec.broker}): install the Debian package ${spec.debianPackage} (apt-get install ${spec.debianPackage})`)
    this.name = "ServerMissing"
  }
}

/** A server that did not come up: one line with the reason and the last thing it printed. */
export class ServerFailed extends Error {
  constructor(message: string) {
    super(message)
    this.name = "ServerFailed"
  }
}

const live = new Set<ChildProcess>()
let exitHookInstalled = false

/** Kills every server this process started and still runs, at exit (last resort: `stop` is the way). */
const installExitHook = () => {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.once("exit", () => {
    for (const child of live) killGroup(child)
  })
}

const killGroup = (child: ChildProcess) => {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, "SIGKILL")
  } catch {
    try {
      child.kill("SIGKILL")
    } catch {
      // already gone
    }
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

const lastLine = (text: string): string => {
  const lines = text.split("\n").map((line) => line.trim()).filter((line) => line !== "")
  return lines.length === 0 ? "" : lines[lines.length - 1].slice(0, 300)
}

/**
 * Starts a server for `spec` on loopback with free ports and a fresh data
 * directory, and waits until it is ready. Rejects with {@link ServerMissing}
 * when the program is not installed, {@link ServerFailed} when it exits or
 * does not get ready in time.
 */
export const startServer = async (spec: ServerSpec): Promise<ManagedServer> => {
  const program = findExecutable(spec.program, spec.programFolders)
  if (program === undefined) throw new ServerMissing(spec)
  installExitHook()
  const port = await freePort()
  const extraPorts: Array<number> = []
  for (let i = 0; i < (spec.extraPortsCount ?? 0); i++) extraPorts.push(await freePort())
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `qsem-${spec.program}-`))
  const launch: ServerLaunch = { program, host: "127.0.0.1", port, extraPorts, dataDir }
  let child: ChildProcess | undefined
  let printed = ""
  let stopped = false

  const exited = (process: ChildProcess): Promise<void> =>
    process.exitCode !== null || process.signalCode !== null ? Promise.resolve() : new Promise((resolve) => process.once("exit", () => resolve()))

  const kill = async () => {
    const current = child
    if (current === undefined) return
    killGroup(current)
    await exited(current)
    live.delete(current)
    child = undefined
  }

  const start = async () => {
    if (stopped) throw new ServerFailed(`${spec.broker} was stopped`)
    const { args, env } = spec.command(launch)
    const started = spawn(program, [...args], {
      cwd: dataDir,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true
    })
    child = started
    live.add(started)
    const keep = (chunk: Buffer) => {
      printed = (printed + chunk.toString("utf8")).slice(-8_000)
    }
    started.stdout?.on("data", keep)
    started.stderr?.on("data", keep)
    let spawnError: Error | undefined
    started.once("error", (error) => (spawnError = error))
    const deadline = performance.now() + (spec.startTimeoutMs ?? 30_000)
    const ready = spec.ready ?? ((at: ServerLaunch) => portOpen(at.host, at.port))
    for (;;) {
      if (spawnError !== undefined) throw new ServerFailed(`${spec.program} could not start: ${spawnError.message}`)
      if (started.exitCode !== null || started.signalCode !== null) {
        live.delete(started)
        throw new ServerFailed(`${spec.program} exited at start (${started.exitCode ?? started.signalCode}): ${lastLine(printed)}`)
      }
      if (await ready(launch)) return
      if (performance.now() > deadline) {
        await kill()
        throw new ServerFailed(`${spec.program} was not ready within ${spec.startTimeoutMs ?? 30_000} ms: ${lastLine(printed)}`)
      }
      await sleep(10)
    }
  }

  const stop = async () => {
    if (stopped) return
    stopped = true
    await kill()
    await spec.cleanup?.(launch)
    fs.rmSync(dataDir, { recursive: true, force: true })
  }

  try {
    await start()
  } catch (error) {
    await stop()
    throw error
  }
  return {
    launch,
    kill,
    start,
    restart: async () => {
      await kill()
      await start()
    },
    stop,
    output: () => printed
  }
}
