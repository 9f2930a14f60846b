import * as fs from "node:fs"
import * as path from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { catalogue } from "../../spec/catalogue.ts"
import { configDefault } from "../../spec/config.ts"
import { type Trace, traceVersion } from "../../spec/trace.ts"
import { builtinTarget, mutants } from "../../impl/index.ts"
import type { Target } from "../../impl/target.ts"
import { checkTarget } from "../check/checkTarget.ts"
import type { NotJudged } from "../check/evaluate.ts"
import { replayTrace } from "../replay/replayTrace.ts"
import { readTraceFile } from "../trace/traceFile.ts"

const traces = path.resolve(import.meta.dirname, "../../traces")
const jsonFiles = (dir: string) =>
  fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => path.join(dir, f)) : []

/**
 * The groups a replay left undrained though the trace drains them: none is
 * expected (a trace may drain only some groups, see `Trace.drainGroups`).
 */
const undrainedOfDrained = (trace: Trace, notJudged: ReadonlyArray<NotJudged>): ReadonlyArray<string> =>
  trace.config.groups
    .map((group) => group.name)
    .filter((name) => trace.drainGroups === undefined || trace.drainGroups.includes(name))
    .filter((name) => notJudged.some((entry) => entry.groups.includes(name)))

const mutantNamed = (name: string): Target => {
  const found = mutants.find((mutant) => mutant.name === name)
  if (found === undefined) throw new Error(`no mutant named ${name}`)
  return found
}

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
    it(`mutant trace ${path.basename(file)} keeps failing against its mutant and passes against builtin`, async () => {
      const trace = await Effect.runPromise(readTraceFile(file))
      expect(trace.version).toBe(traceVersion)
      expect(trace.choices, "a mutant trace saves its choices").toBeDefined()
      const mutant = mutantNamed(trace.target)
      const name = mutant.name.replace(/^mutant:/, "")
      const breaks = catalogue.filter((g) => g.mutants.includes(name)).map((g) => g.id)
      const onMutant = await Effect.runPromise(replayTrace(trace, mutant))
      expect(onMutant.mode).toBe("redecoded")
      // On the target that recorded it, decoding the choices again gives the recorded commands.
      expect(onMutant.departure, onMutant.table).toBeUndefined()
      expect(onMutant.verdicts.violations.map((v) => v.guarantee).filter((id) => breaks.includes(id)).length, onMutant.table)
        .toBeGreaterThan(0)
      const onBuiltin = await Effect.runPromise(replayTrace(trace, builtinTarget))
      expect(onBuiltin.verdict, onBuiltin.table).toBeUndefined()
      expect(undrainedOfDrained(trace, onBuiltin.verdicts.notJudged)).toEqual([])
    })
  }
})

describe("a counterexample replays as passing once the bug is gone (the application follows the target it replays on)", () => {
  for (const name of ["mutant:reorder-partition", "mutant:shared-offsets", "mutant:skip-record"]) {
    it(`${name}, seed 11, replayed on builtin`, async () => {
      const report = await checkTarget({ target: mutantNamed(name), config: configDefault, runs: 200, seed: 11 })
      const trace = report.failure
      expect(trace, `${name} survived`).toBeDefined()
      if (trace === undefined) return
      const onMutant = await Effect.runPromise(replayTrace(trace, mutantNamed(name)))
      expect(onMutant.verdict, onMutant.table).toBeDefined()
      const onBuiltin = await Effect.runPromise(replayTrace(trace, builtinTarget))
      expect(onBuiltin.mode).toBe("redecoded")
      expect(onBuiltin.verdict, onBuiltin.table).toBeUndefined()
      expect(undrainedOfDrained(trace, onBuiltin.verdicts.notJudged)).toEqual([])
      // The recorded commands, replayed as they are, no longer drain the group whose loss the broken broker
      // caused: that guarantee is reported as not judged, never as violated by the broker that conforms.
      const verbatim = await Effect.runPromise(replayTrace(trace, builtinTarget, { verbatim: true }))
      expect(verbatim.mode).toBe("verbatim")
      expect(verbatim.verdict, verbatim.table).toBeUndefined()
      expect(verbatim.verdicts.notJudged.map((entry) => entry.guarantee)).toContain("AtMostOnceCanLose")
    })
  }
})
