import { Cause, Effect, Exit } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Command } from "../../spec/command.ts"
import { configDefault } from "../../spec/config.ts"
import type { Response } from "../../spec/response.ts"
import type { Target } from "../target.ts"
import { running, type TestScriptName, type TestScripts, writeTestScripts } from "./internal/testScripts.ts"
import { listensForSignals } from "./internal/processGroups.ts"
import { stdioTarget } from "./target.ts"
import * as fs from "node:fs"

let scripts: TestScripts
beforeAll(() => {
  scripts = writeTestScripts()
})
afterAll(() => fs.rmSync(scripts.dir, { recursive: true, force: true }))

const tick = (ms: number): Command => ({ _tag: "ClockAdvance", ms })

/** One session: open, run the commands, close the scope. */
const session = (target: Target, commands: ReadonlyArray<Command>): Effect.Effect<ReadonlyArray<Response>> =>
  Effect.scoped(
    Effect.gen(function*() {
      const opened = yield* target.open(configDefault)
      const answers: Array<Response> = []
      for (const command of commands) answers.push(yield* opened.execute(command))
      return answers
    })
  )

/** The one-line message a session fails with. */
const failureOf = async (name: TestScriptName | ReadonlyArray<string>, commands: ReadonlyArray<Command> = [tick(1)]): Promise<string> => {
  const target = stdioTarget(typeof name === "string" ? scripts.words(name as TestScriptName) : name)
  const exit = await Effect.runPromiseExit(session(target, commands))
  if (Exit.isSuccess(exit)) throw new Error(`expected a failure, got ${JSON.stringify(exit.value)}`)
  const error = Cause.squash(exit.cause)
  const message = error instanceof Error ? error.message : String(error)
  expect(message).not.toContain("\n")
  return message
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe("stdioTarget", () => {
  it("runs a session over the protocol, and the open line resets the process's state", async () => {
    const target = stdioTarget(scripts.words("clock"))
    const first = await Effect.runPromise(session(target, [tick(5), tick(7)]))
    const second = await Effect.runPromise(session(target, [tick(5)]))
    expect(first.map((answer) => answer._tag === "ClockAdvanced" && answer.nowMs)).toEqual([5, 12])
    expect(second).toEqual([{ _tag: "ClockAdvanced", nowMs: 5, expired: [], rebalanced: [] }])
    expect(scripts.pids("clock")).toHaveLength(1)
  })

  it("ignores what the process writes on stderr", async () => {
    const answers = await Effect.runPromise(session(stdioTarget(scripts.words("noisy")), [tick(3), tick(4)]))
    expect(answers.map((answer) => answer._tag === "ClockAdvanced" && answer.nowMs)).toEqual([3, 7])
  })

  it("fails in one line when the program cannot be started", async () => {
    expect(await failureOf(["qsem-no-such-program-d2"])).toBe(`cannot start "qsem-no-such-program-d2": command not found`)
  })

  it("fails in one line, quoting stderr, when the process exits", async () => {
    expect(await failureOf("exits")).toMatch(/exited with code 3 before answering ClockAdvance \(stderr: RuntimeError: disk on fire\)$/)
  })

  it("says a failure on the open line of a reused process is a failure to reset after an earlier run", async () => {
    const target = stdioTarget(scripts.words("resetExits"))
    await Effect.runPromise(session(target, [tick(1)]))
    const exit = await Effect.runPromiseExit(session(target, [tick(1)]))
    expect(Exit.isFailure(exit) && String(Cause.squash(exit.cause))).toMatch(
      /exited with code 4 before answering the open line of a new run \(a reset: this process already served an earlier run; a failure here may need that earlier run to recur\)/
    )
    expect(await failureOf("exits")).toMatch(/before answering ClockAdvance/)
  })

  it("fails when the process prints a line that is not JSON", async () => {
    expect(await failureOf("chatty")).toMatch(/answered ClockAdvance with a line that is not JSON: "hello from the target"$/)
  })

  it("fails when the process prints JSON that is not a reply", async () => {
    expect(await failureOf("wrongShape")).toMatch(/answered ClockAdvance with "\{.*Nope.*\}", which is not a reply line/)
  })

  it("fails when the process answers the open line with a response", async () => {
    expect(await failureOf("wrongOrder")).toMatch(/answered the open line with a \{"type":"response"\} line, expected \{"type":"opened"\}$/)
  })

  it("fails with the process's own message when it replies with an error line", async () => {
    expect(await failureOf("refuses")).toMatch(/gave up on ClockAdvance: ClockAdvance is not supported$/)
  })

  it("fails when the process prints a line nobody asked for", async () => {
    expect(await failureOf("twice", [tick(1), tick(1)])).toMatch(/printed a line nobody asked for: "\{.*ClockAdvanced.*\}"$/)
  })

  it("fails when the process closes its stdin", async () => {
    expect(await failureOf("closesStdin")).toMatch(/closed its stdin before answering ClockAdvance$/)
  }, 20_000)

  it("fails when the process prints an endless line", async () => {
    expect(await failureOf("endless")).toMatch(/printed a line longer than 67,108,864 characters$/)
  })

  it("kills a process whose answer never came, once the session is interrupted", async () => {
    const target = stdioTarget(scripts.words("silent"))
    const exit = await Effect.runPromiseExit(Effect.scoped(
      Effect.flatMap(target.open(configDefault), (opened) => Effect.timeout(opened.execute(tick(1)), "300 millis"))
    ))
    expect(Exit.isFailure(exit) && Cause.hasFails(exit.cause)).toBe(true)
    const pids = scripts.pids("silent")
    expect(pids).toHaveLength(1)
    expect(alive(pids[0])).toBe(false)
  })

  it("starts a fresh process for the next session after a failure", async () => {
    const target = stdioTarget(scripts.words("refuses"))
    await Effect.runPromiseExit(session(target, [tick(1)]))
    const before = scripts.pids("refuses").length
    await Effect.runPromiseExit(session(target, [tick(1)]))
    const pids = scripts.pids("refuses")
    expect(pids).toHaveLength(before + 1)
    expect(alive(pids[pids.length - 2])).toBe(false)
  })

  it.runIf(process.platform === "linux")(
    "fails at a wrapper's exit though the child it left in the background holds its stdout, and kills that child",
    async () => {
      const [node, sleeper, pidFile] = scripts.words("sleeper")
      const wrapper = ["sh", "-c", `'${node}' '${sleeper}' '${pidFile}' & while [ ! -s '${pidFile}' ]; do sleep 0.05; done; exit 5`]
      const exit = await Effect.runPromiseExit(Effect.timeout(session(stdioTarget(wrapper), [tick(1)]), "20 seconds"))
      expect(Exit.isFailure(exit) && String(Cause.squash(exit.cause))).toMatch(/exited with code 5 before answering the open line$/)
      const [pid] = scripts.pids("sleeper")
      for (let waitedMs = 0; running(pid) && waitedMs < 10_000; waitedMs += 50) await new Promise((resolve) => setTimeout(resolve, 50))
      expect(running(pid)).toBe(false)
    }
  )

  it("closes an idle process once no run wants it", async () => {
    const target = stdioTarget(scripts.words("noisy"), { idleMs: 20 })
    await Effect.runPromise(session(target, [tick(1)]))
    const pid = scripts.pids("noisy").at(-1) as number
    for (let waitedMs = 0; alive(pid) && waitedMs < 10_000; waitedMs += 50) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(alive(pid)).toBe(false)
    // With no target process left, qsem no longer listens for Ctrl-C: the default action is back.
    for (let waitedMs = 0; listensForSignals() && waitedMs < 10_000; waitedMs += 50) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(listensForSignals()).toBe(false)
  })
})
