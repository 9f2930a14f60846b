import { describe, expect, it } from "vitest"
import { atMostOnceCanLose as check } from "./atMostOnceCanLose.ts"
import { configTest } from "./internal/configTest.ts"
import { HistoryBuilder } from "./internal/historyBuilder.ts"

const all = ["orders/0", "orders/1"]
const expire = (member: string, generation: number) =>
  [[{ group: "metrics", member }], [{ group: "metrics", generation }]] as const

describe("AtMostOnceCanLose", () => {
  it("holds, and the witness fires, when a member commits, crashes before processing, and the record is lost", () => {
    const [expired, rebalanced] = expire("m", 2)
    const history = new HistoryBuilder()
      .send("orders/0@0")
      .send("orders/0@1")
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/0@0", "orders/0@1"])
      .commit("metrics", "m", 1, ["orders/0@2"])
      .process("metrics", "m", "orders/0@0")
      .crash("metrics", "m")
      .advance(1000, 1000, expired, rebalanced)
      .join("metrics", "drainer", 3, all)
      .poll("metrics", "drainer", []).history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(true)
  })

  it("explains a loss by a session expiry after the commit, and by a seek forward", () => {
    const [expired, rebalanced] = expire("m", 2)
    const history = new HistoryBuilder()
      .send("orders/0@0")
      .send("orders/0@1")
      .send("orders/1@0")
      .send("orders/1@1")
      .join("metrics", "m", 1, all)
      .seek("metrics", "m", "orders/1@1")
      .poll("metrics", "m", ["orders/0@0", "orders/0@1", "orders/1@1"])
      .commit("metrics", "m", 1, ["orders/0@2", "orders/1@2"])
      .process("metrics", "m", "orders/0@0")
      .process("metrics", "m", "orders/1@1")
      .advance(1000, 1000, expired, rebalanced)
      .join("metrics", "drainer", 3, all)
      .poll("metrics", "drainer", []).history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(true)
  })

  it("holds vacuously when every send is processed", () => {
    const history = new HistoryBuilder()
      .send("orders/0@0")
      .send("payments/0@0")
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/0@0"])
      .commit("metrics", "m", 1, ["orders/0@1"])
      .process("metrics", "m", "orders/0@0").history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(false)
  })

  it("is violated at the last step when a record is skipped in delivery", () => {
    const b = new HistoryBuilder()
      .send("orders/0@0")
      .send("orders/0@1")
      .send("orders/0@2")
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/0@0", "orders/0@2"])
      .commit("metrics", "m", 1, ["orders/0@3"])
      .process("metrics", "m", "orders/0@0")
      .process("metrics", "m", "orders/0@2")
    const violation = check.always(b.history, configTest)
    expect(violation?.step).toBe(b.step - 1)
    expect(violation?.message).toContain("metrics never processed orders/0@1 (sent at step 2)")
  })

  it("is violated when a crash before the commit loses a record", () => {
    const [expired, rebalanced] = expire("m", 2)
    const b = new HistoryBuilder()
      .send("orders/1@0")
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/1@0"])
      .crash("metrics", "m")
      .advance(1000, 1000, expired, rebalanced)
      .join("metrics", "drainer", 3, all)
      .poll("metrics", "drainer", [])
    const violation = check.always(b.history, configTest)
    expect(violation?.step).toBe(6)
    expect(violation?.message).toContain("orders/1@0")
  })

  it("lets a seek explain only the offsets it jumped over", () => {
    const b = new HistoryBuilder()
      .send("orders/0@0")
      .send("orders/0@1")
      .send("orders/0@2")
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/0@0"])
      .seek("metrics", "m", "orders/0@2")
      .poll("metrics", "m", ["orders/0@2"])
      .commit("metrics", "m", 1, ["orders/0@3"])
      .process("metrics", "m", "orders/0@2")
    // the seek from 1 to 2 explains orders/0@1; orders/0@0 is committed past but m never lost it
    const violation = check.always(b.history, configTest)
    expect(violation?.step).toBe(8)
    expect(violation?.message).toContain("never processed orders/0@0 (sent at step 1)")
  })

  it("does not let another member's crash explain a record this member holds", () => {
    const b = new HistoryBuilder()
      .send("orders/0@0")
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/0@0"])
      .join("metrics", "n", 2, ["orders/1"])
      .rebalancing("metrics", "m", 2, ["orders/0"])
      .commit("metrics", "m", 2, ["orders/0@1"])
      .crash("metrics", "n")
    const violation = check.always(b.history, configTest)
    expect(violation?.step).toBe(6)
    expect(violation?.message).toContain("orders/0@0")
  })
})
