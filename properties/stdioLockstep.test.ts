import * as fs from "node:fs"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type TestScripts, writeTestScripts } from "../impl/stdio/internal/testScripts.ts"
import { stdioTarget } from "../impl/stdio/target.ts"
import { configDefault } from "../spec/config.ts"
import { runCommands } from "./run.ts"

let scripts: TestScripts
beforeAll(() => {
  scripts = writeTestScripts()
})
afterAll(() => fs.rmSync(scripts.dir, { recursive: true, force: true }))

const commands = [
  { _tag: "ClockAdvance", ms: 5 },
  { _tag: "ClockAdvance", ms: 7 }
] as const

describe("a stdio target in the lockstep runner", () => {
  it("a process that conforms gives a run without divergence", async () => {
    const run = await Effect.runPromise(runCommands(stdioTarget(scripts.words("noisy")), configDefault, commands))
    expect(run).toMatchObject({ divergence: undefined, targetFailed: false })
    expect(run.actual).toEqual(run.expected)
  })

  it("a process that dies is a one-line target failure at that step", async () => {
    const run = await Effect.runPromise(runCommands(stdioTarget(scripts.words("exits")), configDefault, commands))
    expect(run.targetFailed).toBe(true)
    expect(run.divergence?.step).toBe(0)
    expect(run.divergence?.message).toMatch(
      /^target failed on ClockAdvance: StdioProcessEnded: process ".*" exited with code 3 before answering ClockAdvance \(stderr: RuntimeError: disk on fire\)$/
    )
  })

  it("a process that cannot start fails the open, at step 0", async () => {
    const run = await Effect.runPromise(runCommands(stdioTarget(["qsem-no-such-program-d2"]), configDefault, commands))
    expect(run).toMatchObject({ targetFailed: true, commands: [] })
    expect(run.divergence?.message).toMatch(/failed to open: StdioSpawnFailed: cannot start "qsem-no-such-program-d2": command not found$/)
  })

  it("an answer that never comes is cut short by the watchdog, and the process is killed", async () => {
    const run = await Effect.runPromise(
      runCommands(stdioTarget(scripts.words("silent")), configDefault, commands, { answerTimeoutMs: 1_000 })
    )
    expect(run.targetFailed).toBe(true)
    expect(run.divergence?.message).toMatch(/did not answer ClockAdvance within 1 s/)
    const pids = scripts.pids("silent")
    expect(pids).toHaveLength(1)
    expect(() => process.kill(pids[0], 0)).toThrow()
  })
})
