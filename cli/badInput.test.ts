import { execFileSync, spawn, spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as net from "node:net"
import * as os from "node:os"
import * as path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { configDefault } from "../spec/config.ts"
import { expectOneLineError, repoRoot, runMain, runMainInChild } from "./internal/testCli.ts"

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "qsem-bad-"))
})
afterEach(() => {
  fs.chmodSync(dir, 0o700)
  fs.rmSync(dir, { recursive: true, force: true })
})

const write = (name: string, text: string): string => {
  const file = path.join(dir, name)
  fs.writeFileSync(file, text)
  return file
}

const configText = (config: unknown): string => JSON.stringify(config)

/** A saved trace with its config replaced. */
const traceWithConfig = (config: unknown): string => {
  const trace = JSON.parse(fs.readFileSync(path.join(repoRoot, "traces/mutants/reorder-partition.json"), "utf8")) as Record<string, unknown>
  return JSON.stringify({ ...trace, config })
}

describe("flags named like built-in object properties are unknown flags", () => {
  for (const command of ["check", "replay", "docs"]) {
    for (const flag of ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]) {
      it(`qsem ${command} --${flag} 1`, async () => {
        expectOneLineError(await runMain([command, `--${flag}`, "1"]), new RegExp(`^qsem: unknown flag --${flag} for 'qsem ${command}'`))
      })
    }
  }
  it("also written --__proto__=1", async () => {
    expectOneLineError(await runMain(["check", "--__proto__=1"]), /^qsem: unknown flag --__proto__ for 'qsem check'/)
  })
})

describe("values echoed in an error stay on one line, quoted", () => {
  it("a flag value", async () => {
    expectOneLineError(await runMain(["check", "--runs", "1\nqsem: all held"]), /--runs takes a whole number, not "1\\nqsem: all held"$/)
  })
  it("a flag name", async () => {
    expectOneLineError(await runMain(["check", "--ru\nns", "1"]), /unknown flag "--ru\\nns" for 'qsem check'/)
  })
  it("a target name, with a newline or a terminal escape", async () => {
    expectOneLineError(await runMain(["check", "--target", "kafka\nqsem: ok"]), /unknown target "kafka\\nqsem: ok": not builtin/)
    expectOneLineError(await runMain(["check", "--target", "mutant:\u001b[2Jx"]), /unknown mutant "mutant:\\u001b\[2Jx" \(known: /)
  })
  it("a very long value is cut", async () => {
    const result = await runMain(["check", "--target", "k".repeat(100_000)])
    expectOneLineError(result, /unknown target "k+"… \(100,000 characters\)/)
    expect(result.stderr.length).toBeLessThan(1_000)
  })
  it("a config path and a trace path", async () => {
    expectOneLineError(await runMain(["check", "--config", path.join(dir, "a\nb.json")]), /cannot read config ".*a\\nb\.json": no such file$/)
    expectOneLineError(await runMain(["replay", path.join(dir, "t\r.json")]), /cannot read trace ".*t\\r\.json": no such file$/)
  })
  it("a config topic name, from a config file and from a trace", async () => {
    const config = { ...configDefault, topics: [{ name: "o\nqsem: ok", partitions: 1 }, { name: "o\nqsem: ok", partitions: 2 }] }
    expectOneLineError(
      await runMain(["check", "--config", write("c.json", configText(config))]),
      /config ".*c\.json" is not a valid qsem config: a name may not contain a control character \(found "\\n"\) at \["topics"\]\[0\]\["name"\]$/
    )
    expectOneLineError(
      await runMain(["replay", write("t.json", traceWithConfig(config))]),
      /".*t\.json" is not a valid qsem trace: a name may not contain a control character \(found "\\n"\) at \["config"\]\["topics"\]\[0\]\["name"\]$/
    )
    // A name that is printable but odd is shown quoted, never raw.
    const spaced = { ...configDefault, topics: [{ name: "o qsem: ok", partitions: 1 }, { name: "o qsem: ok", partitions: 2 }] }
    expectOneLineError(
      await runMain(["check", "--config", write("c.json", configText(spaced))]),
      /config ".*c\.json": topic "o qsem: ok" is declared twice$/
    )
  })
  it("a config group name that would forge a report line", async () => {
    const config = { ...configDefault, groups: [{ ...configDefault.groups[0], name: "g\nall 6 applicable guarantees held and were witnessed" }, configDefault.groups[1]] }
    const result = await runMain(["check", "--config", write("c.json", configText(config)), "--target", "mutant:skip-record", "--runs", "5"])
    expectOneLineError(result, /a name may not contain a control character \(found "\\n"\) at \["groups"\]\[0\]\["name"\]$/)
    expect(result.stdout).not.toContain("all 6 applicable guarantees held")
  })
  it("an unknown command, an unexpected argument, a --out path", async () => {
    expectOneLineError(await runMain(["chek\nqsem: ok"]), /^qsem: unknown command "chek\\nqsem: ok"/)
    expectOneLineError(await runMain(["check", "x\ny"]), /unexpected argument "x\\ny" for 'qsem check'/)
    const out = path.join(dir, "d\ne")
    fs.mkdirSync(out)
    expectOneLineError(await runMain(["docs", "--out", out]), /--out ".*d\\ne" is a directory, not a file/)
  })
})

describe("input files: only regular files, at most 16 MiB, never waited on", () => {
  it("a directory, a file over 16 MiB, /dev/zero: one line each", async () => {
    expectOneLineError(await runMain(["check", "--config", dir]), /cannot read config ".*": it is a directory; qsem reads only regular files$/)
    const big = path.join(dir, "big.json")
    fs.writeFileSync(big, "")
    fs.truncateSync(big, 17 * 1024 * 1024)
    expectOneLineError(await runMain(["replay", big]), /cannot read trace ".*big\.json": it has 17,825,792 bytes; qsem reads files up to 16 MiB/)
    expectOneLineError(await runMain(["check", "--config", "/dev/zero"]), /cannot read config "\/dev\/zero": it is a character device/)
    expectOneLineError(await runMain(["replay", "/dev/zero"]), /cannot read trace "\/dev\/zero": it is a character device/)
    expectOneLineError(await runMain(["docs", "--check", "--out", "/dev/zero"]), /--out "\/dev\/zero" is under \/dev: the docs are not written into a kernel file system$/)
  })

  it("a FIFO or a socket as --config, as a trace, as docs --out or as a target module; /dev/zero and a directory as a target module (in a child process, killed if it hangs)", async () => {
    const fifo = path.join(dir, "fifo.json")
    execFileSync("mkfifo", [fifo])
    const socket = path.join(dir, "socket.json")
    const server = net.createServer()
    await new Promise<void>((resolve) => server.listen(socket, resolve))
    try {
      const results = runMainInChild([
        ["check", "--config", fifo],
        ["replay", fifo],
        ["check", "--config", socket],
        ["replay", socket],
        ["docs", "--check", "--out", fifo],
        ["check", "--target", fifo, "--runs", "1"],
        ["check", "--target", "/dev/zero", "--runs", "1"],
        ["check", "--target", dir, "--runs", "1"]
      ])
      const expected = [
        /cannot read config ".*fifo\.json": it is a named pipe \(FIFO\); qsem reads only regular files$/,
        /cannot read trace ".*fifo\.json": it is a named pipe \(FIFO\); qsem reads only regular files$/,
        /cannot read config ".*socket\.json": it is a socket; qsem reads only regular files$/,
        /cannot read trace ".*socket\.json": it is a socket; qsem reads only regular files$/,
        /--out ".*fifo\.json" is not a regular file/,
        /cannot load target module ".*fifo\.json": it is a named pipe \(FIFO\); a target module is a regular file$/,
        /cannot load target module "\/dev\/zero": it is a character device; a target module is a regular file$/,
        /cannot load target module ".*": it is a directory; a target module is a regular file$/
      ]
      expect(results).toHaveLength(expected.length)
      results.forEach((result, i) => expectOneLineError(result, expected[i]))
    } finally {
      server.close()
    }
  })
})

describe("a config or trace beyond the documented limits: one line at load time", () => {
  it("bounds.membersPerGroupMax of 1e9", async () => {
    const config = { ...configDefault, bounds: { ...configDefault.bounds, membersPerGroupMax: 1e9 } }
    expectOneLineError(
      await runMain(["check", "--config", write("members.json", configText(config))]),
      /config ".*members\.json": bounds\.membersPerGroupMax is 1,000,000,000; qsem checks at most 256$/
    )
  })
  it("a topic of 1,000,000 partitions, in a config and in a trace", async () => {
    const config = { ...configDefault, topics: [{ name: "orders", partitions: 1_000_000 }, configDefault.topics[1]] }
    const message = /topic "orders" has 1,000,000 partitions; qsem checks at most 1,024 per topic$/
    expectOneLineError(await runMain(["check", "--config", write("partitions.json", configText(config))]), message)
    expectOneLineError(await runMain(["replay", write("partitions-trace.json", traceWithConfig(config))]), message)
  })
})

describe("--traces DIR is checked before any run", () => {
  const refused = async (traces: string, pattern: RegExp) => {
    expectOneLineError(await runMain(["check", "--runs", "1", "--traces", traces]), pattern)
  }
  it("a path under a file", async () => {
    const file = write("plain", "")
    await refused(path.join(file, "traces"), /--traces ".*plain\/traces" is under ".*plain", which is not a directory$/)
  })
  it("paths under /proc, /sys and /dev, also through a symbolic link, untouched", async () => {
    await refused("/proc/qsem/traces", /--traces "\/proc\/qsem\/traces" is under \/proc: traces are not saved into a kernel file system$/)
    await refused("/sys/qsem", /is under \/sys: /)
    await refused("/dev/shm/qsem-traces", /is under \/dev: /)
    fs.symlinkSync("/proc/self", path.join(dir, "link"))
    await refused(path.join(dir, "link", "traces"), /leads under \/proc through a symbolic link/)
    expect(fs.existsSync("/dev/shm/qsem-traces")).toBe(false)
  })
  it("a path that cannot be used", async () => {
    await refused(path.join(dir, "n".repeat(300), "traces"), /cannot be used: the name is too long$/)
    await refused(path.join(dir, "a\u0000b"), /cannot be used: the path contains a NUL character$/)
    fs.symlinkSync(path.join(dir, "nowhere"), path.join(dir, "dangling"))
    await refused(path.join(dir, "dangling"), /cannot be created: something that is not a directory is in the way \(a broken symbolic link\?\)$/)
    fs.rmSync(path.join(dir, "dangling"))
    expect(fs.readdirSync(dir)).toEqual([])
  })
  it("a read-only directory (checked by a user who is not root)", async (context) => {
    const isRoot = process.getuid?.() === 0
    const nobodyReads = () => spawnSync(process.execPath, ["-e", `require("fs").accessSync(${JSON.stringify(path.join(repoRoot, "cli/main.ts"))})`], { uid: 65534, gid: 65534 }).status === 0
    if (isRoot && !nobodyReads()) return context.skip("root may write anywhere, and the user nobody cannot read this checkout")
    fs.chmodSync(dir, 0o755)
    const readOnly = path.join(dir, "read-only")
    fs.mkdirSync(readOnly, { mode: 0o555 })
    fs.chmodSync(readOnly, 0o555)
    const cases = [["check", "--runs", "1", "--traces", readOnly], ["check", "--runs", "1", "--traces", path.join(readOnly, "sub")]]
    // root may write anywhere: run the CLI as the unprivileged user `nobody` instead.
    const [inside, below] = isRoot ? runMainInChild(cases, { uid: 65534, gid: 65534 }) : [await runMain(cases[0]), await runMain(cases[1])]
    expectOneLineError(inside, /--traces ".*read-only" cannot be written into: permission denied$/)
    expectOneLineError(below, /--traces ".*read-only\/sub" cannot be created: permission denied$/)
    expect(fs.readdirSync(readOnly)).toEqual([])
  })
  it("a missing directory is created only for a trace: a passing check leaves nothing behind", async () => {
    const traces = path.join(dir, "new", "traces")
    const passed = await runMain(["check", "--runs", "3", "--seed", "1", "--traces", traces])
    expect(passed.stderr).toBe("")
    expect(fs.readdirSync(dir)).toEqual([])
    const failed = await runMain(["check", "--target", "mutant:reorder-partition", "--runs", "20", "--seed", "1", "--traces", traces])
    expect(failed.code).toBe(1)
    expect(fs.readdirSync(traces)).toEqual(["PartitionOrderPreserved-1.json"])
  })
})

describe("docs --out is checked like --traces", () => {
  it("a path under /proc, /sys or /dev, also through a symbolic link, is refused untouched (mkdir -p under /proc never returns)", async () => {
    expectOneLineError(await runMain(["docs", "--out", "/proc/self/qsem/semantics.md"]), /^qsem: --out "\/proc\/self\/qsem\/semantics\.md" is under \/proc: the docs are not written into a kernel file system$/)
    expectOneLineError(await runMain(["docs", "--out", "/dev/shm/qsem-docs/semantics.md"]), /is under \/dev: /)
    expect(fs.existsSync("/dev/shm/qsem-docs")).toBe(false)
    fs.symlinkSync("/proc/self", path.join(dir, "link"))
    expectOneLineError(await runMain(["docs", "--out", path.join(dir, "link", "docs", "semantics.md")]), /is under \/proc: /)
  })
  it("a path that cannot be written is one line that says why, not an unexpected error", async () => {
    const file = write("plain", "")
    expectOneLineError(await runMain(["docs", "--out", path.join(file, "semantics.md")]), /^qsem: --out ".*plain\/semantics\.md" cannot be used: a part of its path is not a directory$/)
    expectOneLineError(await runMain(["docs", "--out", path.join(dir, "n".repeat(300), "semantics.md")]), /^qsem: --out ".* cannot be used: the name is too long$/)
    fs.symlinkSync(path.join(dir, "nowhere", "semantics.md"), path.join(dir, "dangling.md"))
    expectOneLineError(await runMain(["docs", "--out", path.join(dir, "dangling.md")]), /^qsem: cannot write --out ".*dangling\.md": a part of its path does not exist$/)
  })
})

describe("a closed stdout (`qsem check | head -1`) ends quietly with the run's own exit code", () => {
  /** Runs the CLI as a child process, closes its stdout after the first chunk, and waits for it to end. */
  const closedEarly = (argv: ReadonlyArray<string>) =>
    new Promise<{ code: number | null; first: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(repoRoot, "cli/bin.mjs"), ...argv], {
        cwd: repoRoot,
        stdio: ["ignore", "pipe", "pipe"]
      })
      let first = ""
      let stderr = ""
      child.stderr.on("data", (chunk) => (stderr += String(chunk)))
      child.stdout.once("data", (chunk) => {
        first = String(chunk)
        child.stdout.destroy()
      })
      const timer = setTimeout(() => child.kill(), 100_000)
      child.on("close", (code) => {
        clearTimeout(timer)
        resolve({ code, first, stderr })
      })
    })

  it("0 when every guarantee held, 1 when one failed, nothing on stderr", async () => {
    const [held, failed] = await Promise.all([
      closedEarly(["check", "--runs", "10", "--seed", "1", "--traces", path.join(dir, "held")]),
      closedEarly(["check", "--target", "mutant:reorder-partition", "--runs", "20", "--seed", "1", "--traces", path.join(dir, "failed")])
    ])
    expect(held.first).toMatch(/^qsem check: target builtin, seed 1/)
    expect(held).toMatchObject({ code: 0, stderr: "" })
    expect(failed.first).toMatch(/^qsem check: target mutant:reorder-partition, seed 1/)
    expect(failed).toMatchObject({ code: 1, stderr: "" })
    expect(fs.readdirSync(path.join(dir, "failed"))).toEqual(["PartitionOrderPreserved-1.json"])
  })
})

describe("stdout that cannot be written (`> /dev/full`)", () => {
  /** Runs the qsem executable as a child process with its stdout on /dev/full; its stderr and exit code. */
  const toFullDisk = (argv: ReadonlyArray<string>) =>
    new Promise<{ stderr: string; status: number | null }>((resolve, reject) => {
      const full = fs.openSync("/dev/full", "w")
      const child = spawn(process.execPath, [path.join(repoRoot, "cli/bin.mjs"), ...argv], { cwd: repoRoot, stdio: ["ignore", full, "pipe"], timeout: 100_000 })
      fs.closeSync(full)
      let stderr = ""
      child.stderr?.on("data", (chunk) => (stderr += String(chunk)))
      child.on("error", reject)
      child.on("close", (status) => resolve({ stderr, status }))
    })

  it("is one line about qsem's own output and exit 2, not a target failure", async (context) => {
    if (!fs.existsSync("/dev/full")) return context.skip("no /dev/full on this system")
    const result = await toFullDisk(["check", "--runs", "1", "--seed", "1", "--traces", dir])
    expect(result.stderr).toBe("qsem: cannot write its output to stdout: ENOSPC\n")
    expect(result.status).toBe(2)
  })

  it("is the same for every command, also one that has written all of its output before the error is reported", async (context) => {
    if (!fs.existsSync("/dev/full")) return context.skip("no /dev/full on this system")
    const cases = [
      ["--help"],
      ["replay", "traces/mutants/skip-record.json"],
      ["explore", "--config", "examples/configs/single-partition.json", "--depth", "2", "--traces", dir]
    ]
    const results = await Promise.all(cases.map(toFullDisk))
    cases.forEach((argv, index) => {
      const { stderr, status } = results[index]
      expect({ argv, stderr, status }).toEqual({ argv, stderr: "qsem: cannot write its output to stdout: ENOSPC\n", status: 2 })
    })
  })
})

describe("a flag that takes a value is given once", () => {
  it("a second value is refused with one line naming the flag, not silently taken", async () => {
    expectOneLineError(await runMain(["check", "--config", "a.json", "--config", "b.json"]), /^qsem: flag --config is given more than once: it takes one value$/)
    expectOneLineError(await runMain(["check", "--target", "builtin", "--target=mutant:skip-record"]), /^qsem: flag --target is given more than once/)
    expectOneLineError(await runMain(["check", "--runs", "1", "--runs", "2"]), /^qsem: flag --runs is given more than once/)
    expectOneLineError(await runMain(["replay", "x.json", "--answer-timeout", "5", "--answer-timeout=6"]), /^qsem: flag --answer-timeout is given more than once/)
    expectOneLineError(await runMain(["explore", "--depth", "1", "--depth", "2"]), /^qsem: flag --depth is given more than once/)
    expectOneLineError(await runMain(["docs", "--out", "a.md", "--out", "b.md"]), /^qsem: flag --out is given more than once/)
  })
  it("a switch given twice is the same switch", async () => {
    const argv = ["check", "--runs", "3", "--seed", "1", "--stats", "--traces", dir]
    const [once, twice] = [await runMain(argv), await runMain([...argv, "--stats"])]
    expect(twice.stderr).toBe("")
    expect(twice).toEqual(once)
  })
})

describe("a whole number too large to read exactly", () => {
  it("is said to be too large, with the flag's range", async () => {
    const huge = "99999999999999999999"
    const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
      [["check", "--answer-timeout", huge], "--answer-timeout takes a number from 1 to 3,600,000"],
      [["replay", "x.json", "--answer-timeout", huge], "--answer-timeout takes a number from 1 to 3,600,000"],
      [["check", "--runs", huge], "--runs takes a number from 1 to 10,000,000"],
      [["check", "--commands-max", huge], "--commands-max takes a number from 1 to 100,000"],
      [["check", "--workers", huge], "--workers takes a number from 1 to 256"],
      [["explore", "--depth", huge], "--depth takes a number from 0 to 1,000"],
      [["explore", "--states-max", huge], "--states-max takes a number from 1 to 100,000,000"],
      [["explore", "--workers", huge], "--workers takes a number from 1 to 256"]
    ]
    for (const [argv, range] of cases) {
      expectOneLineError(await runMain(argv), new RegExp(`^qsem: flag ${range}: the value given is too large$`))
    }
    expectOneLineError(await runMain(["check", "--seed", huge]), /^qsem: flag --seed takes an integer from -2147483648 to 2147483647 /)
  })
})

describe("a config or trace file that is not JSON", () => {
  it("is said to be so at a line and column, without quoting its bytes", async () => {
    const secret = write("secret.env", "API_TOKEN=hunter2\nPASSWORD=swordfish\n")
    expectOneLineError(await runMain(["check", "--config", secret]), /^qsem: config ".*secret\.env" is not valid JSON: an unexpected character at line 1, column 1$/)
    expectOneLineError(await runMain(["replay", secret]), /^qsem: ".*secret\.env" is not valid JSON: an unexpected character at line 1, column 1$/)
    const broken = write("broken.json", "{\"topics\": [1,,2]}")
    expectOneLineError(await runMain(["check", "--config", broken]), /^qsem: config ".*broken\.json" is not valid JSON: an unexpected character at line 1, column 15$/)
    expectOneLineError(await runMain(["explore", "--config", write("empty.json", "")]), /is not valid JSON: it is empty$/)
    expectOneLineError(await runMain(["replay", write("cut.json", "{\"format\": \"qsem-")]), /is not valid JSON: it ends too early at line 1, column 18$/)
  })
  it("/proc/self/environ: nothing of the environment is echoed", async (context) => {
    if (!fs.existsSync("/proc/self/environ")) return context.skip("no /proc on this system")
    for (const argv of [["check", "--config", "/proc/self/environ"], ["replay", "/proc/self/environ"]]) {
      const result = await runMain(argv)
      expect(result.code).toBe(2)
      expect(result.stderr).not.toMatch(/=|PATH|HOME/)
    }
  })
})
