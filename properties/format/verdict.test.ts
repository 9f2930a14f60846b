import { describe, expect, it } from "vitest"
import type { Verdict } from "../../spec/trace.ts"
import { formatVerdict, formatVerdictList } from "./verdict.ts"

const violation = (guarantee: "NoLossUnderAtLeastOnce" | "GroupsAreIndependent", step: number): Verdict => ({
  _tag: "GuaranteeViolated",
  guarantee,
  step,
  message: `m${step}`
})

describe("verdict formatting", () => {
  it("numbers steps from 1", () => {
    expect(formatVerdict(violation("GroupsAreIndependent", 4))).toBe("GroupsAreIndependent violated at step 5: m4")
    expect(formatVerdict({ _tag: "Diverged", step: 0, message: "d" })).toBe("the target diverged from the model at step 1: d")
  })

  it("lists every verdict by step, a divergence first at a shared step", () => {
    expect(formatVerdictList([violation("NoLossUnderAtLeastOnce", 9), violation("GroupsAreIndependent", 4), { _tag: "Diverged", step: 4, message: "d" }])).toEqual([
      "step 5: the target diverged from the model: d",
      "step 5: GroupsAreIndependent violated: m4",
      "step 10: NoLossUnderAtLeastOnce violated: m9"
    ])
  })
})
