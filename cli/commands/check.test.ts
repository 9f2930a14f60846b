import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { runCheck } from "./check.ts"

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "qsem-check-"))
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

const check = async (argv: ReadonlyArray<string>) => {
  const lines: Array<string> = []
  const code = await runCheck([...argv, "--traces", dir], (line) => lines.push(line))
  return { code, text: lines.join("\n") }
}

describe("qsem check --stats", () => {
  it("prints what the runs exercised after the summary", async () => {
    // 30 short runs may leave a guarantee unwitnessed (exit 1): only the printout matters here.
    const { code, text } = await check(["--runs", "30", "--seed", "4", "--stats"])
    expect(code).not.toBe(2)
    expect(text).toContain("statistics of 30 runs (")
    for (const title of ["command kinds", "answers", "guarantees witnessed", "run length", "keys of sends", "rebalances per run", "sessions expired", "heartbeats by session age", "poll sizes"]) {
      expect(text).toContain(`  ${title}`)
    }
    expect(text).toMatch(/^ {4}ProducerSend \.+ +\d+\.\d\d% {2}\(\d+\)$/m)
  })

  it("prints no statistics without the flag", async () => {
    const { text } = await check(["--runs", "3", "--seed", "4"])
    expect(text).not.toContain("statistics of")
  })

  it("speaks of one run in the singular", async () => {
    const { text } = await check(["--runs", "1", "--seed", "4", "--stats"])
    expect(text).toContain("qsem check: target builtin, seed 4, 1 run of up to 60 commands (+ drain)")
    expect(text).toContain("statistics of 1 run (")
  })
})

describe("qsem check --soak", () => {
  it("runs long runs made of segments (here shortened with --runs and --commands-max)", async () => {
    const { code, text } = await check(["--soak", "--runs", "2", "--commands-max", "300", "--seed", "6", "--stats"])
    expect(code).not.toBe(2)
    expect(text).toContain("qsem check: target builtin, seed 6, 2 soak runs of up to 300 commands (+ drain)")
    // Soak runs are whole segments of 50 choices: every run's length is one of 50, 100, ... 300.
    expect(text).toMatch(/statistics of 2 runs \((\d+) commands before the drain\)/)
    const commands = Number(/statistics of 2 runs \((\d+) commands/.exec(text)?.[1])
    expect(commands % 50).toBe(0)
    expect(commands).toBeGreaterThan(0)
  })
})
