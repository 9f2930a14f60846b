/**
 * The `qsem` executable runs the compiled bundle only while it is fresh. The
 * tests work on a copy of the sources (never the real tree) whose
 * node_modules links every installed package but can hide tsx: the bundle
 * runs without tsx, the sources cannot, so whether `qsem` still starts tells
 * which of the two ran.
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const root = path.resolve(import.meta.dirname, "..")

let copy: string

const run = (script: string, argv: ReadonlyArray<string>) => {
  const result = spawnSync(process.execPath, [path.join(copy, script), ...argv], { cwd: copy, encoding: "utf8", timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}
const qsem = (...argv: ReadonlyArray<string>) => run("cli/bin.mjs", argv)
const build = () => {
  const result = run("cli/internal/buildBundle.mjs", [])
  expect(result.stderr).toMatch(/^qsem: built dist\/cli\/qsem\.mjs and \d+ chunks/)
  expect(result.code).toBe(0)
}
const withoutPackage = <A>(name: string, body: () => A): A => {
  const link = path.join(copy, "node_modules", name)
  fs.renameSync(link, `${link}.hidden`)
  try {
    return body()
  } finally {
    fs.renameSync(`${link}.hidden`, link)
  }
}
const withoutTsx = <A>(body: () => A): A => withoutPackage("tsx", body)
const tsxMissing = "qsem: cannot start: package \"tsx\" is not installed (npm install tsx)\n"
const usageFile = () => path.join(copy, "cli/commands/checkUsage.ts")

beforeAll(() => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), "qsem-bundle-"))
  for (const entry of ["package.json", "index.ts", "cli", "spec", "model", "impl", "properties", "brokers"]) {
    fs.cpSync(path.join(root, entry), path.join(copy, entry), { recursive: true })
  }
  fs.mkdirSync(path.join(copy, "node_modules"))
  for (const name of fs.readdirSync(path.join(root, "node_modules"))) {
    if (name.startsWith(".")) continue
    fs.symlinkSync(fs.realpathSync(path.join(root, "node_modules", name)), path.join(copy, "node_modules", name))
  }
  build()
}, 60_000)
afterAll(() => {
  fs.rmSync(copy, { recursive: true, force: true })
})

describe("the qsem executable and its compiled bundle", () => {
  it("runs the fresh bundle, which needs no tsx, and passes a smoke check", () => {
    withoutTsx(() => {
      const help = qsem("--help")
      expect(help.stderr).toBe("")
      expect(help.stdout).toMatch(/^usage: qsem <command> \[flags\]/)
      expect(help.code).toBe(0)
      const check = qsem("check", "--runs", "3", "--seed", "1", "--traces", path.join(copy, "traces"))
      expect(check.stderr).toBe("")
      expect(check.stdout).toContain("qsem check: target builtin, seed 1, 3 runs")
      expect(check.stdout).toContain("conformance: 0 of 3 runs diverged from the model")
      expect(check.stdout).not.toMatch(/^FAILED/m)
      expect(check.code).not.toBe(2)
    })
  })
  it("loads a command's code only when it runs, and effect's modules by path, never its barrel", () => {
    const help = withoutPackage("fast-check", () => withoutTsx(() => qsem("--help")))
    expect(help.stderr).toBe("")
    expect(help.code).toBe(0)
    const built = fs.readdirSync(path.join(copy, "dist/cli")).filter((name) => name.endsWith(".mjs"))
    expect(built.length).toBeGreaterThan(1)
    for (const name of built) expect(fs.readFileSync(path.join(copy, "dist/cli", name), "utf8")).not.toMatch(/from\s*"effect"/)
  })
  it("runs the sources, as edited, once one of the bundle's inputs changed, until it is built again", () => {
    const original = fs.readFileSync(usageFile(), "utf8")
    const edited = original.replace("Generates runs,", "Generates runs (edited),")
    expect(edited).not.toBe(original)
    // An older modification time does not hide the edit: freshness compares contents.
    const { atime, mtime } = fs.statSync(usageFile())
    fs.writeFileSync(usageFile(), edited)
    fs.utimesSync(usageFile(), atime, mtime)
    try {
      withoutTsx(() => expect(qsem("--help")).toEqual({ code: 2, stdout: "", stderr: tsxMissing }))
      const fromSources = qsem("--help")
      expect(fromSources.stdout).toContain("Generates runs (edited),")
      expect(fromSources.code).toBe(0)
      build()
      const rebuilt = withoutTsx(() => qsem("--help"))
      expect(rebuilt.stdout).toContain("Generates runs (edited),")
      expect(rebuilt.code).toBe(0)
    } finally {
      fs.writeFileSync(usageFile(), original)
      build()
    }
  })
  it("ships in npm pack with every source it was built from, so an installed qsem runs it", () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith("npm_")))
    const result = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts", "--loglevel=error"], { cwd: copy, env, encoding: "utf8", timeout: 60_000 })
    expect(result.status).toBe(0)
    const [pack] = JSON.parse(result.stdout) as Array<{ files: Array<{ path: string }> }>
    const packed = pack.files.map((file) => file.path)
    const listed = JSON.parse(fs.readFileSync(path.join(copy, "dist/cli/qsem.inputs.json"), "utf8")) as { inputs: Record<string, string> }
    const built = fs.readdirSync(path.join(copy, "dist/cli")).map((name) => `dist/cli/${name}`)
    expect(built).toEqual(expect.arrayContaining(["dist/cli/qsem.mjs", "dist/cli/qsem.inputs.json"]))
    expect(packed).toEqual(expect.arrayContaining([...built, ...Object.keys(listed.inputs)]))
  })
  it("runs the sources when an input is gone, the list of inputs is unreadable, or there is no bundle", () => {
    const inputs = path.join(copy, "dist/cli/qsem.inputs.json")
    const listed = JSON.parse(fs.readFileSync(inputs, "utf8")) as { inputs: Record<string, string> }
    expect(Object.keys(listed.inputs)).toEqual(expect.arrayContaining(["cli/main.ts", "cli/commands/check.ts", "model/index.ts", "cli/internal/buildBundle.mjs"]))
    const saved = fs.readFileSync(inputs, "utf8")
    try {
      fs.writeFileSync(inputs, JSON.stringify({ inputs: { ...listed.inputs, "spec/gone.ts": "0".repeat(64) } }))
      withoutTsx(() => expect(qsem("--help")).toEqual({ code: 2, stdout: "", stderr: tsxMissing }))
      fs.writeFileSync(inputs, saved.slice(0, 100))
      withoutTsx(() => expect(qsem("--help")).toEqual({ code: 2, stdout: "", stderr: tsxMissing }))
      fs.writeFileSync(inputs, saved)
      withoutTsx(() => expect(qsem("--help").code).toBe(0))
      fs.rmSync(path.join(copy, "dist"), { recursive: true })
      withoutTsx(() => expect(qsem("--help")).toEqual({ code: 2, stdout: "", stderr: tsxMissing }))
      expect(qsem("--help").code).toBe(0)
    } finally {
      build()
    }
  })
})
