/**
 * Target processes in process groups of their own (POSIX), so that what a
 * target started leaves with it: a shell wrapper's backgrounded child that
 * still holds the stdout pipe is killed with the wrapper, and not left
 * behind after a failed open or a Ctrl-C.
 *
 * A group is killed when its process is stopped or has exited, and every
 * live group is killed when qsem exits or is stopped by SIGINT, SIGTERM or
 * SIGHUP (a process group of its own no longer gets the terminal's Ctrl-C;
 * the signal is then raised again, so qsem ends as it would have).
 *
 * @module
 */
import type { ChildProcess } from "node:child_process"
import { isMainThread } from "node:worker_threads"

/** Whether target processes get a process group of their own (not on Windows, where `detached` means a new console). */
export const groupsSupported = process.platform !== "win32"

/** The leaders (= group ids) of the live groups. */
const live = new Set<number>()

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

const killLive = (): void => {
  for (const pid of live) signalGroup(pid, "SIGKILL")
  live.clear()
}

const onSignal = (signal: NodeJS.Signals): void => {
  killLive()
  uninstall()
  // With no other listener the default action (ending qsem) applies again: raise the signal once more.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
}

let installed = false

const install = (): void => {
  if (installed) return
  installed = true
  process.on("exit", killLive)
  if (isMainThread) for (const signal of signals) process.on(signal, onSignal)
}

const uninstall = (): void => {
  if (!installed) return
  installed = false
  process.off("exit", killLive)
  if (isMainThread) for (const signal of signals) process.off(signal, onSignal)
}

/** Notes a started process as the leader of a live group (its `pid` is the group id). */
export const trackGroup = (child: ChildProcess): void => {
  if (!groupsSupported || child.pid === undefined) return
  live.add(child.pid)
  install()
}

/**
 * Kills the process's whole group with SIGKILL (the process itself when it
 * has no group of its own), once the process is to go or has gone; the
 * group is forgotten, so it is never signalled again (its id could be
 * reused).
 */
export const killGroup = (child: ChildProcess): void => {
  const pid = child.pid
  if (pid === undefined) return
  if (groupsSupported && live.delete(pid)) {
    if (!signalGroup(pid, "SIGKILL")) child.kill("SIGKILL")
    if (live.size === 0) uninstall()
  } else if (child.exitCode === null && child.signalCode === null) {
    child.kill("SIGKILL")
  }
}

/** How many groups are live (for tests). */
export const liveGroupCount = (): number => live.size
