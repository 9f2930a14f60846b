import { describe, expect, it } from "vitest"
import { builtinTarget, mutants } from "../../../impl/index.ts"
import type { Target } from "../../../impl/target.ts"
import { configDefault } from "../../../spec/config.ts"
import { choicesOfCheck } from "../../check/choicesOfCheck.ts"
import { evaluateRun } from "../../check/evaluate.ts"
import { runnerOf } from "../../check/internal/runner.ts"
import { runChoicesSource } from "../../check/runChoicesSource.ts"
import { historyOf } from "../../run.ts"
import { guaranteeCheckById } from "../index.ts"
import { catalogue } from "../../../spec/catalogue.ts"
import { firstViolationsOf } from "./entryWalk.ts"

const checks = catalogue.map((guarantee) => guaranteeCheckById(guarantee.id))
const byEntry = checks.filter((check) => check.entryCheckOf !== undefined)

describe("the shared walk of the checks that look at the replay before each entry", () => {
  it("covers several checkers", () => {
    expect(byEntry.map((check) => check.id)).toEqual(
      expect.arrayContaining(["PartitionOrderPreserved", "AtLeastOnceCanDuplicate", "DeliveriesFollowAssignment", "GroupsAreIndependent", "StaleCommitsAreFenced"])
    )
  })

  // Targets that break these checkers' claims, so that first violations at different steps meet in one walk.
  const targets: ReadonlyArray<Target> = [
    builtinTarget,
    ...["reorder-partition", "skip-record", "key-partition-drift", "accept-stale-commits", "redeliver-last-record", "shared-offsets", "fetch-revoked"].map((name) =>
      mutants.find((mutant) => mutant.name === `mutant:${name}`) as Target
    )
  ]
  for (const target of targets) {
    it(`gives each checker the violation its own walk gives, on runs of ${target.name}`, async () => {
      const runner = runnerOf(target, configDefault, undefined)
      const source = runChoicesSource(choicesOfCheck(configDefault, configDefault.bounds.commandsMax, false), 3)
      let violated = 0
      for (let index = 0; index < 40; index++) {
        const run = await runner.run(source.at(index), undefined)
        const history = historyOf(run)
        const alone = byEntry.map((check) => check.always(history, configDefault))
        const shared = firstViolationsOf(history, configDefault, byEntry.map((check) => check.entryCheckOf!(history, configDefault)))
        expect(shared).toEqual(alone)
        // evaluateRun, which walks them together, reports the same violations as each always alone.
        const reported = evaluateRun(run, configDefault, checks).violations
        for (const [i, check] of byEntry.entries()) {
          const violation = alone[i]
          expect(reported.find((each) => each.guarantee === check.id)).toEqual(
            violation === undefined ? undefined : { _tag: "GuaranteeViolated", guarantee: check.id, step: violation.step, message: violation.message }
          )
        }
        violated += alone.filter((violation) => violation !== undefined).length
      }
      if (target !== builtinTarget) expect(violated).toBeGreaterThan(0)
    })
  }
})
