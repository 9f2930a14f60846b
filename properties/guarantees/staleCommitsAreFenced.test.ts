import { describe, expect, it } from "vitest"
import { configTest } from "./internal/configTest.ts"
import { HistoryBuilder } from "./internal/historyBuilder.ts"
import { staleCommitsAreFenced as check } from "./staleCommitsAreFenced.ts"

describe("StaleCommitsAreFenced", () => {
  it("holds, and the witness fires, when a stale commit is fenced and the synced member's commit goes through", () => {
    const history = new HistoryBuilder()
      .send("orders/0@0")
      .join("billing", "a", 1, ["orders/0", "orders/1"])
      .join("billing", "b", 2, ["orders/1"])
      .commitStale("billing", "a", 1, 2, ["orders/0@1"])
      .rebalancing("billing", "a", 2, ["orders/0"])
      .commit("billing", "a", 2, ["orders/0@1"]).history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(true)
  })

  it("holds vacuously when every commit is current", () => {
    const history = new HistoryBuilder()
      .send("orders/0@0")
      .join("billing", "a", 1, ["orders/0", "orders/1"])
      .commit("billing", "a", 1, ["orders/0@1"])
      .join("metrics", "m", 1, ["orders/0", "orders/1"])
      .commit("metrics", "m", 1, ["orders/0@0"]).history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(false)
  })

  it("is violated by a commit accepted from a member a join made stale", () => {
    const b = new HistoryBuilder()
      .send("orders/0@0")
      .join("billing", "a", 1, ["orders/0", "orders/1"])
      .join("billing", "b", 2, ["orders/1"])
      .commit("billing", "a", 2, ["orders/0@1"])
    expect(check.always(b.history, configTest)).toEqual({
      step: 3,
      message:
        "billing accepted a commit of orders/0@1 from member a, which last learned generation 1, while the group is at generation 2"
    })
  })

  it("is violated by a commit accepted from a zombie whose session expired", () => {
    const b = new HistoryBuilder()
      .send("orders/1@0")
      .join("metrics", "m", 1, ["orders/0", "orders/1"])
      .advance(1000, 1000, [{ group: "metrics", member: "m" }], [{ group: "metrics", generation: 2 }])
      .commit("metrics", "m", 1, ["orders/1@1"])
    const violation = check.always(b.history, configTest)
    expect(violation?.step).toBe(3)
    expect(violation?.message).toContain("metrics accepted a commit of orders/1@1 from member m")
  })
})
