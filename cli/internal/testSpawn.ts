/**
 * Test helper: a child process run to its end without blocking the test's
 * thread, so that the independent processes of a test file run together.
 * (Light on purpose: it imports nothing of the kit.)
 *
 * @module
 */
import { spawn, type SpawnOptions } from "node:child_process"

/** What a child process printed, and how it ended. */
export interface SpawnResult {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs `node ...args` to its end, as `spawnSync` does, but asynchronously:
 * checks started together run together. Killed (SIGTERM) after `timeoutMs`
 * (then `signal` says so); rejects only when the process cannot be started.
 */
export const spawnNode = (
  args: ReadonlyArray<string>,
  options: Omit<SpawnOptions, "stdio" | "timeout"> & { readonly timeoutMs?: number } = {}
): Promise<SpawnResult> =>
  new Promise((resolve, reject) => {
    const { timeoutMs = 60_000, ...rest } = options
    const child = spawn(process.execPath, args, { ...rest, stdio: "pipe", timeout: timeoutMs })
    // As spawnSync without input: stdin is a pipe that is closed at once.
    child.stdin?.end()
    let stdout = ""
    let stderr = ""
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk))
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
    child.on("error", reject)
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
