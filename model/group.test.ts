import { describe, expect, it } from "vitest"
import type { Config } from "../spec/config.ts"
import { configDefault } from "../spec/config.ts"
import { brokerMembersOf, clientOf, committedOf, generationOf, init, run, runningMembersOf, sinkOf, step } from "./index.ts"
import { cmd } from "./internal/testing.ts"

const tp = (topic: string, partition: number) => ({ topic, partition })
const o = (partition: number) => tp("orders", partition)
const p = (partition: number) => tp("payments", partition)

describe("GroupJoin", () => {
  it("bumps the generation and recomputes the range assignment for everyone (eager)", () => {
    const { state, responses } = run(init(configDefault), [
      cmd.join("billing", "m1"),
      cmd.join("billing", "m0"),
      cmd.heartbeat("billing", "m1"),
      cmd.heartbeat("billing", "m1")
    ])
    expect(responses).toEqual([
      { _tag: "Joined", group: "billing", member: "m1", generation: 1, assignment: [o(0), o(1), o(2), p(0), p(1)] },
      { _tag: "Joined", group: "billing", member: "m0", generation: 2, assignment: [o(0), o(1), p(0)] },
      { _tag: "RebalanceInProgress", group: "billing", member: "m1", generation: 2, assignment: [o(2), p(1)] },
      { _tag: "HeartbeatOk", group: "billing", member: "m1", generation: 2, assignment: [o(2), p(1)] }
    ])
    expect(brokerMembersOf(state, "billing")).toEqual([
      { member: "m1", lastSeenMs: 0, assignment: [o(2), p(1)] },
      { member: "m0", lastSeenMs: 0, assignment: [o(0), o(1), p(0)] }
    ])
    expect(generationOf(state, "metrics")).toBe(0)
  })

  it("leaves members beyond the partition count idle under round-robin", () => {
    const { state, responses } = run(init(configDefault), [
      cmd.join("metrics", "d"),
      cmd.join("metrics", "c"),
      cmd.join("metrics", "b"),
      cmd.join("metrics", "a")
    ])
    expect(responses).toEqual([
      { _tag: "Joined", group: "metrics", member: "d", generation: 1, assignment: [o(0), o(1), o(2)] },
      { _tag: "Joined", group: "metrics", member: "c", generation: 2, assignment: [o(0), o(2)] },
      { _tag: "Joined", group: "metrics", member: "b", generation: 3, assignment: [o(0)] },
      { _tag: "Joined", group: "metrics", member: "a", generation: 4, assignment: [o(0)] }
    ])
    expect(brokerMembersOf(state, "metrics").map((m) => [m.member, m.assignment])).toEqual([
      ["d", []],
      ["c", [o(2)]],
      ["b", [o(1)]],
      ["a", [o(0)]]
    ])
  })

  it("answers AlreadyMember to a running broker member and changes nothing", () => {
    const s1 = step(init(configDefault), cmd.join("billing", "m")).state
    const { state, response } = step(s1, cmd.join("billing", "m"))
    expect(response).toEqual({ _tag: "AlreadyMember", group: "billing", member: "m" })
    expect(state).toBe(s1)
  })

  it("lets a crashed member rejoin in its old place, with a fresh client", () => {
    const { state, responses } = run(init(configDefault), [
      cmd.join("billing", "a"),
      cmd.join("billing", "b"),
      cmd.join("billing", "c"),
      cmd.send("p", "orders", "v", "k2"),
      cmd.poll("billing", "b", 5),
      cmd.poll("billing", "b", 5),
      cmd.crash("billing", "b"),
      cmd.join("billing", "b")
    ])
    expect(responses[6]).toEqual({ _tag: "Crashed", group: "billing", member: "b" })
    expect(responses[7]).toEqual({ _tag: "Joined", group: "billing", member: "b", generation: 4, assignment: [o(1), p(1)] })
    expect(brokerMembersOf(state, "billing").map((m) => m.member)).toEqual(["a", "b", "c"])
    expect(clientOf(state, "billing", "b")).toEqual({ generation: 4, assignment: [o(1), p(1)], positions: [], buffer: [] })
  })

  it("keeps a crashed member in the membership, owning its partitions, without a rebalance", () => {
    const { state } = run(init(configDefault), [cmd.join("billing", "a"), cmd.join("billing", "b"), cmd.crash("billing", "a")])
    expect(generationOf(state, "billing")).toBe(2)
    expect(brokerMembersOf(state, "billing").map((m) => [m.member, m.assignment])).toEqual([
      ["a", [o(0), o(1), p(0)]],
      ["b", [o(2), p(1)]]
    ])
    expect(runningMembersOf(state, "billing")).toEqual(["b"])
    expect(clientOf(state, "billing", "a")).toBeUndefined()
  })
})

describe("GroupLeave", () => {
  it("removes the member and its client, and rebalances the rest", () => {
    const { state, responses } = run(init(configDefault), [
      cmd.join("metrics", "a"),
      cmd.join("metrics", "b"),
      cmd.leave("metrics", "a"),
      cmd.heartbeat("metrics", "b"),
      cmd.leave("metrics", "a")
    ])
    expect(responses.slice(2)).toEqual([
      { _tag: "Left", group: "metrics", member: "a", generation: 3 },
      { _tag: "RebalanceInProgress", group: "metrics", member: "b", generation: 3, assignment: [o(0), o(1), o(2)] },
      { _tag: "UnknownMember", group: "metrics", member: "a" }
    ])
    expect(clientOf(state, "metrics", "a")).toBeUndefined()
    expect(brokerMembersOf(state, "metrics").map((m) => m.member)).toEqual(["b"])
  })

  it("bumps the generation when the last member leaves", () => {
    const { state, responses } = run(init(configDefault), [cmd.join("metrics", "a"), cmd.leave("metrics", "a")])
    expect(responses[1]).toEqual({ _tag: "Left", group: "metrics", member: "a", generation: 2 })
    expect(brokerMembersOf(state, "metrics")).toEqual([])
  })
})

const twoGroups: Config = {
  topics: [{ name: "t", partitions: 2 }],
  groups: [
    { name: "g1", mode: "at-least-once", assignor: "range", topics: ["t"] },
    { name: "g2", mode: "at-most-once", assignor: "round-robin", topics: ["t"] }
  ],
  sessionTimeoutMs: 30_000,
  bounds: { producersMax: 1, membersPerGroupMax: 3, keysMax: 1, recordsPerPollMax: 1, clockAdvanceMsMax: 1, commandsMax: 1 }
}

describe("session expiry (ClockAdvance)", () => {
  it("expires members with lastSeenMs + sessionTimeoutMs <= nowMs, in join order, and rebalances each group once", () => {
    const { state, responses } = run(init(twoGroups), [
      cmd.join("g2", "y"),
      cmd.join("g1", "z"),
      cmd.join("g1", "a"),
      cmd.advance(10_000),
      cmd.join("g1", "m"),
      cmd.advance(19_999),
      cmd.advance(1)
    ])
    expect(responses.slice(3)).toEqual([
      { _tag: "ClockAdvanced", nowMs: 10_000, expired: [], rebalanced: [] },
      { _tag: "Joined", group: "g1", member: "m", generation: 3, assignment: [tp("t", 1)] },
      { _tag: "ClockAdvanced", nowMs: 29_999, expired: [], rebalanced: [] },
      {
        _tag: "ClockAdvanced",
        nowMs: 30_000,
        expired: [
          { group: "g1", member: "z" },
          { group: "g1", member: "a" },
          { group: "g2", member: "y" }
        ],
        rebalanced: [
          { group: "g1", generation: 4 },
          { group: "g2", generation: 2 }
        ]
      }
    ])
    expect(brokerMembersOf(state, "g1")).toEqual([{ member: "m", lastSeenMs: 10_000, assignment: [tp("t", 0), tp("t", 1)] }])
    expect(brokerMembersOf(state, "g2")).toEqual([])
    // the expired members keep running as zombies
    expect(runningMembersOf(state, "g1")).toEqual(["a", "m", "z"])
    expect(clientOf(state, "g1", "z")?.generation).toBe(1)
  })

  it("counts heartbeats, polls and commits as signs of life", () => {
    const { responses } = run(init(twoGroups), [
      cmd.join("g1", "h"),
      cmd.join("g1", "p"),
      cmd.join("g1", "c"),
      cmd.join("g1", "x"),
      cmd.advance(20_000),
      cmd.heartbeat("g1", "h"),
      cmd.poll("g1", "p", 1),
      cmd.commit("g1", "c", []),
      cmd.advance(10_000)
    ])
    expect(responses[8]).toEqual({
      _tag: "ClockAdvanced",
      nowMs: 30_000,
      expired: [{ group: "g1", member: "x" }],
      rebalanced: [{ group: "g1", generation: 5 }]
    })
  })

  it("counts a fenced commit as a sign of life too (it passed the membership check)", () => {
    const { responses } = run(init(twoGroups), [
      cmd.join("g1", "a"),
      cmd.join("g1", "b"),
      cmd.advance(20_000),
      cmd.commit("g1", "a", []),
      cmd.advance(10_000)
    ])
    expect(responses[3]).toEqual({ _tag: "StaleGeneration", group: "g1", member: "a", generation: 1, generationCurrent: 2 })
    expect(responses[4]).toEqual({
      _tag: "ClockAdvanced",
      nowMs: 30_000,
      expired: [{ group: "g1", member: "b" }],
      rebalanced: [{ group: "g1", generation: 3 }]
    })
  })

  it("lets a zombie process what it holds but not reach the broker, until it rejoins at the end", () => {
    const { state, responses } = run(init(twoGroups), [
      cmd.join("g1", "z"),
      cmd.join("g1", "a"),
      cmd.heartbeat("g1", "z"),
      cmd.send("p", "t", "v", "k0"),
      cmd.poll("g1", "z", 1),
      cmd.heartbeat("g1", "a"),
      cmd.advance(30_000),
      cmd.heartbeat("g1", "z"),
      cmd.poll("g1", "z", 1),
      cmd.commit("g1", "z", [{ topic: "t", partition: 1, offset: 1 }]),
      cmd.process("g1", "z", "t", 1, 0),
      cmd.join("g1", "z")
    ])
    expect(responses.slice(2)).toEqual([
      { _tag: "RebalanceInProgress", group: "g1", member: "z", generation: 2, assignment: [tp("t", 1)] },
      { _tag: "Sent", topic: "t", partition: 1, offset: 0 },
      {
        _tag: "Polled",
        group: "g1",
        member: "z",
        records: [{ topic: "t", partition: 1, offset: 0, producer: "p", key: "k0", value: "v", timestampMs: 0 }]
      },
      { _tag: "HeartbeatOk", group: "g1", member: "a", generation: 2, assignment: [tp("t", 0)] },
      {
        _tag: "ClockAdvanced",
        nowMs: 30_000,
        expired: [
          { group: "g1", member: "z" },
          { group: "g1", member: "a" }
        ],
        rebalanced: [{ group: "g1", generation: 3 }]
      },
      { _tag: "UnknownMember", group: "g1", member: "z" },
      { _tag: "UnknownMember", group: "g1", member: "z" },
      { _tag: "UnknownMember", group: "g1", member: "z" },
      { _tag: "Processed", group: "g1", member: "z", topic: "t", partition: 1, offset: 0 },
      { _tag: "Joined", group: "g1", member: "z", generation: 4, assignment: [tp("t", 0), tp("t", 1)] }
    ])
    expect(committedOf(state, "g1", "t", 1)).toBeUndefined()
    expect(sinkOf(state, "g1").map((r) => r.offset)).toEqual([0])
    expect(brokerMembersOf(state, "g1").map((m) => [m.member, m.lastSeenMs])).toEqual([["z", 30_000]])
  })
})

describe("subscriptions", () => {
  it("deal round-robin over topics sorted by name, whatever the config's order, each topic once", () => {
    const config: Config = {
      topics: [
        { name: "zeta", partitions: 1 },
        { name: "alpha", partitions: 2 }
      ],
      groups: [{ name: "g", mode: "at-most-once", assignor: "round-robin", topics: ["zeta", "alpha", "zeta"] }],
      sessionTimeoutMs: 1000,
      bounds: { producersMax: 1, membersPerGroupMax: 2, keysMax: 1, recordsPerPollMax: 1, clockAdvanceMsMax: 1, commandsMax: 1 }
    }
    const { responses } = run(init(config), [cmd.join("g", "b"), cmd.join("g", "a")])
    expect(responses).toEqual([
      { _tag: "Joined", group: "g", member: "b", generation: 1, assignment: [tp("alpha", 0), tp("alpha", 1), tp("zeta", 0)] },
      { _tag: "Joined", group: "g", member: "a", generation: 2, assignment: [tp("alpha", 0), tp("zeta", 0)] }
    ])
  })
})
