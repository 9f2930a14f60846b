import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { running, writeTestScripts } from "../impl/stdio/internal/testScripts.ts"
import { repoRoot, runMain } from "./internal/testCli.ts"
import { isBuiltinTargetName, resolveTarget } from "./targets.ts"
import { UsageError } from "./usageError.ts"

describe("--target stdio:<command line>", () => {
  it("names the target by its spec, which a saved trace records", async () => {
    const target = await resolveTarget(`stdio:python3 "examples/python-target/broker.py"`)
    expect(target.name).toBe(`stdio:python3 "examples/python-target/broker.py"`)
    expect(isBuiltinTargetName(target.name)).toBe(false)
  })

  it("a trace that records a stdio: command line never starts it by itself: replay needs --target", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qsem-stdio-replay-"))
    try {
      const marker = path.join(dir, "ran")
      const saved = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "../traces/mutants/reorder-partition.json"), "utf8")) as Record<string, unknown>
      const file = path.join(dir, "hostile.json")
      const command = `stdio:node -e "require('fs').writeFileSync(process.argv[1], '')" ${marker}`
      fs.writeFileSync(file, JSON.stringify({ ...saved, target: command }))
      const refused = await runMain(["replay", file])
      expect(refused.stderr).toBe(`qsem: trace ${JSON.stringify(file)} was saved from target ${JSON.stringify(command)}, which is not built into qsem, and a trace file never starts a program or loads a module by itself: name the target with --target (or replay on --target builtin)\n`)
      expect(refused.code).toBe(2)
      expect(fs.existsSync(marker)).toBe(false)
      const moduleTrace = path.join(dir, "module.json")
      fs.writeFileSync(moduleTrace, JSON.stringify({ ...saved, target: path.join(import.meta.dirname, "../impl/index.ts") }))
      expect((await runMain(["replay", moduleTrace])).code).toBe(2)
      expect((await runMain(["replay", file, "--target", "builtin"])).code).toBe(0)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it("a command line that cannot be split is bad usage, in one line", async () => {
    await expect(resolveTarget("stdio:python3 'broker.py")).rejects.toEqual(
      new UsageError({ message: `bad target "stdio:python3 'broker.py": unterminated ' quote` })
    )
    const result = await runMain(["check", "--target", "stdio:", "--runs", "1"])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(`qsem: bad target "stdio:": no command to run\n`)
    await expect(resolveTarget(`stdio:broker "a\nb`)).rejects.toEqual(
      new UsageError({ message: `bad target "stdio:broker \\"a\\nb": unterminated " quote` })
    )
  })

  it("a program that cannot start fails the check (exit 1) with a one-line divergence, never a crash", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qsem-stdio-cli-"))
    try {
      const result = await runMain(["check", "--target", "stdio:qsem-no-such-program-d2 --flag", "--runs", "3", "--seed", "1", "--traces", dir])
      expect(result.code).toBe(1)
      expect(result.stderr).toBe("")
      expect(result.stdout).toContain(`cannot start "qsem-no-such-program-d2": command not found`)
      expect(result.stdout).not.toMatch(/\n\s+at /)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

const until = async (condition: () => boolean): Promise<void> => {
  for (let waitedMs = 0; !condition() && waitedMs < 30_000; waitedMs += 50) await new Promise((resolve) => setTimeout(resolve, 50))
}

describe.runIf(process.platform === "linux")("a stdio target's processes on Ctrl-C", () => {
  it("are killed with qsem, what the target left in the background too, and qsem still ends by the signal", async () => {
    const scripts = writeTestScripts()
    try {
      const [node, sleeper, sleeperPids] = scripts.words("sleeper")
      const [, silent, silentPids] = scripts.words("silent")
      const wrapper = `sh -c "'${node}' '${sleeper}' '${sleeperPids}' & exec '${node}' '${silent}' '${silentPids}'"`
      const qsem = spawn(process.execPath, [path.join(repoRoot, "cli/bin.mjs"), "check", "--target", `stdio:${wrapper}`, "--runs", "1", "--answer-timeout", "600000", "--traces", scripts.dir], {
        stdio: "ignore"
      })
      const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => qsem.on("exit", (code, signal) => resolve({ code, signal })))
      await until(() => scripts.pids("sleeper").length === 1 && scripts.pids("silent").length === 1)
      const [sleeping] = scripts.pids("sleeper")
      const [target] = scripts.pids("silent")
      expect([running(sleeping), running(target)]).toEqual([true, true])
      qsem.kill("SIGINT")
      expect(await ended).toEqual({ code: null, signal: "SIGINT" })
      await until(() => !running(sleeping) && !running(target))
      expect([running(sleeping), running(target)]).toEqual([false, false])
    } finally {
      for (const name of ["sleeper", "silent"] as const) {
        for (const pid of scripts.pids(name)) if (running(pid)) process.kill(pid, "SIGKILL")
      }
      fs.rmSync(scripts.dir, { recursive: true, force: true })
    }
  })
})
