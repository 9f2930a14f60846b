import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { expectOneLineError, runMain } from "../internal/testCli.ts"

let dir: string
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "qsem-workers-"))
})
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

/** What a check printed and saved with `--workers n`: its output without the lines that depend on n or on time, and every trace file's bytes. */
const checkWith = async (argv: ReadonlyArray<string>, workers: number) => {
  const traces = path.join(dir, `${argv.join("_").replace(/[^\w-]/g, "")}-${workers}`)
  const result = await runMain(["check", ...argv, "--workers", String(workers), "--traces", traces])
  const lines = result.stdout.split("\n")
  const header = lines[0] ?? ""
  const kept = lines.slice(1).filter((line) => !/^ {2}(runs \d|shrinking:)/.test(line) && !line.startsWith("saved "))
  const saved = fs.existsSync(traces) ? fs.readdirSync(traces).sort() : []
  return {
    code: result.code,
    stderr: result.stderr,
    header,
    output: kept.join("\n"),
    traces: saved.map((name) => [name, fs.readFileSync(path.join(traces, name), "utf8")])
  }
}

describe("qsem check --workers N", () => {
  it("gives the default config's check the same output for 1, 2 and 3 workers", async () => {
    const argv = ["--runs", "16", "--seed", "1"]
    const one = await checkWith(argv, 1)
    expect(one.header).toBe("qsem check: target builtin, seed 1, 16 runs of up to 60 commands (+ drain)")
    expect(one.output).toContain("explored 16 runs")
    expect(one.output).toContain("conformance: 0 of 16 runs diverged from the model")
    for (const workers of [2, 3]) {
      const many = await checkWith(argv, workers)
      expect(many.header).toBe(`${one.header}, on ${workers} worker threads`)
      expect(many).toEqual({ ...one, header: many.header })
    }
  })

  it("finds the same first failing run of a mutant (run 28, after runs that other threads ran past) and saves the same trace bytes", async () => {
    // With 2 or 3 threads, runs past 28 are handed out before run 28 fails; some of them fail too, and are dropped.
    const argv = ["--target", "mutant:skip-record", "--runs", "60", "--seed", "1", "--commands-max", "6"]
    const one = await checkWith(argv, 1)
    expect(one.code).toBe(1)
    expect(one.output).toContain("explored 28 runs: the first failure came at run 28, after 27 that passed")
    expect(one.traces.map(([name]) => name)).toEqual(["NoLossUnderAtLeastOnce-1.json"])
    for (const workers of [2, 3]) {
      const many = await checkWith(argv, workers)
      expect(many).toEqual({ ...one, header: many.header })
    }
  })

  it("falls back to one thread, with a note, for a target module that cannot be loaded in a worker thread", async () => {
    const file = path.join(dir, "main-only.ts")
    fs.writeFileSync(file, [
      "import { isMainThread } from \"node:worker_threads\"",
      `import { builtinTarget } from ${JSON.stringify(path.resolve(import.meta.dirname, "../../impl/index.ts"))}`,
      "if (!isMainThread) throw new Error(\"main thread only\")",
      "export const target = { name: \"main-only\", open: (config: never) => builtinTarget.open(config) }",
      ""
    ].join("\n"))
    const argv = ["--target", file, "--runs", "4", "--seed", "2"]
    const one = await checkWith(argv, 1)
    const two = await checkWith(argv, 2)
    const note = `note: the target cannot be loaded in a worker thread: cannot load target module ${JSON.stringify(file)}: main thread only; running every run in this thread instead`
    expect(two.output.split("\n")[1]).toBe(note)
    expect(two.output.replace(`${note}\n`, "")).toBe(one.output)
    expect(two.code).toBe(one.code)
  })

  it("refuses a bad --workers value with one line", async () => {
    for (const bad of ["0", "257"]) {
      expectOneLineError(await runMain(["check", "--workers", bad]), new RegExp(`flag --workers takes a number from 1 to 256, not ${bad}$`))
    }
    for (const bad of ["two", "1.5", "0x2"]) {
      expectOneLineError(await runMain(["check", "--workers", bad]), /--workers takes a whole number/)
    }
    expectOneLineError(await runMain(["check", "--workers"]), /flag --workers needs a value$/)
  })

  it("refuses a bad QSEM_WORKERS with one line", async () => {
    const before = process.env.QSEM_WORKERS
    try {
      for (const bad of ["0", "x", "-2", "999999"]) {
        process.env.QSEM_WORKERS = bad
        expectOneLineError(await runMain(["check", "--runs", "1"]), /^qsem: environment variable QSEM_WORKERS takes a number from 1 to 256, not "/)
      }
    } finally {
      process.env.QSEM_WORKERS = before
    }
  })
})
