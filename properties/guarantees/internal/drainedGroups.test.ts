import { Effect } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { builtinTarget } from "../../../impl/index.ts"
import { configDefault } from "../../../spec/config.ts"
import { choicesArbitrary } from "../../choice.ts"
import { historyOf, runChoices } from "../../run.ts"
import { configTest } from "./configTest.ts"
import { configTxn } from "./configTxn.ts"
import { drainedGroupsOf, undrainedGroupsOf } from "./drainedGroups.ts"
import { HistoryBuilder } from "./historyBuilder.ts"

const all = ["orders/0", "orders/1"]

/** billing drained by a member that processed and committed everything, then polled nothing. */
const billingDrained = () =>
  new HistoryBuilder()
    .send("orders/0@0")
    .join("billing", "a", 1, all)
    .poll("billing", "a", ["orders/0@0"])
    .process("billing", "a", "orders/0@0")
    .commit("billing", "a", 1, ["orders/0@1"])
    .poll("billing", "a", [])

describe("drainedGroupsOf", () => {
  it("calls a group drained when a live member owning every partition polled nothing after the last send, holding nothing", () => {
    const b = billingDrained()
    expect(drainedGroupsOf(b.history, configTest)).toEqual(new Set(["billing"]))
    expect(undrainedGroupsOf(b.history, configTest).get("metrics")).toBe(
      "no member of metrics ever joined, so none polled its partitions empty"
    )
    b.crash("billing", "a")
    expect(undrainedGroupsOf(b.history, configTest).get("billing")).toBe(
      "billing has no live member in its latest generation (1) to poll its partitions empty"
    )
  })

  it("is not shown drained while a live member holds a record its group never processed", () => {
    // The case: the recorded commit covered only orders/0@0, so orders/0@1 stays in the buffer.
    const b = new HistoryBuilder()
      .send("orders/0@0")
      .send("orders/0@1")
      .join("metrics", "drainer", 1, all)
      .poll("metrics", "drainer", ["orders/0@0", "orders/0@1"])
      .commit("metrics", "drainer", 1, ["orders/0@1"])
      .process("metrics", "drainer", "orders/0@0")
      .poll("metrics", "drainer", [])
    expect(undrainedGroupsOf(b.history, configTest).get("metrics")).toBe(
      "member drainer of metrics still holds orders/0@1, which metrics never processed"
    )
    b.commit("metrics", "drainer", 1, ["orders/0@2"]).process("metrics", "drainer", "orders/0@1")
    expect(drainedGroupsOf(b.history, configTest).has("metrics")).toBe(true)
  })

  it("needs the empty poll after the last send, and after the member last synced", () => {
    const b = billingDrained().send("orders/1@0")
    expect(undrainedGroupsOf(b.history, configTest).get("billing")).toContain("owns orders/1 polled nothing at its last poll after the last send to it (step 7)")
    b.poll("billing", "a", ["orders/1@0"]).process("billing", "a", "orders/1@0").poll("billing", "a", [])
    expect(drainedGroupsOf(b.history, configTest).has("billing")).toBe(true)
    b.rebalancing("billing", "a", 2, all)
    expect(drainedGroupsOf(b.history, configTest).has("billing")).toBe(false)
  })

  it("needs the empty poll from a member of the latest generation that owns the partition", () => {
    const half = new HistoryBuilder().join("billing", "a", 1, ["orders/0"]).poll("billing", "a", [])
    expect(undrainedGroupsOf(half.history, configTest).get("billing")).toContain("owns orders/1 polled nothing")
    const stale = billingDrained().join("billing", "b", 2, ["orders/1"]).poll("billing", "b", [])
    expect(undrainedGroupsOf(stale.history, configTest).get("billing")).toContain("owns orders/0 polled nothing")
  })

  it("counts what a zombie may still process: anything under at-least-once, what its own commit covered under at-most-once", () => {
    const expire = (group: string) =>
      [[{ group, member: "m" }], [{ group, generation: 2 }]] as const
    const atLeastOnce = new HistoryBuilder()
      .send("orders/0@0")
      .join("billing", "m", 1, all)
      .poll("billing", "m", ["orders/0@0"])
      .advance(1000, 1000, ...expire("billing"))
      .join("billing", "drainer", 3, all)
      .poll("billing", "drainer", ["orders/0@0"])
      .poll("billing", "drainer", [])
    expect(undrainedGroupsOf(atLeastOnce.history, configTest).get("billing")).toBe(
      "zombie member m of billing still holds orders/0@0, which billing never processed"
    )
    const uncommitted = new HistoryBuilder()
      .send("orders/0@0")
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/0@0"])
      .advance(1000, 1000, ...expire("metrics"))
      .join("metrics", "drainer", 3, all)
      .poll("metrics", "drainer", [])
    // m can no longer commit, so it may never process orders/0@0: redelivering it was the broker's job.
    expect(drainedGroupsOf(uncommitted.history, configTest).has("metrics")).toBe(true)
    const committed = new HistoryBuilder()
      .send("orders/0@0")
      .join("metrics", "m", 1, all)
      .poll("metrics", "m", ["orders/0@0"])
      .commit("metrics", "m", 1, ["orders/0@1"])
      .advance(1000, 1000, ...expire("metrics"))
      .join("metrics", "drainer", 3, all)
      .poll("metrics", "drainer", [])
    expect(drainedGroupsOf(committed.history, configTest).has("metrics")).toBe(false)
  })

  it("shows every group drained after the standard drain on the built-in broker", async () => {
    const samples = fc.sample(choicesArbitrary(configDefault, 30), { seed: 5, numRuns: 25 })
    for (const choices of samples) {
      const run = await Effect.runPromise(runChoices(builtinTarget, configDefault, choices))
      expect(undrainedGroupsOf(historyOf(run), configDefault)).toEqual(new Map())
    }
  })

  it("waits, for a read_committed group, for a transaction with records in its partitions until it times out, and counts markers as appends", () => {
    const both = ["orders/0", "orders/1"]
    const b = new HistoryBuilder()
      .init("tp", 0, 0)
      .begin("tp")
      .send("orders/0@0", { producer: "tp", value: "x" })
      .join("audit", "c", 1, both)
      .join("billing", "u", 1, both)
    b.entry({ _tag: "ConsumerPoll", group: "audit", member: "c", recordsMax: 3 }, { _tag: "Polled", group: "audit", member: "c", records: [] })
    b.poll("billing", "u", ["orders/0@0"]).process("billing", "u", "orders/0@0").poll("billing", "u", [])
    const undrained = undrainedGroupsOf(b.history, configTxn)
    expect(undrained.get("audit")).toBe("tx's transaction, open since step 3 and not timed out, holds records in orders/0")
    expect(undrained.has("billing")).toBe(false)
    b.txnCommit("tp", ["orders/0@1"])
    expect(undrainedGroupsOf(b.history, configTxn).get("billing")).toContain("after the last send to it (step 10)")
  })
})
