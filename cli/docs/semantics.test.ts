import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { generateSemantics } from "./semantics.ts"

describe("docs/semantics.md", () => {
  it("is what npm run docs generates (run it and commit when this fails)", async () => {
    const committed = fs.readFileSync(path.resolve(import.meta.dirname, "../../docs/semantics.md"), "utf8")
    expect(await generateSemantics()).toBe(committed)
  })
})
