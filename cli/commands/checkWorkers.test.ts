import * as fs from "node:fs"
import * as os from "node:os"
import { availableParallelism } from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { expectOneLineError, runMain } from "../internal/testCli.ts"
import { checkWorkersDefault } from "../internal/workersDefault.ts"

let dir: string
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "qsem-workers-"))
})
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

/**
 * What a check printed and saved with `--workers n`: its output without the
 * header (which names n), the shrinking's progress and the saved file's name,
 * and every trace file's bytes. Its progress lines stay: off a terminal they
 * have no rate, only counts, the same for any n.
 */
const checkWith = async (argv: ReadonlyArray<string>, workers: number) => {
  const traces = path.join(dir, `${argv.join("_").replace(/[^\w-]/g, "")}-${workers}`)
  const result = await runMain(["check", ...argv, "--workers", String(workers), "--traces", traces])
  const lines = result.stdout.split("\n")
  const header = lines[0] ?? ""
  const kept = lines.slice(1)
    .filter((line) => !line.startsWith("  shrinking:") && !line.startsWith("saved "))
  const saved = fs.existsSync(traces) ? fs.readdirSync(traces).sort() : []
  return {
    code: result.code,
    stderr: result.stderr,
    header,
    output: kept.join("\n"),
    traces: saved.map((name) => [name, fs.readFileSync(path.join(traces, name), "utf8")])
  }
}

/** The check without its progress lines: where a fall-back's note comes among them depends on when the worker gave up. */
const withoutProgress = <A extends { readonly output: string }>(check: A): A => ({
  ...check,
  output: check.output.split("\n").filter((line) => !/^ {2}runs \d/.test(line)).join("\n")
})

describe("qsem check --workers N", () => {
  // Three threads (this one and two workers) rather than each of 2, 3 and 4: an uneven split, with the chunks of
  // two worker threads between this thread's; each check on several threads starts its worker threads anew.
  it("gives the default config's check the same output, progress and run statistics on 3 threads as on one", async () => {
    const argv = ["--runs", "100", "--seed", "1", "--stats"]
    const one = await checkWith(argv, 1)
    expect(one.header).toBe("qsem check: target builtin, seed 1, 100 runs of up to 60 commands (+ drain)")
    expect(one.output).toContain("explored 100 runs")
    expect(one.output).toContain("conformance: 0 of 100 runs diverged from the model")
    expect(one.output).toMatch(/^ {2}runs 50\/100 · [\d,]+ commands$/m)
    expect(one.output).toContain("partition load: orders p0")
    expect(one.output).toContain("witnessed in")
    const many = await checkWith(argv, 3)
    expect(many.header).toBe(`${one.header}, on 3 threads`)
    expect(many).toEqual({ ...one, header: many.header })
  })

  it("gives a config with queues, retries and dead letters the same figures on 3 threads as on one", async () => {
    for (const config of ["queue-and-stream", "poison-and-retries"]) {
      const argv = ["--config", `examples/configs/${config}.json`, "--runs", "40", "--seed", "2", "--stats"]
      const one = await checkWith(argv, 1)
      const three = await checkWith(argv, 3)
      expect(three).toEqual({ ...one, header: three.header })
    }
  })

  it("finds the same first failing run of a mutant (run 28, after runs that other threads ran past) and saves the same trace bytes", async () => {
    // With 3 threads, runs past 28 are handed out before run 28 fails; some of them fail too, and are dropped.
    const argv = ["--target", "mutant:skip-record", "--runs", "60", "--seed", "1", "--commands-max", "6"]
    const one = await checkWith(argv, 1)
    expect(one.code).toBe(1)
    expect(one.output).toContain("explored 28 runs: the first failure came at run 28, after 27 that passed")
    expect(one.traces.map(([name]) => name)).toEqual(["NoLossUnderAtLeastOnce-1.json"])
    const many = await checkWith(argv, 3)
    expect(many).toEqual({ ...one, header: many.header })
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
    const one = withoutProgress(await checkWith(argv, 1))
    const two = withoutProgress(await checkWith(argv, 2))
    const note = `note: the target cannot be loaded in a worker thread: cannot load target module ${JSON.stringify(file)}: main thread only; the rest runs in this thread`
    expect(two.output.split("\n")[1]).toBe(note)
    expect(two.output.replace(`${note}\n`, "")).toBe(one.output)
    expect(two.code).toBe(one.code)
  })

  it("falls back to this thread, with a note, when a worker thread ends unexpectedly", async () => {
    const file = path.join(dir, "worker-exits.ts")
    fs.writeFileSync(file, [
      "import { isMainThread } from \"node:worker_threads\"",
      `import { builtinTarget } from ${JSON.stringify(path.resolve(import.meta.dirname, "../../impl/index.ts"))}`,
      "if (!isMainThread) process.exit(3)",
      "export const target = { name: \"worker-exits\", open: (config: never) => builtinTarget.open(config) }",
      ""
    ].join("\n"))
    const argv = ["--target", file, "--runs", "30", "--seed", "2"]
    const one = withoutProgress(await checkWith(argv, 1))
    const two = withoutProgress(await checkWith(argv, 2))
    const note = "note: a worker thread ended (exit code 3); the rest runs in this thread"
    expect(two.output.split("\n").filter((line) => line.startsWith("note:"))).toEqual([note])
    expect(two.output.replace(`${note}\n`, "")).toBe(one.output)
    expect(two.code).toBe(one.code)
  })

  it("runs a small check of the in-memory broker in one thread by default, a large one on more (a thread per 300,000 commands, up to every core), other targets on every core, unless QSEM_WORKERS says otherwise", async () => {
    const before = process.env.QSEM_WORKERS
    try {
      delete process.env.QSEM_WORKERS
      const cores = availableParallelism()
      const headerOf = async (runs: number, commandsMax: number) =>
        (await runMain(["check", "--runs", String(runs), "--commands-max", String(commandsMax), "--seed", "1", "--traces", path.join(dir, "default")])).stdout
          .split("\n")[0]
      expect(await headerOf(8, 60)).toBe("qsem check: target builtin, seed 1, 8 runs of up to 60 commands (+ drain)")
      // Each thread gets 300,000 commands' worth of runs at least: 5,000 runs of up to 60 commands.
      expect(checkWorkersDefault(9_999, 60, "builtin")).toBe(1)
      expect(checkWorkersDefault(10_000, 60, "mutant:double-assign")).toBe(Math.min(cores, 2))
      expect(checkWorkersDefault(1_000_000, 60, "model")).toBe(cores)
      // The commands count, not the runs: 2 runs of up to 300,000 commands are worth two threads.
      expect(checkWorkersDefault(2, 300_000, "builtin")).toBe(Math.min(cores, 2))
      // Targets whose commands cost more than the in-memory broker's: every core, as a worker's start-up is paid back sooner.
      for (const spec of ["builtin-sql", "stdio:python3 broker.py", "./my-target.ts"]) expect(checkWorkersDefault(8, 60, spec)).toBe(cores)
      if (cores > 1) {
        // A large check of a mutant that fails at once: it is over soon, on 2 threads.
        const large = await runMain(["check", "--target", "mutant:double-assign", "--runs", "10000", "--seed", "1", "--traces", path.join(dir, "default")])
        expect(large.stdout.split("\n")[0]).toBe("qsem check: target mutant:double-assign, seed 1, 10000 runs of up to 60 commands (+ drain), on 2 threads")
        expect(large.code).toBe(1)
      }
      process.env.QSEM_WORKERS = "3"
      expect(await headerOf(8, 60)).toMatch(/, on 3 threads$/)
      expect(checkWorkersDefault(8, 60, "builtin")).toBe(3)
    } finally {
      if (before === undefined) delete process.env.QSEM_WORKERS
      else process.env.QSEM_WORKERS = before
    }
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
      if (before === undefined) delete process.env.QSEM_WORKERS
      else process.env.QSEM_WORKERS = before
    }
  })
})
