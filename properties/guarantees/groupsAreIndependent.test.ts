import { describe, expect, it } from "vitest"
import { groupsAreIndependent as check } from "./groupsAreIndependent.ts"
import { configTest } from "./internal/configTest.ts"
import { HistoryBuilder } from "./internal/historyBuilder.ts"

const all = ["orders/0", "orders/1"]

describe("GroupsAreIndependent", () => {
  it("holds, and the witness fires, when two groups read one partition from their own commits", () => {
    const history = new HistoryBuilder()
      .send("orders/0@0")
      .send("orders/0@1")
      .join("billing", "a", 1, all)
      .join("metrics", "m", 1, all)
      .poll("billing", "a", ["orders/0@0", "orders/0@1"])
      .process("billing", "a", "orders/0@0")
      .process("billing", "a", "orders/0@1")
      .commit("billing", "a", 1, ["orders/0@2"])
      .poll("metrics", "m", ["orders/0@0"])
      .crash("metrics", "m")
      .join("metrics", "m", 2, all)
      .poll("metrics", "m", ["orders/0@0", "orders/0@1"])
      .commit("metrics", "m", 2, ["orders/0@1"])
      .crash("metrics", "m")
      .join("metrics", "m", 3, all)
      .poll("metrics", "m", ["orders/0@1"]).history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(true)
  })

  it("follows the member's own positions: seeks, and the position an empty poll set", () => {
    const history = new HistoryBuilder()
      .join("billing", "a", 1, all)
      .poll("billing", "a", [])
      .send("orders/0@0")
      .send("orders/0@1")
      .send("orders/1@0")
      .send("orders/1@1")
      .commit("billing", "a", 1, ["orders/0@2"])
      .seek("billing", "a", "orders/1@1")
      .poll("billing", "a", ["orders/0@0", "orders/1@1"]).history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(false)
  })

  it("holds vacuously when only one group reads", () => {
    const history = new HistoryBuilder()
      .send("orders/1@0")
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/1@0"])
      .commit("billing", "a", 1, ["orders/1@1"]).history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(false)
  })

  it("is violated when a group starts from another group's commit", () => {
    const b = new HistoryBuilder()
      .send("orders/0@0")
      .send("orders/0@1")
      .send("orders/0@2")
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/0@0", "orders/0@1"])
      .commit("billing", "a", 1, ["orders/0@2"])
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/0@2"])
    expect(check.always(b.history, configTest)).toEqual({
      step: 7,
      message:
        "member m of metrics was delivered orders/0 from orders/0@2, but its own group's history puts it at offset 0: metrics has committed nothing for it (billing committed 2 there)"
    })
  })

  it("is violated when a rejoined member does not start from its own group's commit", () => {
    const b = new HistoryBuilder()
      .send("orders/1@0")
      .send("orders/1@1")
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/1@0"])
      .commit("metrics", "m", 1, ["orders/1@1"])
      .crash("metrics", "m")
      .join("metrics", "m", 2, all)
      .poll("metrics", "m", ["orders/1@0", "orders/1@1"])
    const violation = check.always(b.history, configTest)
    expect(violation?.step).toBe(7)
    expect(violation?.message).toContain("orders/1@0, but its own group's history puts it at offset 1: metrics committed it at step 5")
  })

  it("is violated when a delivery ignores the member's last seek", () => {
    const b = new HistoryBuilder()
      .send("orders/0@0")
      .send("orders/0@1")
      .join("billing", "a", 1, all)
      .seek("billing", "a", "orders/0@1")
      .poll("billing", "a", ["orders/0@0"])
    const violation = check.always(b.history, configTest)
    expect(violation?.step).toBe(4)
    expect(violation?.message).toContain("puts it at offset 1: it sought there at step 4")
  })
})
