import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { main } from "./main.ts"

const root = path.resolve(import.meta.dirname, "..")

const runMain = async (argv: ReadonlyArray<string>) => {
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
    return { code: await main(argv), stdout, stderr }
  } finally {
    out.mockRestore()
    err.mockRestore()
  }
}

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "qsem-hostile-"))
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

/** A module target: the built-in broker, except that in the sessions `hostileOpens` selects, the 3rd answer is circular. */
const hostileTarget = (name: string, hostileOpens: string): string => {
  const file = path.join(dir, `${name}.ts`)
  fs.writeFileSync(file, [
    `import * as Effect from ${JSON.stringify(path.join(root, "node_modules/effect/dist/Effect.js"))}`,
    `import { builtinTarget } from ${JSON.stringify(path.join(root, "impl/index.ts"))}`,
    "let opens = 0",
    "export const target = {",
    `  name: ${JSON.stringify(name)},`,
    "  open: (config) => Effect.map(builtinTarget.open(config), (session) => {",
    `    const hostile = (${hostileOpens})(++opens)`,
    "    let answers = 0",
    "    return {",
    "      execute: (command) => Effect.map(session.execute(command), (answer) => {",
    "        if (!hostile || ++answers !== 3) return answer",
    "        const cyclic = { ...answer }",
    "        cyclic.self = cyclic",
    "        return cyclic",
    "      })",
    "    }",
    "  })",
    "}",
    ""
  ].join("\n"))
  return file
}

describe("a target that answers a circular object once, in run 150 of 200", () => {
  it("fails the check (exit 1) with a target failure at that step, and its replay prints one line, no unexpected error", async () => {
    const once = hostileTarget("circular-once", "(opens) => opens === 150")
    const checked = await runMain(["check", "--target", once, "--runs", "200", "--seed", "1", "--traces", dir])
    expect(checked.stderr).toBe("")
    expect(checked.code).toBe(1)
    expect(checked.stdout).toMatch(/witnessed in \d+\/150 runs/)
    expect(checked.stdout).toMatch(/FAILED: .*step 3.*target circular-once answered \w+ with something that is not a Response: a circular reference at self/)
    expect(checked.stdout).not.toContain("all 9 applicable guarantees held")

    const saved = fs.readdirSync(dir).filter((name) => name.endsWith(".json"))
    expect(saved).toHaveLength(1)
    const always = hostileTarget("circular-always", "() => true")
    const replayed = await runMain(["replay", path.join(dir, saved[0]), "--target", always])
    expect(replayed.stderr).toBe("")
    expect(replayed.code).toBe(1)
    const verdict = replayed.stdout.trimEnd().split("\n").at(-1) ?? ""
    expect(verdict).toMatch(/^STILL FAILS: diverges from the model at step 3: target circular-always answered \w+ with something that is not a Response: a circular reference at self$/)
    expect(replayed.stdout).not.toContain("unexpected error")
  })
})
