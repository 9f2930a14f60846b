/**
 * For tests: runs the CLI's `main` in-process and captures what it prints.
 *
 * @module
 */
import { vi } from "vitest"
import { main } from "../main.ts"

/** What one in-process run of the CLI printed, and its exit code. */
export interface MainResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs `main(argv)` with stdout and stderr captured (not printed). */
export const runMain = async (argv: ReadonlyArray<string>): Promise<MainResult> => {
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
