import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { catalogue } from "../../spec/catalogue.ts"
import { runMain } from "../internal/testCli.ts"
import { generateSemantics } from "./semantics.ts"

const committed = fs.readFileSync(path.resolve(import.meta.dirname, "../../docs/semantics.md"), "utf8")

// Generating the text runs the model a few thousand times; it is generated once
// in this process and shared by every test below (see `generateSemantics`).
describe("docs/semantics.md", () => {
  // Generating takes about 40 s on a quiet 2-core machine; the limit leaves room for a busy one (the rest of the suite runs beside it).
  it("is what npm run docs generates (run it and commit when this fails)", { timeout: 360_000 }, async () => {
    expect(await generateSemantics()).toBe(committed)
  })

  it("is generated once per process", () => {
    expect(generateSemantics()).toBe(generateSemantics())
  })

  it("shows a minimal witness for every guarantee of the catalogue", () => {
    expect(committed).not.toContain("No witness was found")
    for (const guarantee of catalogue) {
      const section = committed.split(`### ${guarantee.id}\n`)[1]?.split("\n### ")[0] ?? ""
      expect(section, guarantee.id).toMatch(/Minimal witness \(\d+ commands/)
      expect(section, guarantee.id).toContain("```mermaid\nsequenceDiagram")
    }
  })
})

describe("qsem docs", () => {
  it("writes the committed text, and --check tells a fresh file from a stale one", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qsem-docs-"))
    try {
      const file = path.join(dir, "semantics.md")
      const written = await runMain(["docs", "--out", file])
      expect(written.code).toBe(0)
      expect(written.stdout).toBe(`wrote ${file}\n`)
      expect(fs.readFileSync(file, "utf8")).toBe(committed)
      const fresh = await runMain(["docs", "--out", file, "--check"])
      expect(fresh.code).toBe(0)
      expect(fresh.stdout).toContain("is up to date")
      fs.appendFileSync(file, "edited by hand\n")
      const stale = await runMain(["docs", "--out", file, "--check"])
      expect(stale.code).toBe(1)
      expect(stale.stdout).toContain("is stale: run npm run docs and commit it")
      fs.rmSync(file)
      expect((await runMain(["docs", "--out", file, "--check"])).code).toBe(1)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
