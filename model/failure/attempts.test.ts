import { describe, expect, it } from "vitest"
import { attemptsOf, clientOf, init, run, step } from "../index.ts"
import { cmd } from "../internal/testing.ts"
import { configFailures, fcmd } from "./internal/testing.ts"

const s0 = init(configFailures)

/** `poison-1` at orders/0@0 and `v1` at orders/0@1, in member `a`'s buffer of `storm` (3 attempts, backoff 1,000 ms), whose first attempt at 0 failed. */
const failedOnce = run(s0, [
  cmd.send("p", "orders", "poison-1", "k3"),
  cmd.send("p", "orders", "v1", "k3"),
  cmd.join("storm", "a"),
  cmd.poll("storm", "a", 5),
  fcmd.process("storm", "a", 0, 0)
]).state

const failed = (attempt: number, retryAtMs: number) => ({
  _tag: "ProcessFailed",
  group: "storm",
  member: "a",
  topic: "orders",
  partition: 0,
  offset: 0,
  cause: "poison",
  attempt,
  retryAtMs
})

describe("a member's attempts at a record place", () => {
  it("are kept by its client", () => {
    expect(attemptsOf(failedOnce, "storm", "a")).toEqual([{ topic: "orders", partition: 0, offset: 0, count: 1, retryAtMs: 1000 }])
  })

  it("are forgotten by ConsumerCrash: the redelivered record starts again at attempt 1, with no backoff", () => {
    const { state, responses } = run(failedOnce, [cmd.crash("storm", "a"), cmd.join("storm", "a"), cmd.poll("storm", "a", 5), fcmd.process("storm", "a", 0, 0)])
    expect(responses[3]).toEqual(failed(1, 1000))
    expect(attemptsOf(state, "storm", "a")).toEqual([{ topic: "orders", partition: 0, offset: 0, count: 1, retryAtMs: 1000 }])
  })

  it("are forgotten by GroupLeave and a new join", () => {
    const { responses } = run(failedOnce, [cmd.leave("storm", "a"), cmd.join("storm", "a"), cmd.poll("storm", "a", 5), fcmd.process("storm", "a", 0, 0)])
    expect(responses[3]).toEqual(failed(1, 1000))
  })

  it("survive a rebalance (the process goes on): the synced member still backs off", () => {
    const { state, responses } = run(failedOnce, [cmd.join("storm", "b"), cmd.heartbeat("storm", "a"), fcmd.process("storm", "a", 0, 0)])
    expect(responses[1]).toMatchObject({ _tag: "RebalanceInProgress", generation: 2 })
    expect(responses[2]).toEqual({ _tag: "BackoffPending", group: "storm", member: "a", topic: "orders", partition: 0, offset: 0, retryAtMs: 1000 })
    expect(attemptsOf(state, "storm", "a")).toHaveLength(1)
  })

  it("continue for a redelivered copy of the place; dead-lettering removes the first copy and forgets the count, so the next copy starts again", () => {
    const { state, responses } = run(failedOnce, [
      cmd.seek("storm", "a", "orders", 0, 0),
      cmd.poll("storm", "a", 5),
      cmd.advance(1000),
      fcmd.process("storm", "a", 0, 0),
      cmd.advance(2000),
      fcmd.process("storm", "a", 0, 0),
      fcmd.process("storm", "a", 0, 0)
    ])
    expect(responses[3]).toEqual(failed(2, 3000))
    expect(responses[5]).toMatchObject({ _tag: "ProcessDeadLettered", attempts: 3, deadLetter: { topic: "storm-dlt", partition: 0, offset: 0 } })
    expect(responses[6]).toEqual(failed(1, 4000))
    expect(clientOf(state, "storm", "a")!.buffer.map((record) => `${record.offset}:${record.value}`)).toEqual(["1:v1", "0:poison-1", "1:v1"])
  })

  it("of a processed place are forgotten", () => {
    const state = run(s0, [
      cmd.send("p", "orders", "v0", "k3"),
      cmd.join("storm", "a"),
      cmd.poll("storm", "a", 5),
      fcmd.down("storm"),
      fcmd.process("storm", "a", 0, 0),
      fcmd.up("storm"),
      cmd.advance(1000)
    ]).state
    expect(attemptsOf(state, "storm", "a")).toHaveLength(1)
    const done = step(state, fcmd.process("storm", "a", 0, 0))
    expect(done.response).toEqual({ _tag: "Processed", group: "storm", member: "a", topic: "orders", partition: 0, offset: 0 })
    expect(attemptsOf(done.state, "storm", "a")).toEqual([])
  })
})
