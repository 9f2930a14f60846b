import { describe, expect, it } from "vitest"
import { configTest } from "./internal/configTest.ts"
import { HistoryBuilder } from "./internal/historyBuilder.ts"
import { noDuplicateUnderAtMostOnce as check } from "./noDuplicateUnderAtMostOnce.ts"

const all = ["orders/0", "orders/1"]

describe("NoDuplicateUnderAtMostOnce", () => {
  it("holds, and the witness fires, when a record redelivered after a crash before the commit is processed once", () => {
    const history = new HistoryBuilder()
      .send("orders/0@0")
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/0@0"])
      .crash("metrics", "m")
      .advance(1000, 1000, [{ group: "metrics", member: "m" }], [{ group: "metrics", generation: 2 }])
      .join("metrics", "drainer", 3, all)
      .poll("metrics", "drainer", ["orders/0@0"])
      .commit("metrics", "drainer", 3, ["orders/0@1"])
      .process("metrics", "drainer", "orders/0@0").history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(true)
  })

  it("does not count a redelivery by a seek back, nor one the group never processed, as the witness", () => {
    const seekBack = new HistoryBuilder()
      .send("orders/0@0")
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/0@0"])
      .seek("metrics", "m", "orders/0@0")
      .poll("metrics", "m", ["orders/0@0"])
      .commit("metrics", "m", 1, ["orders/0@1"])
      .process("metrics", "m", "orders/0@0").history
    expect(check.always(seekBack, configTest)).toBeUndefined()
    expect(check.sometimes(seekBack, configTest)).toBe(false)
    const neverProcessed = new HistoryBuilder()
      .send("orders/0@0")
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/0@0"])
      .crash("metrics", "m")
      .advance(1000, 1000, [{ group: "metrics", member: "m" }], [{ group: "metrics", generation: 2 }])
      .join("metrics", "drainer", 3, all)
      .poll("metrics", "drainer", ["orders/0@0"])
      .commit("metrics", "drainer", 3, ["orders/0@1"]).history
    expect(check.always(neverProcessed, configTest)).toBeUndefined()
    expect(check.sometimes(neverProcessed, configTest)).toBe(false)
  })

  it("holds vacuously when every record is delivered once", () => {
    const history = new HistoryBuilder()
      .send("orders/0@0")
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/0@0"])
      .commit("metrics", "m", 1, ["orders/0@1"])
      .process("metrics", "m", "orders/0@0").history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(false)
  })

  it("ignores duplicates of at-least-once groups", () => {
    const history = new HistoryBuilder()
      .send("orders/0@0")
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/0@0"])
      .process("billing", "a", "orders/0@0")
      .poll("billing", "a", ["orders/0@0"])
      .process("billing", "a", "orders/0@0").history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(false)
  })

  it("is violated at the second Processed of a record redelivered without cause", () => {
    const b = new HistoryBuilder()
      .send("orders/1@0")
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/1@0"])
      .commit("metrics", "m", 1, ["orders/1@1"])
      .process("metrics", "m", "orders/1@0")
      .poll("metrics", "m", ["orders/1@0"])
      .process("metrics", "m", "orders/1@0")
    const violation = check.always(b.history, configTest)
    expect(violation).toEqual({
      step: 6,
      message: "at-most-once group metrics processed orders/1@0 again (member m); member m already processed it at step 5"
    })
    expect(check.sometimes(b.history, configTest)).toBe(false)
  })

  it("is violated when a member that held a record twice across a sync processes both copies", () => {
    const b = new HistoryBuilder()
      .send("orders/0@0")
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/0@0"])
      .join("metrics", "n", 2, ["orders/1"])
      .rebalancing("metrics", "m", 2, ["orders/0"])
      .poll("metrics", "m", ["orders/0@0"])
      .commit("metrics", "m", 2, ["orders/0@1"])
      .process("metrics", "m", "orders/0@0")
      .process("metrics", "m", "orders/0@0")
    const violation = check.always(b.history, configTest)
    expect(violation?.step).toBe(8)
    expect(violation?.message).toContain("orders/0@0 again (member m)")
  })
})
