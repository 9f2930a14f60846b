/**
 * The mutant hunts of the suite, shared by the test files that split them
 * (so the two halves run on two cores): for each guarantee and each mutant
 * the catalogue lists under it, the suite must catch the mutant on the config
 * `mutantConfigOf` gives it, with a shrunk, 1-minimal counterexample that
 * replays as failing on the mutant, while the same generated program passes
 * on the built-in broker.
 *
 * @module
 */
import { Effect } from "effect"
import { expect, it } from "vitest"
import { catalogue } from "../../../spec/catalogue.ts"
import { builtinTarget, mutants } from "../../../impl/index.ts"
import type { Target } from "../../../impl/target.ts"
import { checkTarget } from "../../check/checkTarget.ts"
import { evaluateRun } from "../../check/evaluate.ts"
import { guaranteeChecks } from "../../guarantees/index.ts"
import { replayTrace } from "../../replay/replayTrace.ts"
import { runChoices } from "../../run.ts"
import { mutantConfigOf, mutantRunsMax, mutantSeed } from "../mutantSeeds.ts"

const mutantNamed = (name: string): Target => {
  const found = mutants.find((mutant) => mutant.name === `mutant:${name}`)
  if (found === undefined) throw new Error(`no mutant named ${name}`)
  return found
}

/** Declares one test per (guarantee, mutant) pair of the catalogue whose mutant `include` accepts (its name without `mutant:`). */
export const itCatchesMutants = (include: (name: string) => boolean): void => {
  for (const guarantee of catalogue) {
    for (const name of guarantee.mutants.filter(include)) {
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
}
