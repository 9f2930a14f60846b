import { describe, expect, it } from "vitest"
import { exploredMatrixSection, exploredModes } from "./exploredMatrix.ts"

// The docs explore to depth 5 (4 for exactly-once); depth 3 keeps this test quick and pins the counts all the same.
const modes = exploredModes(() => 3)

describe("the explored semantics matrix", () => {
  it("pins the distinct states and transitions of each mode's config within 3 commands", () => {
    expect(modes.map((m) => [m.mode, m.report.exploration.states, m.report.exploration.transitions, m.report.exploration.truncated])).toEqual([
      ["at-most-once", 505, 2_153, false],
      ["at-least-once", 505, 2_153, false],
      ["exactly-once", 913, 3_787, false]
    ])
  })

  it("finds no loss under at-least-once and no duplicate under at-most-once on any path, and a duplicate under at-least-once within 3 commands", () => {
    const text = exploredMatrixSection(modes).join(" ")
    expect(text).toMatch(/\| at-most-once \| up to 3 \| [\d,]+ \| [\d,]+ \| not within 3 commands \(`AtMostOnceCanLose`\) \| never \(`NoDuplicateUnderAtMostOnce` held on all [\d,]+ paths\) \|/)
    expect(text).toMatch(/\| at-least-once \| up to 3 \| [\d,]+ \| [\d,]+ \| never \(`NoLossUnderAtLeastOnce` held on all [\d,]+ paths\) \| reachable: shortest 3 commands \(`AtLeastOnceCanDuplicate`\) \|/)
    expect(text).toMatch(/\| exactly-once \| up to 3 \| [\d,]+ \| [\d,]+ \| never \(`ExactlyOnceWithinTheBroker` held on all [\d,]+ paths\) \| never/)
    expect(text).not.toContain("**reachable**")
  })
})
