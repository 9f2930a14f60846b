import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { repoRoot, runMain } from "./internal/testCli.ts"

const root = repoRoot

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

/** A module target: the built-in broker, except that it never answers the 2nd ConsumerPoll of a session. */
const hangingTarget = (): string => {
  const file = path.join(dir, "hangs.ts")
  fs.writeFileSync(file, [
    `import * as Effect from ${JSON.stringify(path.join(root, "node_modules/effect/dist/Effect.js"))}`,
    `import { builtinTarget } from ${JSON.stringify(path.join(root, "impl/index.ts"))}`,
    "export const target = {",
    "  name: \"hangs\",",
    "  open: (config) => Effect.map(builtinTarget.open(config), (session) => {",
    "    let polls = 0",
    "    return { execute: (command) => command._tag === \"ConsumerPoll\" && ++polls === 2 ? Effect.never : session.execute(command) }",
    "  })",
    "}",
    ""
  ].join("\n"))
  return file
}

describe("--answer-timeout MS on check and replay", () => {
  it("fails a hanging target after the timeout, then gives it 100 ms per answer; replay waits as long as it is told", async () => {
    const file = hangingTarget()
    const checked = await runMain(["check", "--target", file, "--runs", "20", "--seed", "1", "--traces", dir, "--answer-timeout", "400"])
    expect(checked.stderr).toBe("")
    expect(checked.code).toBe(1)
    expect(checked.stdout).toMatch(/FAILED: .*target hangs did not answer ConsumerPoll within 100 ms \(it hung before, so it no longer gets 400 ms\)/)

    const saved = fs.readdirSync(dir).filter((name) => name.endsWith(".json"))
    const replayed = await runMain(["replay", path.join(dir, saved[0]), "--target", file, "--answer-timeout", "50"])
    expect(replayed.code).toBe(1)
    expect(replayed.stdout).toMatch(/STILL FAILS: diverges from the model at step \d+: target hangs did not answer ConsumerPoll within 50 ms \(does/)
  })

  it("refuses a timeout of 0 or more than an hour with one line", async () => {
    for (const [command, value] of [["check", "0"], ["replay", "3600001"]]) {
      const args = command === "check" ? ["check", "--answer-timeout", value] : ["replay", "x.json", "--answer-timeout", value]
      const result = await runMain(args)
      expect(result.code).toBe(2)
      expect(result.stderr).toBe(`qsem: flag --answer-timeout takes a number from 1 to 3,600,000, not ${value}\n`)
    }
  })
})
