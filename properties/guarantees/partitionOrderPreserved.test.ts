import { describe, expect, it } from "vitest"
import { configTest } from "./internal/configTest.ts"
import { HistoryBuilder } from "./internal/historyBuilder.ts"
import { partitionOrderPreserved as check } from "./partitionOrderPreserved.ts"

const all = ["orders/0", "orders/1"]

describe("PartitionOrderPreserved", () => {
  it("holds, and the witness fires, when one poll delivers two records of one key in order", () => {
    const history = new HistoryBuilder()
      .send("orders/1@0", { key: "k" })
      .send("orders/1@1", { key: "k" })
      .send("orders/0@0")
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/0@0", "orders/1@0", "orders/1@1"]).history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(true)
  })

  it("restarts the order after a seek, a sync and a rejoin", () => {
    const history = new HistoryBuilder()
      .send("orders/0@0")
      .send("orders/0@1")
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/0@0", "orders/0@1"])
      .seek("billing", "a", "orders/0@0")
      .poll("billing", "a", ["orders/0@0"])
      .join("billing", "b", 2, ["orders/1"])
      .rebalancing("billing", "a", 2, ["orders/0"])
      .poll("billing", "a", ["orders/0@0"])
      .commit("billing", "a", 2, ["orders/0@1"])
      .crash("billing", "a")
      .join("billing", "a", 3, ["orders/0"])
      .poll("billing", "a", ["orders/0@1"]).history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(false)
  })

  it("holds vacuously when polls bring single unkeyed records", () => {
    const history = new HistoryBuilder()
      .send("orders/0@0")
      .send("orders/0@1")
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/0@0"])
      .poll("metrics", "m", ["orders/0@1"]).history
    expect(check.always(history, configTest)).toBeUndefined()
    expect(check.sometimes(history, configTest)).toBe(false)
  })

  it("is violated by a poll that reorders one partition", () => {
    const b = new HistoryBuilder()
      .send("orders/0@0")
      .send("orders/0@1")
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/0@1", "orders/0@0"])
    expect(check.always(b.history, configTest)).toEqual({
      step: 3,
      message: "member a of billing was delivered orders/0@0 right after orders/0@1 in the same poll (expected offset 2)"
    })
  })

  it("is violated by a gap between two polls of one generation", () => {
    const b = new HistoryBuilder()
      .send("orders/1@0")
      .send("orders/1@1")
      .send("orders/1@2")
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/1@0"])
      .heartbeat("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/1@2"])
    const violation = check.always(b.history, configTest)
    expect(violation?.step).toBe(6)
    expect(violation?.message).toContain("orders/1@2 right after orders/1@0 in an earlier poll")
  })

  it("is violated when one key lands on two partitions", () => {
    const b = new HistoryBuilder().send("orders/0@0", { key: "k" }).send("orders/1@0", { key: "k" })
    expect(check.always(b.history, configTest)).toEqual({
      step: 1,
      message: 'key "k" was sent to orders/1@0, but its send of step 1 went to orders/0'
    })
  })

  it("is violated when a send lands on an occupied offset", () => {
    const b = new HistoryBuilder().send("orders/0@0", { key: "k" }).send("orders/0@0", { key: "j" })
    const violation = check.always(b.history, configTest)
    expect(violation?.step).toBe(1)
    expect(violation?.message).toContain("orders/0@0")
  })

  it("is violated when a delivered record is not the one sent there", () => {
    const b = new HistoryBuilder()
      .send("orders/0@0", { key: "k", value: "first" })
      .join("billing", "a", 1, all)
      .pollRecords("billing", "a", [
        { topic: "orders", partition: 0, offset: 0, producer: "p", key: "k", value: "second", timestampMs: 0 }
      ])
    const violation = check.always(b.history, configTest)
    expect(violation?.step).toBe(2)
    expect(violation?.message).toContain('orders/0@0, but it carries value "second"')
  })

  it("is violated when a delivered record was never sent", () => {
    const b = new HistoryBuilder()
      .join("billing", "a", 1, all)
      .pollRecords("billing", "a", [{ topic: "orders", partition: 1, offset: 0, producer: "p", value: "x", timestampMs: 0 }])
    const violation = check.always(b.history, configTest)
    expect(violation?.step).toBe(1)
    expect(violation?.message).toContain("orders/1@0, but no Sent answer put a record there")
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

  it("leaves a start that another group's newer commit explains to GroupsAreIndependent", () => {
    const b = new HistoryBuilder()
      .send("orders/0@0")
      .send("orders/0@1")
      .send("orders/0@2")
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/0@0", "orders/0@1"])
      .commit("billing", "a", 1, ["orders/0@2"])
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/0@2"])
    expect(check.always(b.history, configTest)).toBeUndefined()
  })
})
