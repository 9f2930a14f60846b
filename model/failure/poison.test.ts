import { describe, expect, it } from "vitest"
import type { Command } from "../../spec/command.ts"
import { attemptsOf, clientOf, entriesOf, failureOf, init, run, sinkOf, step } from "../index.ts"
import { cmd } from "../internal/testing.ts"
import { configFailures, fcmd } from "./internal/testing.ts"

const s0 = init(configFailures)

/** `poison-1` at orders/0@0 and `v1` at orders/0@1 (key `k3`), both in member `a`'s buffer of `group`. */
const polled = (group: string) =>
  run(s0, [cmd.send("p", "orders", "poison-1", "k3"), cmd.send("p", "orders", "v1", "k3"), cmd.join(group, "a"), cmd.poll(group, "a", 5)]).state

const failed = (group: string, offset: number, cause: "poison" | "downstream", attempt: number, retryAtMs?: number) => {
  const base = { _tag: "ProcessFailed", group, member: "a", topic: "orders", partition: 0, offset, cause, attempt }
  return retryAtMs === undefined ? base : { ...base, retryAtMs }
}

const values = (group: string, state = s0) => clientOf(state, group, "a")!.buffer.map((record) => record.value)

describe("a poison record under policy none (the naive consumer)", () => {
  it("fails every attempt, retried at once and forever: attempts 1, 2, 3, ... without a retry time, never dead-lettered, still buffered", () => {
    const attempts: Array<Command> = Array.from({ length: 25 }, () => fcmd.process("naive", "a", 0, 0))
    const { state, responses } = run(polled("naive"), attempts)
    expect(responses).toEqual(Array.from({ length: 25 }, (_, i) => failed("naive", 0, "poison", i + 1)))
    expect(values("naive", state)).toEqual(["poison-1", "v1"])
    expect(attemptsOf(state, "naive", "a")).toEqual([{ topic: "orders", partition: 0, offset: 0, count: 25 }])
    expect(sinkOf(state, "naive")).toEqual([])
    // time does not help; the record behind it can be processed (the protocol still never commits past the poison)
    const later = run(state, [cmd.advance(100_000), fcmd.process("naive", "a", 0, 0), fcmd.process("naive", "a", 0, 1)])
    expect(later.responses[1]).toEqual(failed("naive", 0, "poison", 26))
    expect(later.responses[2]).toEqual({ _tag: "Processed", group: "naive", member: "a", topic: "orders", partition: 0, offset: 1 })
    expect(entriesOf(later.state, "billing-dlt", 0)).toEqual([])
  })
})

describe("a poison record under retry-then-dead-letter", () => {
  it("backs off exponentially, refuses early attempts to the millisecond and dead-letters at attemptsMax with the header", () => {
    const { state, responses } = run(polled("storm"), [
      fcmd.process("storm", "a", 0, 0),
      cmd.advance(999),
      fcmd.process("storm", "a", 0, 0),
      cmd.advance(1),
      fcmd.process("storm", "a", 0, 0),
      cmd.advance(1999),
      fcmd.process("storm", "a", 0, 0),
      cmd.advance(1),
      fcmd.process("storm", "a", 0, 0),
      fcmd.process("storm", "a", 0, 0),
      fcmd.process("storm", "a", 0, 1)
    ])
    const refused = (retryAtMs: number) => ({ _tag: "BackoffPending", group: "storm", member: "a", topic: "orders", partition: 0, offset: 0, retryAtMs })
    expect(responses[0]).toEqual(failed("storm", 0, "poison", 1, 1000)) // 0 + 1000 * 2^0
    expect(responses[2]).toEqual(refused(1000)) // at 999
    expect(responses[4]).toEqual(failed("storm", 0, "poison", 2, 3000)) // at 1000: 1000 + 1000 * 2^1
    expect(responses[6]).toEqual(refused(3000)) // at 2999
    expect(responses[8]).toEqual({
      _tag: "ProcessDeadLettered",
      group: "storm",
      member: "a",
      topic: "orders",
      partition: 0,
      offset: 0,
      cause: "poison",
      attempts: 3,
      deadLetter: { topic: "storm-dlt", partition: 0, offset: 0 }
    })
    // the buffer entry is gone (not to the sink), and so are the place's attempts
    expect(responses[9]).toEqual({ _tag: "NotDelivered", group: "storm", member: "a", topic: "orders", partition: 0, offset: 0 })
    expect(responses[10]).toEqual({ _tag: "Processed", group: "storm", member: "a", topic: "orders", partition: 0, offset: 1 })
    expect(sinkOf(state, "storm").map((record) => record.value)).toEqual(["v1"])
    expect(attemptsOf(state, "storm", "a")).toEqual([])
    expect(entriesOf(state, "storm-dlt", 0)).toEqual([
      {
        _tag: "Data",
        offset: 0,
        producer: "dead-letter:storm",
        key: "k3",
        value: "poison-1",
        timestampMs: 3000,
        deadLetter: { group: "storm", topic: "orders", partition: 0, offset: 0, cause: "poison", attempts: 3 }
      }
    ])
    expect(failureOf(state, "storm")).toEqual({
      downstreamUp: true,
      breaker: undefined,
      deadLettered: [{ source: { topic: "orders", partition: 0 }, key: "k3", value: "poison-1", deadLetter: { topic: "storm-dlt", partition: 0, offset: 0 } }],
      redrivenCount: 0
    })
    // the commit may pass it
    expect(step(state, cmd.commit("storm", "a", [{ topic: "orders", partition: 0, offset: 2 }])).response).toMatchObject({ _tag: "Committed" })
  })

  it("BackoffPending changes nothing", () => {
    const first = step(polled("storm"), fcmd.process("storm", "a", 0, 0)).state
    const refused = step(first, fcmd.process("storm", "a", 0, 0))
    expect(refused.response._tag).toBe("BackoffPending")
    expect(refused.state).toBe(first)
  })

  it("shows the dead-letter record with its header to ObserverDump and to a poll of another group reading the dead-letter topic", () => {
    const { responses } = run(polled("billing"), [
      fcmd.process("billing", "a", 0, 0),
      cmd.advance(1000),
      fcmd.process("billing", "a", 0, 0),
      cmd.advance(2000),
      fcmd.process("billing", "a", 0, 0),
      cmd.dump("billing-dlt", 0),
      cmd.join("reader", "r"),
      cmd.poll("reader", "r", 5)
    ])
    const header = { group: "billing", topic: "orders", partition: 0, offset: 0, cause: "poison", attempts: 3 }
    expect(responses[4]).toMatchObject({ _tag: "ProcessDeadLettered", cause: "poison", attempts: 3, deadLetter: { topic: "billing-dlt", partition: 0, offset: 0 } })
    expect(responses[5]).toEqual({
      _tag: "Dumped",
      topic: "billing-dlt",
      partition: 0,
      entries: [{ _tag: "Data", offset: 0, producer: "dead-letter:billing", key: "k3", value: "poison-1", timestampMs: 3000, deadLetter: header }],
      highWatermark: 1,
      lastStableOffset: 1
    })
    expect(responses[7]).toEqual({
      _tag: "Polled",
      group: "reader",
      member: "r",
      records: [{ topic: "billing-dlt", partition: 0, offset: 0, producer: "dead-letter:billing", key: "k3", value: "poison-1", timestampMs: 3000, deadLetter: header }]
    })
  })

  it("never touches the breaker, even while it is open", () => {
    const { state, responses } = run(polled("billing"), [
      fcmd.process("billing", "a", 0, 0),
      cmd.advance(1000),
      fcmd.process("billing", "a", 0, 0),
      fcmd.down("billing"),
      fcmd.process("billing", "a", 0, 1)
    ])
    expect(responses[4]).toEqual(failed("billing", 1, "downstream", 1, 2000))
    // two poison failures did not count: one failed call so far
    expect(failureOf(state, "billing")!.breaker).toEqual({ state: "closed", failures: 1 })
  })

  it("ignores crashMidway on a failed attempt; a successful one crashes", () => {
    const start = polled("storm")
    const failedAttempt = step(start, cmd.processCrash("storm", "a", "orders", 0, 0))
    expect(failedAttempt.response).toEqual(failed("storm", 0, "poison", 1, 1000))
    expect(clientOf(failedAttempt.state, "storm", "a")).toBeDefined()
    const crashed = step(start, cmd.processCrash("storm", "a", "orders", 0, 1))
    expect(crashed.response).toEqual({ _tag: "ProcessCrashed", group: "storm", member: "a", topic: "orders", partition: 0, offset: 1 })
    expect(clientOf(crashed.state, "storm", "a")).toBeUndefined()
  })
})

describe("a group without a failure config", () => {
  it("processes a poison value like any record", () => {
    const { state, responses } = run(polled("plain"), [fcmd.process("plain", "a", 0, 0), fcmd.down("plain")])
    expect(responses[0]).toEqual({ _tag: "Processed", group: "plain", member: "a", topic: "orders", partition: 0, offset: 0 })
    expect(responses[1]).toEqual({ _tag: "NoFailurePolicy", group: "plain" })
    expect(sinkOf(state, "plain").map((record) => record.value)).toEqual(["poison-1"])
    expect(failureOf(state, "plain")).toBeUndefined()
    expect(attemptsOf(state, "plain", "a")).toEqual([])
  })
})
