import * as fs from "node:fs"
import * as path from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { catalogue } from "../../spec/catalogue.ts"
import { builtinTarget, mutants } from "../../impl/index.ts"
import { replayTrace } from "../replay/replayTrace.ts"
import { readTraceFile } from "../trace/traceFile.ts"

const traces = path.resolve(import.meta.dirname, "../../traces")
const jsonFiles = (dir: string) =>
  fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => path.join(dir, f)) : []

describe("saved traces", () => {
  for (const file of jsonFiles(path.join(traces, "regressions"))) {
    it(`regression ${path.basename(file)} passes on the built-in broker`, async () => {
      const trace = await Effect.runPromise(readTraceFile(file))
      const result = await Effect.runPromise(replayTrace(trace, builtinTarget))
      expect(result.verdict, result.table).toBeUndefined()
    })
  }

  it("every mutant has a saved trace", () => {
    const saved = jsonFiles(path.join(traces, "mutants")).map((f) => `mutant:${path.basename(f, ".json")}`)
    expect(saved.sort()).toEqual(mutants.map((m) => m.name).sort())
  })

  for (const file of jsonFiles(path.join(traces, "mutants"))) {
    it(`mutant trace ${path.basename(file)} keeps failing against its mutant`, async () => {
      const trace = await Effect.runPromise(readTraceFile(file))
      const mutant = mutants.find((m) => m.name === trace.target)
      expect(mutant, `trace names unknown target ${trace.target}`).toBeDefined()
      if (mutant === undefined) return
      const name = mutant.name.replace(/^mutant:/, "")
      const breaks = catalogue.filter((g) => g.mutants.includes(name)).map((g) => g.id)
      const result = await Effect.runPromise(replayTrace(trace, mutant))
      expect(result.verdicts.violations.map((v) => v.guarantee).filter((id) => breaks.includes(id)).length).toBeGreaterThan(0)
    })
  }
})
