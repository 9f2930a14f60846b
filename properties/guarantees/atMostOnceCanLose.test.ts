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
      .join("metrics", "m", 3, all)
      .poll("metrics", "m", []).history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(true)
  })

  it("explains a loss by a seek forward alone without witnessing at-most-once's own loss", () => {
    const history = new HistoryBuilder()
      .send("orders/1@0")
      .send("orders/1@1")
      .join("metrics", "m", 1, all)
      .seek("metrics", "m", "orders/1@1")
      .poll("metrics", "m", ["orders/1@1"])
      .commit("metrics", "m", 1, ["orders/1@2"])
      .process("metrics", "m", "orders/1@1")
      .poll("metrics", "m", []).history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(false)
  })

  it("does not judge a group whose drain the history does not show complete", () => {
    const [expired, rebalanced] = expire("m", 2)
    const zombie = new HistoryBuilder()
      .send("orders/0@0")
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/0@0"])
      .commit("metrics", "m", 1, ["orders/0@1"])
      .advance(1000, 1000, expired, rebalanced)
      .join("metrics", "drainer", 3, all)
      .poll("metrics", "drainer", [])
    // The zombie m may still process what its commit covered: not lost yet, so not judged.
    expect(check.always(zombie.history, configTest)).toBeUndefined()
    expect(check.sometimes(zombie.history, configTest)).toBe(false)
    // Once it rejoins, its client (and the record) is gone: a loss, explained by the expiry.
    zombie.join("metrics", "m", 4, ["orders/1"]).rebalancing("metrics", "drainer", 4, ["orders/0"]).poll("metrics", "drainer", [])
    zombie.poll("metrics", "m", [])
    expect(check.always(zombie.history, configTest)).toBeUndefined()
    expect(check.sometimes(zombie.history, configTest)).toBe(true)
    // Without a drain, a skipped record is not (yet) a loss.
    const undrained = new HistoryBuilder()
      .send("orders/0@0")
      .send("orders/0@1")
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/0@1"])
      .commit("metrics", "m", 1, ["orders/0@2"])
      .process("metrics", "m", "orders/0@1")
    expect(check.always(undrained.history, configTest)).toBeUndefined()
    expect(check.always(undrained.poll("metrics", "m", []).history, configTest)?.message).toContain("never processed orders/0@0")
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
      .poll("metrics", "m", [])
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
      .send("orders/0@3")
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/0@0"])
      .commit("metrics", "m", 1, ["orders/0@1"])
      .process("metrics", "m", "orders/0@0")
      .seek("metrics", "m", "orders/0@2")
      .poll("metrics", "m", ["orders/0@3"])
      .commit("metrics", "m", 1, ["orders/0@4"])
      .process("metrics", "m", "orders/0@3")
      .poll("metrics", "m", [])
    // the seek from 1 to 2 explains orders/0@1, not orders/0@2, which the delivery skipped
    const violation = check.always(b.history, configTest)
    expect(violation?.step).toBe(b.step - 1)
    expect(violation?.message).toContain("never processed orders/0@2 (sent at step 3)")
  })

  it("does not let a member's crash explain a record only another member committed past", () => {
    const b = new HistoryBuilder()
      .send("orders/0@0")
      .join("metrics", "n", 1, all)
      .poll("metrics", "n", ["orders/0@0"])
      .join("metrics", "m", 2, all)
      .rebalancing("metrics", "n", 2, [])
      .commit("metrics", "m", 2, ["orders/0@1"])
      .crash("metrics", "n")
      .poll("metrics", "m", [])
    const violation = check.always(b.history, configTest)
    expect(violation?.step).toBe(7)
    expect(violation?.message).toContain("orders/0@0")
  })
})
