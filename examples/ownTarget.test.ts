/**
 * The path a user takes: `npm pack` qsem, install the tarball into the
 * standalone project of examples/own-target (in a temporary directory), and
 * check its in-memory queue through the installed `qsem` executable.
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const root = path.resolve(import.meta.dirname, "..")
const example = path.join(import.meta.dirname, "own-target")

let dir: string
let project: string
let packed: ReadonlyArray<string>

/** The environment without what `npm test` sets for its own package (npm_config_local_prefix would point npm at this repo). */
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith("npm_")))

const run = (command: string, args: ReadonlyArray<string>, cwd: string) => {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: 240_000 })
  if (result.error !== undefined) throw result.error
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const npm = (args: ReadonlyArray<string>, cwd: string) => {
  const result = run("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], cwd)
  if (result.code !== 0) throw new Error(`npm ${args.join(" ")} failed: ${result.stderr}`)
  return result.stdout
}

const qsem = (args: ReadonlyArray<string>) => run(path.join(project, "node_modules/.bin/qsem"), args, project)

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "qsem-own-target-"))
  const [pack] = JSON.parse(npm(["pack", "--json", "--pack-destination", dir], root)) as Array<{ filename: string; files: Array<{ path: string }> }>
  packed = pack.files.map((file) => file.path)
  project = path.join(dir, "project")
  fs.cpSync(example, project, { recursive: true, filter: (source) => path.basename(source) !== "node_modules" })
  npm(["install", "--omit=dev", "--prefer-offline", "--ignore-scripts", path.join(dir, pack.filename)], project)
}, 300_000)
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

describe("qsem as a dependency of another project", () => {
  it("ships what its bin needs and the example configs (the docs search witnesses on them), and leaves out tests, traces and docs", () => {
    expect(packed).toEqual(expect.arrayContaining(["package.json", "README.md", "index.ts", "cli/bin.mjs", "cli/main.ts", "spec/command.ts", "impl/target.ts", "examples/configs/outbox.json"]))
    expect(packed.filter((file) => file.endsWith(".test.ts") || /^(traces|docs|bench)\//.test(file) || /^examples\/(?!configs\/)/.test(file))).toEqual([])
  })
  it("installs a qsem executable that checks the project's own .ts target", () => {
    const result = qsem(["check", "--target", "./target.ts", "--runs", "30", "--seed", "1", "--traces", "traces"])
    expect(result.stderr).toBe("")
    expect(result.stdout).toContain("qsem check: target own-queue, seed 1, 30 runs")
    expect(result.stdout).toContain("conformance: 0 of 30 runs diverged from the model")
    expect(result.stdout).toContain("all 9 applicable guarantees held and were witnessed")
    expect(result.code).toBe(0)
  })
  it("says in one line that effect, a peer dependency, is missing", () => {
    const installed = path.join(project, "node_modules/effect")
    fs.renameSync(installed, `${installed}.hidden`)
    try {
      const result = qsem(["check", "--target", "./target.ts", "--runs", "1"])
      expect(result.stderr).toBe("qsem: cannot start: package \"effect\" is not installed: effect is a peer dependency of qsem, install it in your project (npm install effect@^4.1.0)\n")
      expect(result.code).toBe(2)
    } finally {
      fs.renameSync(`${installed}.hidden`, installed)
    }
  })
  it("checks it as well when the project's package.json has no \"type\": \"module\"", () => {
    const manifest = path.join(project, "package.json")
    const { type: _type, ...commonJs } = JSON.parse(fs.readFileSync(manifest, "utf8")) as Record<string, unknown>
    fs.writeFileSync(manifest, JSON.stringify(commonJs, null, 2))
    const result = qsem(["check", "--target", "./target.ts", "--runs", "30", "--seed", "1", "--traces", "traces"])
    expect(result.stderr).toBe("")
    expect(result.stdout).toContain("all 9 applicable guarantees held and were witnessed")
    expect(result.code).toBe(0)
  })
})
