/**
 * Test helpers for the CLI: run `main` in-process or `cli/main.ts` as a
 * child process, and assert the one-line error of bad input.
 *
 * @module
 */
import { spawnSync, type SpawnSyncOptions } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { pathToFileURL } from "node:url"
import { expect, vi } from "vitest"
import { main } from "../main.ts"

/** The repository's root. */
export const repoRoot = path.resolve(import.meta.dirname, "../..")

/** What one CLI run printed and returned. */
export interface CliResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `main` in-process and captures what it prints. */
export const runMain = async (argv: ReadonlyArray<string>): Promise<CliResult> => {
  let stdout = ""
  let stderr = ""
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk)
    return true
  })
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk)
    return true
  })
  try {
    const code = await main(argv)
    return { code, stdout, stderr }
  } finally {
    out.mockRestore()
    err.mockRestore()
  }
}

/** Runs `node --import tsx <script> ...argv` from the repository's root (default script: the CLI), killed after `timeoutMs`. */
export const runNode = (
  argv: ReadonlyArray<string>,
  options: SpawnSyncOptions & { readonly script?: string; readonly timeoutMs?: number } = {}
): CliResult & { readonly signal: NodeJS.Signals | null } => {
  const { script = path.join(repoRoot, "cli/main.ts"), timeoutMs = 60_000, ...rest } = options
  const result = spawnSync(process.execPath, ["--import", "tsx", script, ...argv], {
    cwd: repoRoot,
    stdio: "pipe",
    timeout: timeoutMs,
    ...rest
  })
  return { code: result.status, signal: result.signal, stdout: String(result.stdout), stderr: String(result.stderr) }
}

/**
 * Runs `main` on each argv in turn in ONE child process (one start-up for
 * several cases), killed after `timeoutMs`, so input that would block cannot
 * hang the test run. Extra spawn options (such as `uid`) go to the child.
 */
export const runMainInChild = (
  cases: ReadonlyArray<ReadonlyArray<string>>,
  options: SpawnSyncOptions & { readonly timeoutMs?: number } = {}
): ReadonlyArray<CliResult> => {
  const harness = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "qsem-harness-")), "harness.mts")
  fs.chmodSync(path.dirname(harness), 0o755)
  fs.writeFileSync(harness, [
    `import { main } from ${JSON.stringify(pathToFileURL(path.join(repoRoot, "cli/main.ts")).href)}`,
    "const results = []",
    "for (const argv of JSON.parse(process.argv[2])) {",
    "  let stdout = \"\"",
    "  let stderr = \"\"",
    "  const [out, err] = [process.stdout.write, process.stderr.write]",
    "  process.stdout.write = (chunk) => { stdout += String(chunk); return true }",
    "  process.stderr.write = (chunk) => { stderr += String(chunk); return true }",
    "  const code = await main(argv)",
    "  process.stdout.write = out",
    "  process.stderr.write = err",
    "  results.push({ code, stdout, stderr })",
    "}",
    "process.stdout.write(JSON.stringify(results))",
    ""
  ].join("\n"))
  try {
    const run = runNode([JSON.stringify(cases)], { ...options, script: harness })
    if (run.signal !== null) throw new Error(`the child was killed by ${run.signal} (it hung?); stderr: ${run.stderr}`)
    if (run.code !== 0) throw new Error(`the child failed with exit code ${run.code}: ${run.stderr}`)
    return JSON.parse(run.stdout) as ReadonlyArray<CliResult>
  } finally {
    fs.rmSync(path.dirname(harness), { recursive: true, force: true })
  }
}

/** Asserts exit code 2 and exactly one `qsem: ...` line on stderr matching `pattern`, nothing on stdout. */
export const expectOneLineError = (result: CliResult, pattern: RegExp): void => {
  expect(result.stderr.endsWith("\n"), result.stderr).toBe(true)
  const lines = result.stderr.slice(0, -1).split(/\r\n|\r|\n|\u2028|\u2029/)
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(/^qsem: /)
  expect(lines[0]).toMatch(pattern)
  expect(lines[0]).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/)
  expect(result.stdout).toBe("")
  expect(result.code).toBe(2)
}
