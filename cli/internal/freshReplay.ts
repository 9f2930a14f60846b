/**
 * The confirmation of a saved counterexample on a fresh target: `qsem
 * replay` run on the trace file in a process of its own, as a user will run
 * it. A target that keeps state from one run of a check to the next (an open
 * that does not reset it: a process or module with state of its own) can
 * fail a run only because of the runs before it; the trace of that run then
 * passes on a fresh target, and the check says so instead of handing over a
 * counterexample that does not reproduce.
 *
 * @module
 */
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"

/** The `qsem` executable (the same path from the sources, cli/commands, and from the bundle, dist/cli). */
const binFile = fileURLToPath(new URL("../../cli/bin.mjs", import.meta.url))

/** What the fresh replay said: it failed as the check did, it passed, or something else (`how`: its exit code, or that it was killed after the time allowed or could not start). */
export type FreshReplay =
  | { readonly _tag: "Fails" }
  | { readonly _tag: "Passes" }
  | { readonly _tag: "Unclear"; readonly how: string }

/**
 * Runs `qsem replay <file> <args>` in a child process (output discarded) and
 * reads its exit code: 1 fails, 0 passes, anything else (or no exit within
 * `timeoutMs`, when it is killed) unclear.
 */
export const replayInFreshProcess = (file: string, args: ReadonlyArray<string>, timeoutMs: number): Promise<FreshReplay> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [binFile, "replay", file, ...args], { stdio: "ignore" })
    let killed = false
    const timer = setTimeout(() => {
      killed = true
      child.kill("SIGKILL")
    }, timeoutMs)
    child.on("error", (error) => {
      clearTimeout(timer)
      resolve({ _tag: "Unclear", how: `it could not start (${error.message})` })
    })
    child.on("exit", (code, signal) => {
      clearTimeout(timer)
      if (code === 1) resolve({ _tag: "Fails" })
      else if (code === 0) resolve({ _tag: "Passes" })
      else if (killed) resolve({ _tag: "Unclear", how: `it did not end within ${Math.round(timeoutMs / 1000)} s` })
      else resolve({ _tag: "Unclear", how: code === null ? `it was killed by ${signal}` : `it exited with code ${code}` })
    })
  })

/** Whether a target spec names a target whose state may outlive a run: a `stdio:` process or a module (not the in-memory targets, `builtin-sql`, or a real broker, which qsem resets itself). */
export const keepsStateAcrossRuns = (spec: string, inMemory: boolean, broker: boolean): boolean =>
  !inMemory && !broker && spec !== "builtin-sql"
