import { describe, expect, it } from "vitest"
import { configDefault, type Config } from "../../spec/config.ts"
import { groupsAreIndependent } from "../guarantees/groupsAreIndependent.ts"
import { modelTarget } from "../model-target.ts"
import { checkTarget } from "./checkTarget.ts"

const singleGroup: Config = { ...configDefault, groups: [configDefault.groups[0]] }
const disjointGroups: Config = {
  ...configDefault,
  groups: [
    { ...configDefault.groups[0], topics: ["payments"] },
    { ...configDefault.groups[1], topics: ["orders"] }
  ]
}

describe("checkTarget applicability", () => {
  it("GroupsAreIndependent applies only when two groups subscribe to one topic", () => {
    expect(groupsAreIndependent.applicable?.(configDefault)).toBe(true)
    expect(groupsAreIndependent.applicable?.(singleGroup)).toBe(false)
    expect(groupsAreIndependent.applicable?.(disjointGroups)).toBe(false)
  })

  it("tallies a guarantee with the checker's own rule, else the mode rule", async () => {
    const report = await checkTarget({ target: modelTarget, config: singleGroup, runs: 3, seed: 1 })
    const applicable = Object.fromEntries(report.tallies.map((tally) => [tally.guarantee.id, tally.applicable]))
    expect(applicable.GroupsAreIndependent).toBe(false)
    expect(applicable.NoLossUnderAtLeastOnce).toBe(true)
    expect(applicable.NoDuplicateUnderAtMostOnce).toBe(false)
    const full = await checkTarget({ target: modelTarget, config: configDefault, runs: 3, seed: 1 })
    expect(full.tallies.find((tally) => tally.guarantee.id === "GroupsAreIndependent")?.applicable).toBe(true)
  })
})
