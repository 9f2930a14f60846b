import { describe, expect, it } from "vitest"
import { configTest } from "./internal/configTest.ts"
import { HistoryBuilder } from "./internal/historyBuilder.ts"
import { noLossUnderAtLeastOnce as check } from "./noLossUnderAtLeastOnce.ts"

const all = ["orders/0", "orders/1"]

describe("NoLossUnderAtLeastOnce", () => {
  it("holds, and the witness fires, when a crash drops an unprocessed record that the drainer processes", () => {
    const history = new HistoryBuilder()
      .send("orders/0@0")
      .send("orders/0@1")
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/0@0", "orders/0@1"])
      .process("billing", "a", "orders/0@0")
      .crash("billing", "a")
      .advance(1000, 1000, [{ group: "billing", member: "a" }], [{ group: "billing", generation: 2 }])
      .join("billing", "drainer", 3, all)
      .poll("billing", "drainer", ["orders/0@0", "orders/0@1"])
      .process("billing", "drainer", "orders/0@0")
      .process("billing", "drainer", "orders/0@1")
      .commit("billing", "drainer", 3, ["orders/0@2"])
      .poll("billing", "drainer", []).history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(true)
  })

  it("holds vacuously when nothing held was ever dropped", () => {
    const history = new HistoryBuilder()
      .send("orders/1@0")
      .send("payments/0@0")
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/1@0"])
      .process("billing", "a", "orders/1@0")
      .commit("billing", "a", 1, ["orders/1@1"]).history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(false)
  })

  it("needs the dropped record to be processed afterwards for the witness", () => {
    const history = new HistoryBuilder()
      .send("orders/0@0")
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/0@0"])
      .crash("billing", "a").history
    expect(check.sometimes(history, configTest)).toBe(false)
  })

  it("is violated at the last step when a record committed before processing is lost by a crash", () => {
    const b = new HistoryBuilder()
      .send("orders/0@0")
      .send("orders/0@1")
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/0@0", "orders/0@1"])
      .commit("billing", "a", 1, ["orders/0@2"])
      .process("billing", "a", "orders/0@0")
      .crash("billing", "a")
      .advance(1000, 1000, [{ group: "billing", member: "a" }], [{ group: "billing", generation: 2 }])
      .join("billing", "drainer", 3, all)
      .poll("billing", "drainer", [])
    const violation = check.always(b.history, configTest)
    expect(violation?.step).toBe(b.step - 1)
    expect(violation?.message).toContain("billing")
    expect(violation?.message).toContain("orders/0@1")
    expect(violation?.message).toContain("step 2")
  })

  it("is violated when a subscribed at-least-once group never even received a send", () => {
    const b = new HistoryBuilder().send("orders/1@0").join("billing", "a", 1, all).poll("billing", "a", [])
    const violation = check.always(b.history, configTest)
    expect(violation).toEqual({
      step: 2,
      message: "at-least-once group billing never processed orders/1@0 (sent at step 1) by the end of the history"
    })
  })
})
