import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { spawnNode } from "./internal/testSpawn.ts"

const root = path.resolve(import.meta.dirname, "..")
const bin = path.join(root, "cli/bin.mjs")
const builtin = JSON.stringify(path.join(root, "impl/index.ts"))
const effect = JSON.stringify(path.join(root, "node_modules/effect/dist/Effect.js"))

let dir: string
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "qsem-hostile-"))
})
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

const write = (name: string, lines: ReadonlyArray<string>): string => {
  const file = path.join(dir, name)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, `${lines.join("\n")}\n`)
  return file
}

/**
 * Runs the real `qsem` executable on a target module; a process that does not exit in time is killed.
 * Each target has its own traces directory (trace files are named by guarantee and seed only), so the
 * checks of this file, which run concurrently, cannot read or overwrite one another's traces. A check takes 5 to
 * 12 s alone (a tsx-loaded target, and a replay process to confirm the trace), but this file's tests run
 * together: a dozen such processes on 2 cores stretch one to 40-55 s, and once, with the suite's other
 * files beside them, past 60 s. So a check gets 110 s (under vitest's 120 s per test).
 */
const check = (target: string, runs = 5, seed = 1, more: ReadonlyArray<string> = [], timeoutMs = 110_000) =>
  spawnNode([bin, "check", "--target", target, "--runs", String(runs), "--seed", String(seed), "--traces", `${target}.traces`, ...more], { cwd: dir, timeoutMs })

const expectTargetFailed = (result: Awaited<ReturnType<typeof check>>, line: string) => {
  expect(result.stderr).toBe(`qsem: target failed: ${line}\n`)
  expect(result.code).toBe(1)
}

// Every check here is a child process of its own: the tests run concurrently (each waits on its processes).
describe.concurrent("qsem check survives a hostile target module", () => {
  it("an exception thrown from a target's timer is one line and exit 1", async () => {
    const file = write("timer-throws.ts", [
      `import { builtinTarget } from ${builtin}`,
      `import * as Effect from ${effect}`,
      "let armed = false",
      "export const target = {",
      "  name: \"timer-throws\",",
      "  open: (config) => Effect.map(builtinTarget.open(config), (session) => ({",
      "    execute: (command) => {",
      "      if (!armed) { armed = true; setTimeout(() => { throw new TypeError(\"socket closed\\n    at reconnect\") }, 0) }",
      "      return session.execute(command)",
      "    }",
      "  }))",
      "}"
    ])
    expectTargetFailed(await check(file), "uncaught exception: TypeError: socket closed")
  })
  it("a promise a target leaves to reject unhandled is one line and exit 1", async () => {
    const file = write("rejects.ts", [
      `import { builtinTarget } from ${builtin}`,
      "export const target = {",
      "  name: \"rejects\",",
      "  open: (config) => { Promise.reject(new Error(\"auth refused\")); return builtinTarget.open(config) }",
      "}"
    ])
    expectTargetFailed(await check(file), "unhandled rejection: auth refused")
  })
  it("an exception thrown by open or execute themselves (not in an Effect) fails the target, without a stack trace", async () => {
    const opens = write("open-throws.ts", [
      "export const target = { name: \"open-throws\", open: () => { throw new Error(\"no broker at localhost:9092\") } }"
    ])
    const executes = write("execute-throws.ts", [
      `import { builtinTarget } from ${builtin}`,
      `import * as Effect from ${effect}`,
      "export const target = {",
      "  name: \"execute-throws\",",
      "  open: (config) => Effect.map(builtinTarget.open(config), () => ({ execute: () => { throw new Error(\"not connected\") } }))",
      "}"
    ])
    const cases = [[opens, "no broker at localhost:9092"], [executes, "not connected"]] as const
    const results = await Promise.all(cases.map(([file]) => check(file)))
    for (const [i, [, message]] of cases.entries()) {
      const result = results[i]
      expect(result.stdout).toMatch(/^FAILED: /m)
      expect(result.stdout).toContain(message)
      expect(`${result.stdout}${result.stderr}`).not.toMatch(/\n\s+at /)
      expect(result.code).toBe(1)
    }
  })
  it("a target that calls process.exit(0) before the check is done is a target failure, not a silent success", async () => {
    const file = write("exits.ts", [
      `import { builtinTarget } from ${builtin}`,
      `import * as Effect from ${effect}`,
      "let executed = 0",
      "export const target = {",
      "  name: \"exits\",",
      "  open: (config) => Effect.map(builtinTarget.open(config), (session) => ({",
      "    execute: (command) => { if (++executed === 3) process.exit(0); return session.execute(command) }",
      "  }))",
      "}"
    ])
    const result = await check(file)
    expectTargetFailed(result, "it called process.exit(0) before qsem had finished")
    expect(result.stdout).not.toMatch(/held|FAILED/)
  })
  it("a target's name, errors and timers cannot put control characters on the terminal", async () => {
    const file = write("colours.ts", [
      `import { builtinTarget } from ${builtin}`,
      `import * as Effect from ${effect}`,
      "export const target = {",
      "  name: \"red\\u001b[31m\\nFORGED LINE\",",
      "  open: (config) => Effect.map(builtinTarget.open(config), () => ({",
      "    execute: () => { throw new Error(\"\\u001b[2J\\u001b[31merased\\r\\u0000\") }",
      "  }))",
      "}"
    ])
    const timer = write("colours-timer.ts", [
      `import { builtinTarget } from ${builtin}`,
      "export const target = { name: \"timer\", open: (config) => { setTimeout(() => { throw new Error(\"\\u001b[31mred\\r\") }, 0); return builtinTarget.open(config) } }"
    ])
    const [result, timerResult] = await Promise.all([check(file), check(timer)])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain("qsem check: target red\\u001b[31m\\nFORGED LINE,")
    expect(result.stdout).toContain("target failed on ClockAdvance: Error: \\u001b[2J\\u001b[31merased\\r\\u0000")
    expect(result.stdout).not.toMatch(/^FORGED LINE/m)
    expect(result.stdout.replaceAll("\n", "")).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/)
    expectTargetFailed(timerResult, "uncaught exception: \\u001b[31mred")
  })
  it("an error thrown while the module is imported is one line and exit 2", async () => {
    const file = write("import-throws.ts", ["throw new Error(\"QUEUE_URL is not set\")", "export {}"])
    const unprintable = write("import-throws-unprintable.ts", ["throw { toString() { throw new Error(\"nope\") } }", "export {}"])
    const [result, hostile] = await Promise.all([check(file), check(unprintable)])
    expect(result.stderr).toBe(`qsem: cannot load target module ${JSON.stringify(file)}: QUEUE_URL is not set\n`)
    expect(result.code).toBe(2)
    expect(hostile.stderr).toBe(`qsem: cannot load target module ${JSON.stringify(unprintable)}: a value that cannot be printed\n`)
    expect(hostile.code).toBe(2)
  })
  it("a target that keeps the event loop alive (an interval, a listening socket) does not keep qsem from exiting", async () => {
    const file = write("keeps-alive.ts", [
      "import * as net from \"node:net\"",
      `import { builtinTarget } from ${builtin}`,
      "setInterval(() => {}, 1000)",
      "net.createServer().listen(0)",
      "export const target = { name: \"keeps-alive\", open: builtinTarget.open }"
    ])
    const result = await check(file, 20)
    expect(result.signal).toBeNull()
    expect(result.stderr).toBe("")
    expect(result.stdout).toContain("all 9 applicable guarantees held and were witnessed")
    expect(result.code).toBe(0)
  })
})

describe.concurrent("a .ts target in a project without \"type\": \"module\"", () => {
  beforeAll(() => {
    write("plain/package.json", ["{ \"name\": \"plain-project\" }"])
  })
  it("loads, even when it is just `export {}`", async () => {
    const empty = write("plain/empty.ts", ["export {}"])
    const result = await check(empty)
    expect(result.stderr).toMatch(/^qsem: module .*empty\.ts" exports no Target/)
    expect(result.code).toBe(2)
  })
  it("says what to do when the module needs ESM (top-level await)", async () => {
    const file = write("plain/awaits.ts", ["await Promise.resolve()", "export {}"])
    const result = await check(file)
    expect(result.stderr).toMatch(/^qsem: cannot load target module .*awaits\.ts": .*Top-level await .*\(its nearest package\.json has no "type": "module", so it is loaded as CommonJS: add "type": "module" there\)\n$/)
    expect(result.code).toBe(2)
  })
  it("is checked like any other target", async () => {
    const file = write("plain/target.ts", [
      `import { builtinTarget } from ${builtin}`,
      "export const target = { name: \"plain-project\", open: builtinTarget.open }"
    ])
    const result = await check(file, 20)
    expect(result.stderr).toBe("")
    expect(result.stdout).toContain("qsem check: target plain-project")
    expect(result.stdout).toContain("all 9 applicable guarantees held and were witnessed")
    expect(result.code).toBe(0)
  })
})

describe("a counterexample of a target that keeps state from run to run", () => {
  /** A target whose sessions after its first answer every ClockAdvance with 0 ms (`stale`), or all of them (`always`). */
  const clockTarget = (name: string, stale: string) =>
    write(`${name}.ts`, [
      `import { builtinTarget } from ${builtin}`,
      `import * as Effect from ${effect}`,
      "let sessions = 0",
      "export const target = {",
      `  name: ${JSON.stringify(name)},`,
      "  open: (config) => {",
      "    sessions += 1",
      `    const wrong = ${stale}`,
      "    return Effect.map(builtinTarget.open(config), (session) => ({",
      "      execute: (command) => wrong && command._tag === \"ClockAdvance\" ? Effect.succeed({ _tag: \"ClockAdvanced\", nowMs: 0, expired: [], rebalanced: [] }) : session.execute(command)",
      "    }))",
      "  }",
      "}"
    ])
  const checkOneThread = (target: string) => check(target, 20, 5, ["--workers", "1"], 120_000)
  it("is confirmed by a replay on a fresh target, and the check says when that replay passes", async () => {
    const [leaky, wrong] = await Promise.all([checkOneThread(clockTarget("leaky", "sessions > 1")), checkOneThread(clockTarget("always-wrong", "true"))])
    expect(leaky.code).toBe(1)
    expect(leaky.stdout).toContain("note: this trace PASSES when qsem replay runs it on a fresh target")
    expect(wrong.code).toBe(1)
    expect(wrong.stdout).toContain("confirmed: the trace fails on a fresh target too")
    expect(wrong.stdout).not.toContain("note: this trace")
  }, 240_000)
})
