import { describe, expect, it } from "vitest"
import { configDefault, guaranteeById, type Config } from "../../spec/index.ts"
import { notApplicableReasonOf } from "./applicability.ts"
import { guaranteeCheckById } from "./index.ts"

const reasonFor = (id: Parameters<typeof guaranteeById>[0], config: Config) =>
  notApplicableReasonOf(guaranteeById(id), guaranteeCheckById(id), config)

const onlyAtMostOnce: Config = { ...configDefault, groups: [configDefault.groups[1]] }
const noGroups: Config = { ...configDefault, groups: [] }

describe("notApplicableReasonOf", () => {
  it("applies every guarantee to the default config", () => {
    for (const id of ["NoLossUnderAtLeastOnce", "NoDuplicateUnderAtMostOnce", "GroupsAreIndependent", "StaleCommitsAreFenced"] as const) {
      expect(reasonFor(id, configDefault), id).toBeUndefined()
    }
  })
  it("names the missing delivery mode", () => {
    expect(reasonFor("NoLossUnderAtLeastOnce", onlyAtMostOnce)).toBe("needs an at-least-once group; the config has none")
    expect(reasonFor("AtLeastOnceCanDuplicate", onlyAtMostOnce)).toBe("needs an at-least-once group; the config has none")
    expect(reasonFor("NoDuplicateUnderAtMostOnce", onlyAtMostOnce)).toBeUndefined()
  })
  it("says a guarantee of both modes needs a group at all", () => {
    expect(reasonFor("PartitionOrderPreserved", noGroups)).toBe("needs a consumer group; the config has none")
  })
  it("does not count a group that subscribes to no topic: it is never delivered a record", () => {
    const idle = { ...configDefault.groups[1], topics: [] }
    const idleAtMostOnce: Config = { ...configDefault, groups: [configDefault.groups[0], idle] }
    expect(reasonFor("NoDuplicateUnderAtMostOnce", idleAtMostOnce)).toBe('needs an at-most-once group that reads a topic; "metrics" reads none')
    expect(reasonFor("AtMostOnceCanLose", idleAtMostOnce)).toBe('needs an at-most-once group that reads a topic; "metrics" reads none')
    expect(reasonFor("PartitionOrderPreserved", idleAtMostOnce)).toBeUndefined()
    const allIdle: Config = { ...configDefault, groups: [{ ...configDefault.groups[0], topics: [] }, idle] }
    expect(reasonFor("PartitionOrderPreserved", allIdle)).toBe('needs a consumer group that reads a topic; "billing", "metrics" read none')
  })
  it("uses the checker's own reason: GroupsAreIndependent needs two groups sharing a topic, not a mode", () => {
    expect(reasonFor("GroupsAreIndependent", onlyAtMostOnce)).toBe("needs two groups sharing a topic; the config has one group")
    expect(reasonFor("GroupsAreIndependent", noGroups)).toBe("needs two groups sharing a topic; the config has no group")
  })
})
