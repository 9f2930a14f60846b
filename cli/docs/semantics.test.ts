import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { catalogue } from "../../spec/catalogue.ts"
import { generateSemantics } from "./semantics.ts"

const committed = fs.readFileSync(path.resolve(import.meta.dirname, "../../docs/semantics.md"), "utf8")

describe("docs/semantics.md", () => {
  it("is what npm run docs generates (run it and commit when this fails)", async () => {
    expect(await generateSemantics()).toBe(committed)
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
