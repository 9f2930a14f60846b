/**
 * The check order of spec/command.ts for ProducerSend, GroupJoin, GroupLeave
 * and ClockAdvance: each check answers its error, and an error changes
 * nothing.
 */
import { describe, expect, it } from "vitest"
import { configDefault } from "../spec/config.ts"
import { advance, commit, crash, heartbeat, join, leave, poll, record, send, tp } from "./internal/testCommands.ts"
import { last, run, singleGroup } from "./internal/testRun.ts"

describe("ProducerSend", () => {
  it("1. answers UnknownTopic, and the round-robin counter does not move", async () => {
    expect(await run([send("nope", "x"), send("orders", "a")], configDefault)).toStrictEqual([
      { _tag: "UnknownTopic", topic: "nope" },
      { _tag: "Sent", topic: "orders", partition: 0, offset: 0 }
    ])
  })

  it("2. puts a keyed record on its murmur2 partition, without moving the round-robin counter", async () => {
    expect(
      await run([
        send("orders", "a"),
        send("orders", "k1", "a-little-bit-long-string"),
        send("orders", "k2", "a-little-bit-long-string"),
        send("orders", "k3", "foobar"),
        send("orders", "b")
      ], configDefault)
    ).toStrictEqual([
      { _tag: "Sent", topic: "orders", partition: 0, offset: 0 },
      { _tag: "Sent", topic: "orders", partition: 2, offset: 0 },
      { _tag: "Sent", topic: "orders", partition: 2, offset: 1 },
      { _tag: "Sent", topic: "orders", partition: 0, offset: 1 },
      { _tag: "Sent", topic: "orders", partition: 1, offset: 0 }
    ])
  })

  it("2. keeps one round-robin counter per (producer, topic)", async () => {
    expect(
      await run([
        send("orders", "a", undefined, "p1"),
        send("orders", "b", undefined, "p2"),
        send("payments", "c", undefined, "p1"),
        send("orders", "d", undefined, "p1"),
        send("payments", "e", undefined, "p1"),
        send("payments", "f", undefined, "p1")
      ], configDefault)
    ).toStrictEqual([
      { _tag: "Sent", topic: "orders", partition: 0, offset: 0 },
      { _tag: "Sent", topic: "orders", partition: 0, offset: 1 },
      { _tag: "Sent", topic: "payments", partition: 0, offset: 0 },
      { _tag: "Sent", topic: "orders", partition: 1, offset: 0 },
      { _tag: "Sent", topic: "payments", partition: 1, offset: 0 },
      { _tag: "Sent", topic: "payments", partition: 0, offset: 1 }
    ])
  })

  it("3. stamps the record with nowMs and an empty-string key is still a key", async () => {
    const responses = await run([advance(42), send("t", "v", ""), join("g", "a"), poll("g", "a")], singleGroup(1))
    expect(responses[3]).toStrictEqual({
      _tag: "Polled",
      group: "g",
      member: "a",
      records: [record("t", 0, 0, "v", { key: "", timestampMs: 42 })]
    })
  })
})

describe("GroupJoin", () => {
  it("1. answers UnknownGroup", async () => {
    expect(await last([join("nope", "a")], configDefault)).toStrictEqual({ _tag: "UnknownGroup", group: "nope" })
  })

  it("2. answers AlreadyMember to a running broker member, and nothing changes", async () => {
    expect(await run([join("g", "a"), join("g", "a"), heartbeat("g", "a")], singleGroup(1))).toStrictEqual([
      { _tag: "Joined", group: "g", member: "a", generation: 1, assignment: [tp("t", 0)] },
      { _tag: "AlreadyMember", group: "g", member: "a" },
      { _tag: "HeartbeatOk", group: "g", member: "a", generation: 1, assignment: [tp("t", 0)] }
    ])
  })

  it("3. gives a rejoining member a fresh client: no positions, empty buffer", async () => {
    expect(
      await run([
        send("t", "a"),
        join("g", "a"),
        poll("g", "a"),
        crash("g", "a"),
        join("g", "a"),
        poll("g", "a")
      ], singleGroup(1))
    ).toStrictEqual([
      { _tag: "Sent", topic: "t", partition: 0, offset: 0 },
      { _tag: "Joined", group: "g", member: "a", generation: 1, assignment: [tp("t", 0)] },
      { _tag: "Polled", group: "g", member: "a", records: [record("t", 0, 0, "a")] },
      { _tag: "Crashed", group: "g", member: "a" },
      { _tag: "Joined", group: "g", member: "a", generation: 2, assignment: [tp("t", 0)] },
      { _tag: "Polled", group: "g", member: "a", records: [record("t", 0, 0, "a")] }
    ])
  })
})

describe("GroupLeave", () => {
  it("1. answers UnknownGroup before UnknownMember", async () => {
    expect(await last([leave("nope", "ghost")], configDefault)).toStrictEqual({ _tag: "UnknownGroup", group: "nope" })
  })

  it("2. answers UnknownMember to a member that never joined, a crashed member and a zombie", async () => {
    const config = singleGroup(1)
    const unknown = { _tag: "UnknownMember", group: "g", member: "a" }
    expect(await last([leave("g", "a")], config)).toStrictEqual(unknown)
    expect(await last([join("g", "a"), crash("g", "a"), leave("g", "a")], config)).toStrictEqual(unknown)
    expect(await last([join("g", "a"), advance(30_000), leave("g", "a")], config)).toStrictEqual(unknown)
  })

  it("3. removes the member, drops its buffer, commits nothing and rebalances (even to an empty group)", async () => {
    expect(
      await run([
        send("t", "a"),
        join("g", "a"),
        poll("g", "a"),
        leave("g", "a"),
        heartbeat("g", "a"),
        join("g", "a"),
        poll("g", "a")
      ], singleGroup(1))
    ).toStrictEqual([
      { _tag: "Sent", topic: "t", partition: 0, offset: 0 },
      { _tag: "Joined", group: "g", member: "a", generation: 1, assignment: [tp("t", 0)] },
      { _tag: "Polled", group: "g", member: "a", records: [record("t", 0, 0, "a")] },
      { _tag: "Left", group: "g", member: "a", generation: 2 },
      { _tag: "UnknownMember", group: "g", member: "a" },
      { _tag: "Joined", group: "g", member: "a", generation: 3, assignment: [tp("t", 0)] },
      { _tag: "Polled", group: "g", member: "a", records: [record("t", 0, 0, "a")] }
    ])
  })
})

describe("ClockAdvance", () => {
  it("expires a session exactly when lastSeenMs + sessionTimeoutMs <= nowMs", async () => {
    expect(await run([join("g", "a"), advance(29_999), advance(0), advance(1)], singleGroup(1))).toStrictEqual([
      { _tag: "Joined", group: "g", member: "a", generation: 1, assignment: [tp("t", 0)] },
      { _tag: "ClockAdvanced", nowMs: 29_999, expired: [], rebalanced: [] },
      { _tag: "ClockAdvanced", nowMs: 29_999, expired: [], rebalanced: [] },
      {
        _tag: "ClockAdvanced",
        nowMs: 30_000,
        expired: [{ group: "g", member: "a" }],
        rebalanced: [{ group: "g", generation: 2 }]
      }
    ])
  })

  it("sweeps groups in configuration order and lists only the groups that lost members", async () => {
    const responses = await run([
      join("metrics", "x"),
      advance(10_000),
      join("billing", "y"),
      join("billing", "z"),
      advance(20_000),
      heartbeat("billing", "z"),
      advance(10_000)
    ], configDefault)
    expect(responses[4]).toStrictEqual({
      _tag: "ClockAdvanced",
      nowMs: 30_000,
      expired: [{ group: "metrics", member: "x" }],
      rebalanced: [{ group: "metrics", generation: 2 }]
    })
    expect(responses[6]).toStrictEqual({
      _tag: "ClockAdvanced",
      nowMs: 40_000,
      expired: [{ group: "billing", member: "y" }],
      rebalanced: [{ group: "billing", generation: 3 }]
    })
  })

  it("lists expiries group by group in configuration order, then in join order", async () => {
    expect(
      await last([
        join("metrics", "x"),
        join("billing", "z"),
        join("billing", "y"),
        advance(30_000)
      ], configDefault)
    ).toStrictEqual({
      _tag: "ClockAdvanced",
      nowMs: 30_000,
      expired: [{ group: "billing", member: "z" }, { group: "billing", member: "y" }, { group: "metrics", member: "x" }],
      rebalanced: [{ group: "billing", generation: 3 }, { group: "metrics", generation: 2 }]
    })
  })

  it("keeps a session alive with heartbeats, polls and commits", async () => {
    const responses = await run([
      join("g", "a"),
      join("g", "b"),
      join("g", "c"),
      heartbeat("g", "a"),
      heartbeat("g", "b"),
      advance(20_000),
      heartbeat("g", "a"),
      poll("g", "b"),
      commit("g", "c", []),
      advance(10_000)
    ], singleGroup(3))
    expect(responses.slice(6, 9).map((response) => response._tag)).toStrictEqual(["HeartbeatOk", "Polled", "Committed"])
    expect(responses.at(-1)).toStrictEqual({ _tag: "ClockAdvanced", nowMs: 30_000, expired: [], rebalanced: [] })
  })
})
