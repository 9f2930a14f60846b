import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { catalogue } from "../../spec/catalogue.ts"
import { builtinTarget, mutants } from "../../impl/index.ts"
import type { Target } from "../../impl/target.ts"
import { checkTarget } from "../check/checkTarget.ts"
import { evaluateRun } from "../check/evaluate.ts"
import { guaranteeChecks } from "../guarantees/index.ts"
import { replayTrace } from "../replay/replayTrace.ts"
import { runChoices } from "../run.ts"
import { mutantConfigOf, mutantRunsMax, mutantSeed } from "./mutantSeeds.ts"

const mutantNamed = (name: string): Target => {
  const found = mutants.find((mutant) => mutant.name === `mutant:${name}`)
  if (found === undefined) throw new Error(`no mutant named ${name}`)
  return found
}

describe("every guarantee has teeth: the suite catches each mutant with a shrunk counterexample", () => {
  it("every mutant is listed under some guarantee of the catalogue", () => {
    const listed = new Set(catalogue.flatMap((g) => g.mutants.map((m) => `mutant:${m}`)))
    expect(mutants.map((m) => m.name).filter((name) => !listed.has(name))).toEqual([])
    expect(catalogue.every((g) => g.mutants.length > 0)).toBe(true)
  })

  for (const guarantee of catalogue) {
    for (const name of guarantee.mutants) {
      it(`${guarantee.id} catches mutant:${name}`, async () => {
        const target = mutantNamed(name)
        const mutantConfig = mutantConfigOf(name)
        const report = await checkTarget({
          target,
          config: mutantConfig,
          runs: mutantRunsMax,
          seed: mutantSeed,
          guarantees: [guarantee.id],
          conformance: false
        })
        const trace = report.failure
        expect(trace, `${target.name} survived ${report.runsDone} runs`).toBeDefined()
        if (trace === undefined) return
        expect(trace.verdict).toMatchObject({ _tag: "GuaranteeViolated", guarantee: guarantee.id })
        // Shrunk: a short program, not a whole generated run.
        expect(trace.commands.length).toBeLessThan(40)
        // The saved commands still fail on the mutant.
        const onMutant = await Effect.runPromise(replayTrace(trace, target))
        expect(onMutant.verdicts.violations.map((v) => v.guarantee)).toContain(guarantee.id)
        // 1-minimal: no single command before the drain can be dropped.
        expect(report.minimization?.oneMinimal).toBe(true)
        expect(report.failureDrainStart).toBe(report.failureChoices?.length)
        // The same generated program (choices, so the drain follows the real broker's answers) passes there.
        const choices = report.failureChoices ?? []
        const drainGroups = trace.drainGroups
        const onBuiltin = evaluateRun(
          await Effect.runPromise(runChoices(builtinTarget, mutantConfig, choices, { drainGroups })),
          mutantConfig,
          guaranteeChecks
        )
        expect(onBuiltin.violations).toEqual([])
        expect(onBuiltin.divergence).toBeUndefined()
      })
    }
  }
})
