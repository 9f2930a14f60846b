/**
 * The check order of every command (spec/command.ts): the first failing check
 * answers, and an error changes nothing (except that a broker call past the
 * membership check counts as heard from, and RebalanceInProgress syncs).
 */
import { describe, expect, it } from "vitest"
import type { Command } from "../spec/command.ts"
import { configDefault } from "../spec/config.ts"
import type { ModelState } from "./index.ts"
import { brokerMembersOf, clientOf, committedOf, init, run, runningMembersOf, step } from "./index.ts"
import { cmd } from "./internal/testing.ts"

/**
 * billing at t = 30000, generation 5: broker members a, b, c (c crashed, so
 * not running); z expired and runs on as a zombie (client of generation 1);
 * a's client is stale (generation 3), b's is current (generation 5, owning
 * orders-1 and payments-1). orders-0 and orders-1 hold 2 records each;
 * payments-1 holds 1.
 */
const setup = (): ModelState => {
  const { state, responses } = run(init(configDefault), [
    cmd.join("billing", "z"),
    cmd.advance(20_000),
    cmd.join("billing", "a"),
    cmd.join("billing", "b"),
    cmd.heartbeat("billing", "a"),
    cmd.join("billing", "c"),
    cmd.crash("billing", "c"),
    cmd.advance(10_000),
    cmd.heartbeat("billing", "b"),
    cmd.send("p", "orders", "v0", "k2"),
    cmd.send("p", "orders", "v1", "k2"),
    cmd.send("p", "orders", "w0", "k3"),
    cmd.send("p", "orders", "w1", "k3"),
    cmd.send("p", "payments", "x0", "k0")
  ])
  expect(responses[7]).toEqual({
    _tag: "ClockAdvanced",
    nowMs: 30_000,
    expired: [{ group: "billing", member: "z" }],
    rebalanced: [{ group: "billing", generation: 5 }]
  })
  expect(responses[8]).toEqual({
    _tag: "RebalanceInProgress",
    group: "billing",
    member: "b",
    generation: 5,
    assignment: [
      { topic: "orders", partition: 1 },
      { topic: "payments", partition: 1 }
    ]
  })
  expect(responses[13]).toEqual({ _tag: "Sent", topic: "payments", partition: 1, offset: 0 })
  return state
}

const base = setup()

/** Asserts the answer and that the state is the very same object (nothing changed). */
const rejects = (command: Command, response: unknown, state: ModelState = base) => {
  const next = step(state, command)
  expect(next.response).toEqual(response)
  expect(next.state).toBe(state)
}

const unknownMember = (member: string) => ({ _tag: "UnknownMember", group: "billing", member })

describe("the setup", () => {
  it("has the roles the checks need", () => {
    expect(brokerMembersOf(base, "billing").map((m) => m.member)).toEqual(["a", "b", "c"])
    expect(runningMembersOf(base, "billing")).toEqual(["a", "b", "z"])
    expect(clientOf(base, "billing", "a")?.generation).toBe(3)
    expect(clientOf(base, "billing", "z")?.generation).toBe(1)
  })
})

describe("GroupJoin", () => {
  it("checks UnknownGroup, then AlreadyMember (running broker members only)", () => {
    rejects(cmd.join("nope", "b"), { _tag: "UnknownGroup", group: "nope" })
    rejects(cmd.join("billing", "b"), { _tag: "AlreadyMember", group: "billing", member: "b" })
    rejects(cmd.join("billing", "a"), { _tag: "AlreadyMember", group: "billing", member: "a" })
    expect(step(base, cmd.join("billing", "c")).response).toMatchObject({ _tag: "Joined", generation: 6 })
    expect(step(base, cmd.join("billing", "z")).response).toMatchObject({ _tag: "Joined", generation: 6 })
  })

  it("puts a rejoining zombie at the end of the membership and replaces its client (idle: 4 members, 3 partitions)", () => {
    const { state } = step(base, cmd.join("billing", "z"))
    expect(brokerMembersOf(state, "billing").map((m) => m.member)).toEqual(["a", "b", "c", "z"])
    expect(clientOf(state, "billing", "z")).toEqual({
      generation: 6,
      assignment: [],
      positions: [],
      buffer: []
    })
  })
})

describe("GroupLeave, ConsumerHeartbeat, ConsumerPoll", () => {
  it("check UnknownGroup, then UnknownMember unless a running broker member", () => {
    const commands = [
      (member: string) => cmd.leave("billing", member),
      (member: string) => cmd.heartbeat("billing", member),
      (member: string) => cmd.poll("billing", member, 3)
    ]
    for (const make of commands) {
      rejects({ ...make("b"), group: "nope" } as Command, { _tag: "UnknownGroup", group: "nope" })
      rejects(make("c"), unknownMember("c"))
      rejects(make("z"), unknownMember("z"))
      rejects(make("never"), unknownMember("never"))
    }
  })

  it("answer a stale client's poll with RebalanceInProgress and no records", () => {
    const { state, response } = step(base, cmd.poll("billing", "a", 3))
    expect(response).toEqual({
      _tag: "RebalanceInProgress",
      group: "billing",
      member: "a",
      generation: 5,
      assignment: [
        { topic: "orders", partition: 0 },
        { topic: "payments", partition: 0 }
      ]
    })
    expect(clientOf(state, "billing", "a")).toEqual({
      generation: 5,
      assignment: [
        { topic: "orders", partition: 0 },
        { topic: "payments", partition: 0 }
      ],
      positions: [],
      buffer: []
    })
  })
})

describe("ConsumerProcess", () => {
  it("checks UnknownGroup, UnknownMember unless running (a zombie may), then NotDelivered", () => {
    rejects(cmd.process("nope", "never", "orders", 0, 0), { _tag: "UnknownGroup", group: "nope" })
    rejects(cmd.process("billing", "c", "orders", 0, 0), unknownMember("c"))
    const notDelivered = (member: string, topic: string) => ({
      _tag: "NotDelivered",
      group: "billing",
      member,
      topic,
      partition: 0,
      offset: 0
    })
    rejects(cmd.process("billing", "z", "orders", 0, 0), notDelivered("z", "orders"))
    rejects(cmd.process("billing", "b", "nope", 0, 0), notDelivered("b", "nope"))
  })
})

describe("ConsumerCommit", () => {
  const commit = (member: string, offsets: Array<{ topic: string; partition: number; offset: number }>) =>
    cmd.commit("billing", member, offsets)

  it("checks UnknownGroup, then UnknownMember unless a running broker member", () => {
    rejects(cmd.commit("nope", "never", []), { _tag: "UnknownGroup", group: "nope" })
    rejects(commit("c", []), unknownMember("c"))
    rejects(commit("z", []), unknownMember("z"))
  })

  it("checks StaleGeneration before any entry", () => {
    const { response } = step(base, commit("a", [{ topic: "nope", partition: 0, offset: 0 }]))
    expect(response).toEqual({ _tag: "StaleGeneration", group: "billing", member: "a", generation: 3, generationCurrent: 5 })
  })

  it("checks each entry in order: UnknownTopic, NotAssigned, then OffsetOutOfRange", () => {
    rejects(commit("b", [{ topic: "nope", partition: 0, offset: 0 }]), { _tag: "UnknownTopic", topic: "nope" })
    const notAssigned = (topic: string, partition: number) => ({ _tag: "NotAssigned", group: "billing", member: "b", topic, partition })
    rejects(commit("b", [{ topic: "orders", partition: 0, offset: 99 }]), notAssigned("orders", 0))
    rejects(commit("b", [{ topic: "orders", partition: 7, offset: 0 }]), notAssigned("orders", 7))
    rejects(
      commit("b", [
        { topic: "orders", partition: 0, offset: 0 },
        { topic: "nope", partition: 0, offset: 0 }
      ]),
      notAssigned("orders", 0)
    )
    rejects(
      commit("b", [
        { topic: "nope", partition: 0, offset: 0 },
        { topic: "orders", partition: 0, offset: 0 }
      ]),
      { _tag: "UnknownTopic", topic: "nope" }
    )
    rejects(commit("b", [{ topic: "orders", partition: 1, offset: 3 }]), {
      _tag: "OffsetOutOfRange",
      topic: "orders",
      partition: 1,
      offset: 3,
      highWatermark: 2
    })
  })

  it("stores nothing when a later entry fails, and accepts the high watermark itself", () => {
    const failed = step(base, commit("b", [
      { topic: "orders", partition: 1, offset: 1 },
      { topic: "payments", partition: 1, offset: 2 }
    ]))
    expect(failed.response).toEqual({ _tag: "OffsetOutOfRange", topic: "payments", partition: 1, offset: 2, highWatermark: 1 })
    expect(committedOf(failed.state, "billing", "orders", 1)).toBeUndefined()
    const ok = step(base, commit("b", [{ topic: "orders", partition: 1, offset: 2 }]))
    expect(ok.response).toEqual({
      _tag: "Committed",
      group: "billing",
      member: "b",
      generation: 5,
      offsets: [{ topic: "orders", partition: 1, offset: 2 }]
    })
    expect(committedOf(ok.state, "billing", "orders", 1)).toBe(2)
  })

  it("counts the member as heard from even when a later check fails", () => {
    const later = step(base, cmd.advance(5)).state
    const stale = step(later, commit("a", []))
    expect(stale.response._tag).toBe("StaleGeneration")
    expect(brokerMembersOf(stale.state, "billing").map((m) => m.lastSeenMs)).toEqual([30_005, 30_000, 20_000])
    const unknownTopic = step(later, commit("b", [{ topic: "nope", partition: 0, offset: 0 }]))
    expect(unknownTopic.response._tag).toBe("UnknownTopic")
    expect(brokerMembersOf(unknownTopic.state, "billing").map((m) => m.lastSeenMs)).toEqual([20_000, 30_005, 20_000])
  })
})

describe("ConsumerSeek", () => {
  const seek = (member: string, topic: string, partition: number, offset: number) => cmd.seek("billing", member, topic, partition, offset)

  it("checks UnknownGroup, UnknownMember unless running, UnknownTopic, NotAssigned, then OffsetOutOfRange", () => {
    rejects(cmd.seek("nope", "never", "nope", 9, 99), { _tag: "UnknownGroup", group: "nope" })
    rejects(seek("c", "nope", 9, 99), unknownMember("c"))
    rejects(seek("b", "nope", 9, 99), { _tag: "UnknownTopic", topic: "nope" })
    rejects(seek("b", "orders", 0, 99), { _tag: "NotAssigned", group: "billing", member: "b", topic: "orders", partition: 0 })
    rejects(seek("b", "orders", 1, 3), { _tag: "OffsetOutOfRange", topic: "orders", partition: 1, offset: 3, highWatermark: 2 })
    expect(step(base, seek("b", "orders", 1, 2)).response).toEqual({
      _tag: "Seeked",
      group: "billing",
      member: "b",
      topic: "orders",
      partition: 1,
      offset: 2
    })
  })

  it("goes by the client's own assignment, so a zombie and a stale client may seek", () => {
    // z's client (generation 1) owns everything; in generation 5 orders-2 is c's.
    expect(step(base, seek("z", "orders", 2, 0)).response).toMatchObject({ _tag: "Seeked", member: "z" })
    const { state, response } = step(base, seek("z", "orders", 0, 1))
    expect(response).toMatchObject({ _tag: "Seeked", member: "z" })
    expect(clientOf(state, "billing", "z")?.positions).toEqual([{ topic: "orders", partition: 0, offset: 1 }])
  })
})

describe("ConsumerCrash", () => {
  it("checks UnknownGroup, then UnknownMember unless running (a zombie may crash)", () => {
    rejects(cmd.crash("nope", "b"), { _tag: "UnknownGroup", group: "nope" })
    rejects(cmd.crash("billing", "c"), unknownMember("c"))
    rejects(cmd.crash("billing", "never"), unknownMember("never"))
    const { state, response } = step(base, cmd.crash("billing", "z"))
    expect(response).toEqual({ _tag: "Crashed", group: "billing", member: "z" })
    expect(runningMembersOf(state, "billing")).toEqual(["a", "b"])
  })
})
