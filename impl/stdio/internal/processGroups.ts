/**
 * Target processes in process groups of their own (POSIX, started from the
 * main thread), so that what a target started leaves with it: a shell
 * wrapper's backgrounded child that still holds the stdout pipe is killed
 * with the wrapper, and not left behind after a failed open or a Ctrl-C.
 *
 * - A group is killed (SIGKILL) when qsem kills its process, and once its
 *   process has exited (what it left behind).
 * - When qsem itself gets SIGINT, SIGTERM or SIGHUP, every live group gets
 *   SIGTERM (a group of its own no longer gets the terminal's Ctrl-C, and a
 *   shell's background job ignores SIGINT), and the signal is raised again,
 *   so qsem ends as it would have.
 * - When qsem exits normally, a live process is left to its end of input
 *   (the protocol: exit when stdin closes), as before.
 *
 * Processes started in a worker thread (`qsem check --workers N`) stay in
 * qsem's own group: a signal handler runs in the main thread only, and would
 * not know them. They get the terminal's Ctrl-C directly, as any child does.
 *
 * @module
 */
import type { ChildProcess } from "node:child_process"
import { isMainThread } from "node:worker_threads"

/** Whether a target process started here gets a process group of its own (not on Windows, nor in a worker thread). */
export const groupsSupported = process.platform !== "win32" && isMainThread

/** The live groups, by the pid of their leader (= the group id). */
const live = new Map<number, ChildProcess>()

const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const

/** Sends `signal` to the group led by `pid`; false when there is no such group any more. */
const signalGroup = (pid: number, signal: NodeJS.Signals): boolean => {
  try {
    process.kill(-pid, signal)
    return true
  } catch {
    return false
  }
}

const onSignal = (signal: NodeJS.Signals): void => {
  for (const pid of live.keys()) signalGroup(pid, "SIGTERM")
  live.clear()
  uninstall()
  // With no other listener the default action (ending qsem) applies again: raise the signal once more.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
}

let installed = false

const install = (): void => {
  if (installed) return
  installed = true
  for (const signal of signals) process.on(signal, onSignal)
}

const uninstall = (): void => {
  if (!installed) return
  installed = false
  for (const signal of signals) process.off(signal, onSignal)
}

/** Notes a process started with `detached: groupsSupported` as the leader of a live group. */
export const trackGroup = (child: ChildProcess): void => {
  if (!groupsSupported || child.pid === undefined) return
  live.set(child.pid, child)
  install()
}

/**
 * Kills the process's whole group with SIGKILL (the process itself when it
 * has no group of its own), once qsem kills the process or the process has
 * exited; the group is forgotten, so it is never signalled again (its id
 * could be reused).
 */
export const killGroup = (child: ChildProcess): void => {
  const pid = child.pid
  if (pid === undefined) return
  if (live.get(pid) === child) {
    live.delete(pid)
    if (live.size === 0) uninstall()
    if (signalGroup(pid, "SIGKILL")) return
  }
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL")
}

/** Whether qsem listens for signals to pass them on to live groups (none once no group is live). */
export const listensForSignals = (): boolean => installed
