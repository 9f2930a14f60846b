import { describe, expect, it } from "vitest"
import { groupsAreIndependent as check } from "./groupsAreIndependent.ts"
import { partitionOrderPreserved } from "./partitionOrderPreserved.ts"
import { configTest } from "./internal/configTest.ts"
import { configTxn } from "./internal/configTxn.ts"
import { HistoryBuilder } from "./internal/historyBuilder.ts"

const all = ["orders/0", "orders/1"]

describe("GroupsAreIndependent", () => {
  it("is witnessed by offsets a transaction committed, not only by plain commits", () => {
    const config = { ...configTxn, groups: [...configTxn.groups, { name: "eo2", mode: "exactly-once" as const, assignor: "range" as const, topics: ["payments"], outputTopic: "results" }] }
    const sentOnly = new HistoryBuilder()
      .send("payments/0@0")
      .join("eo", "a", 1, ["payments/0"])
      .join("eo2", "b", 1, ["payments/0"])
      .poll("eo", "a", ["payments/0@0"])
      .poll("eo2", "b", ["payments/0@0"])
      .init("eo/a", 0, 0)
      .begin("eo/a")
      .sendOffsets("eo/a", "eo", "a", 1, ["payments/0@1"])
    expect(check.sometimes(sentOnly.history, config)).toBe(false)
    const committed = sentOnly.txnCommit("eo/a", [])
    expect(check.sometimes(committed.history, config)).toBe(true)
  })

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

  it("is violated when a poll that was not full skips records because another group committed past them", () => {
    const b = new HistoryBuilder()
      .send("orders/0@0")
      .join("billing", "a", 1, all)
      .poll("billing", "a", ["orders/0@0"])
      .commit("billing", "a", 1, ["orders/0@1"])
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", [])
    expect(check.always(b.history, configTest)).toEqual({
      step: 5,
      message:
        "member m of metrics was delivered nothing from orders/0, but its own group's history puts it at offset 0, where orders/0@0 waits: metrics has committed nothing for it (billing committed 1 at step 4, at or past the log's end 1)"
    })
  })

  it("reads nothing into an empty partition of a full poll, or of one no other group's commit explains", () => {
    const full = new HistoryBuilder()
      .send("orders/0@0")
      .send("orders/1@0")
      .join("billing", "a", 1, all)
      .commit("billing", "a", 1, ["orders/0@1"])
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/1@0"])
    // One record asked for, one delivered: the poll says nothing of orders/0.
    expect(check.always(full.history, configTest)).toBeUndefined()
    const unexplained = new HistoryBuilder()
      .send("orders/0@0")
      .join("billing", "a", 1, all)
      .commit("billing", "a", 1, ["orders/0@0"])
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", [])
    // billing's commit is not past orders/0@0: a single-group loss, for the loss checkers.
    expect(check.always(unexplained.history, configTest)).toBeUndefined()
  })

  it("leaves a start that no other group explains to PartitionOrderPreserved (a single-group bug)", () => {
    const rejoined = new HistoryBuilder()
      .send("orders/1@0")
      .send("orders/1@1")
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/1@0"])
      .commit("metrics", "m", 1, ["orders/1@1"])
      .crash("metrics", "m")
      .join("metrics", "m", 2, all)
      .poll("metrics", "m", ["orders/1@0", "orders/1@1"])
    expect(check.always(rejoined.history, configTest)).toBeUndefined()
    const skipped = new HistoryBuilder()
      .send("orders/0@0")
      .send("orders/0@1")
      .send("orders/0@2")
      .join("billing", "a", 1, all)
      .commit("metrics", "m", 1, ["orders/0@1"])
      .poll("billing", "a", ["orders/0@2"])
    // metrics committed 1, not 2: nothing of another group explains the start.
    expect(check.always(skipped.history, configTest)).toBeUndefined()
  })

  it("is not fooled by another group's commit older than the member's own group's", () => {
    const b = new HistoryBuilder()
      .send("orders/0@0")
      .send("orders/0@1")
      .send("orders/0@2")
      .join("metrics", "m", 1, all)
      .commit("metrics", "m", 1, ["orders/0@1"])
      .join("billing", "a", 1, all)
      .commit("billing", "a", 1, ["orders/0@2"])
      .crash("billing", "a")
      .join("billing", "a", 2, all)
      .poll("billing", "a", ["orders/0@1"])
    expect(check.always(b.history, configTest)).toBeUndefined()
    expect(partitionOrderPreserved.always(b.history, configTest)?.message).toContain(
      "member a of billing was delivered orders/0 from orders/0@1, but its own group's history puts it at offset 2: billing committed it at step 7"
    )
  })
})
