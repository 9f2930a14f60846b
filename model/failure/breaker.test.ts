import { describe, expect, it } from "vitest"
import { attemptsOf, entriesOf, failureOf, init, run, step } from "../index.ts"
import { cmd } from "../internal/testing.ts"
import { configFailures, fcmd } from "./internal/testing.ts"

const s0 = init(configFailures)

/** `values` at orders/0@0.. (key `k3`), all in member `a`'s buffer of `group`. */
const polled = (group: string, values: ReadonlyArray<string>) =>
  run(s0, [...values.map((value) => cmd.send("p", "orders", value, "k3")), cmd.join(group, "a"), cmd.poll(group, "a", 10)]).state

const at = (group: string, offset: number) => ({ group, member: "a", topic: "orders", partition: 0, offset })
const failed = (group: string, offset: number, attempt: number, retryAtMs: number, cause = "downstream") => ({ _tag: "ProcessFailed", ...at(group, offset), cause, attempt, retryAtMs })
const held = (group: string, offset: number, untilMs: number) => ({ _tag: "BreakerOpen", ...at(group, offset), untilMs })
const processed = (group: string, offset: number) => ({ _tag: "Processed", ...at(group, offset) })

describe("the breaker that pauses (billing: 3 failed calls, cool-down 5,000 ms)", () => {
  const values = ["v0", "v1", "v2", "v3", "v4", "poison-5"]

  it("opens at the 3rd consecutive failed call, holds until openedAt + coolDownMs, probes at exactly then, re-opens on a failed probe and closes on a successful one", () => {
    const { state, responses } = run(polled("billing", values), [
      fcmd.down("billing"), // 0
      fcmd.process("billing", "a", 0, 0), // 1: call 1 fails
      fcmd.process("billing", "a", 0, 1), // 2: call 2 fails
      fcmd.process("billing", "a", 0, 2), // 3: call 3 fails: opens at 0
      fcmd.process("billing", "a", 0, 3), // 4: held
      cmd.advance(1000), // 5
      fcmd.process("billing", "a", 0, 0), // 6: its backoff passed, the breaker holds it
      cmd.advance(3999), // 7: 4999
      fcmd.process("billing", "a", 0, 3), // 8: held, 1 ms before
      cmd.advance(1), // 9: 5000
      fcmd.process("billing", "a", 0, 0), // 10: the probe fails: open again from 5000
      fcmd.process("billing", "a", 0, 1), // 11: held until 10000
      fcmd.up("billing"), // 12: the breaker is not touched
      fcmd.process("billing", "a", 0, 1), // 13: still held
      cmd.advance(5000), // 14: 10000
      fcmd.process("billing", "a", 0, 1) // 15: the probe succeeds
    ])
    expect(responses[0]).toEqual({ _tag: "DownstreamSet", group: "billing", up: false })
    expect(responses[1]).toEqual(failed("billing", 0, 1, 1000))
    expect(responses[2]).toEqual(failed("billing", 1, 1, 1000))
    expect(responses[3]).toEqual(failed("billing", 2, 1, 1000))
    expect(responses[4]).toEqual(held("billing", 3, 5000))
    expect(responses[6]).toEqual(held("billing", 0, 5000))
    expect(responses[8]).toEqual(held("billing", 3, 5000))
    expect(responses[10]).toEqual(failed("billing", 0, 2, 7000))
    expect(responses[11]).toEqual(held("billing", 1, 10_000))
    expect(responses[12]).toEqual({ _tag: "DownstreamSet", group: "billing", up: true })
    expect(responses[13]).toEqual(held("billing", 1, 10_000))
    expect(responses[15]).toEqual(processed("billing", 1))
    expect(failureOf(state, "billing")!.breaker).toEqual({ state: "closed", failures: 0 })
    // the held attempts were not counted: offset 3 never failed, offset 0 failed twice
    expect(attemptsOf(state, "billing", "a")).toEqual([
      { topic: "orders", partition: 0, offset: 0, count: 2, retryAtMs: 7000 },
      { topic: "orders", partition: 0, offset: 2, count: 1, retryAtMs: 1000 }
    ])

    // closed again with its count reset: it takes three failed calls to open it again (the third dead-letters offset 0)
    const again = run(state, [
      fcmd.down("billing"),
      fcmd.process("billing", "a", 0, 2),
      fcmd.process("billing", "a", 0, 3),
      fcmd.process("billing", "a", 0, 0),
      fcmd.process("billing", "a", 0, 4),
      fcmd.process("billing", "a", 0, 5)
    ])
    expect(again.responses[1]).toEqual(failed("billing", 2, 2, 12_000))
    expect(again.responses[2]).toEqual(failed("billing", 3, 1, 11_000))
    expect(again.responses[3]).toEqual({
      _tag: "ProcessDeadLettered",
      ...at("billing", 0),
      cause: "downstream",
      attempts: 3,
      deadLetter: { topic: "billing-dlt", partition: 0, offset: 0 }
    })
    expect(again.responses[4]).toEqual(held("billing", 4, 15_000))
    // a poison record fails as poison while the breaker is open, and leaves it as it was
    expect(again.responses[5]).toEqual(failed("billing", 5, 1, 11_000, "poison"))
    expect(failureOf(again.state, "billing")!.breaker).toEqual({ state: "open", openedAtMs: 10_000 })
    expect(entriesOf(again.state, "billing-dlt", 0)[0]).toMatchObject({ value: "v0", deadLetter: { cause: "downstream", attempts: 3 } })
  })

  it("BreakerOpen changes nothing", () => {
    const open = run(polled("billing", values), [fcmd.down("billing"), fcmd.process("billing", "a", 0, 0), fcmd.process("billing", "a", 0, 1), fcmd.process("billing", "a", 0, 2)]).state
    const refused = step(open, fcmd.process("billing", "a", 0, 3))
    expect(refused.response).toEqual(held("billing", 3, 5000))
    expect(refused.state).toBe(open)
  })

  it("a successful call resets the consecutive count while closed", () => {
    const { state, responses } = run(polled("billing", values), [
      fcmd.down("billing"),
      fcmd.process("billing", "a", 0, 0),
      fcmd.process("billing", "a", 0, 1),
      fcmd.up("billing"),
      fcmd.process("billing", "a", 0, 2),
      fcmd.down("billing"),
      fcmd.process("billing", "a", 0, 3),
      fcmd.process("billing", "a", 0, 4)
    ])
    expect(responses[4]).toEqual(processed("billing", 2))
    expect(responses[7]).toEqual(failed("billing", 4, 1, 1000))
    expect(failureOf(state, "billing")!.breaker).toEqual({ state: "closed", failures: 2 })
  })

  it("outlives the members: a crash neither resets it nor brings the downstream back", () => {
    const open = run(polled("billing", values), [fcmd.down("billing"), fcmd.process("billing", "a", 0, 0), fcmd.process("billing", "a", 0, 1), fcmd.process("billing", "a", 0, 2)]).state
    const { state, responses } = run(open, [cmd.crash("billing", "a"), cmd.join("billing", "a"), cmd.poll("billing", "a", 10), fcmd.process("billing", "a", 0, 0)])
    expect(responses[3]).toEqual(held("billing", 0, 5000))
    expect(failureOf(state, "billing")).toMatchObject({ downstreamUp: false, breaker: { state: "open", openedAtMs: 0 } })
  })

  it("with policy none (guarded: 2 failed calls, cool-down 1,000 ms) pauses the same way, and its failures carry no retry time", () => {
    const { responses } = run(polled("guarded", values), [
      fcmd.down("guarded"),
      fcmd.process("guarded", "a", 0, 0),
      fcmd.process("guarded", "a", 0, 0),
      fcmd.process("guarded", "a", 0, 0),
      cmd.advance(1000),
      fcmd.process("guarded", "a", 0, 0)
    ])
    const noRetry = (attempt: number) => ({ _tag: "ProcessFailed", ...at("guarded", 0), cause: "downstream", attempt })
    expect(responses.slice(1, 4)).toEqual([noRetry(1), noRetry(2), held("guarded", 0, 1000)])
    expect(responses[5]).toEqual(noRetry(3))
  })
})

describe("the breaker that dead-letters while open (audit: 2 failed calls, cool-down 3,000 ms, 2 attempts)", () => {
  it("dead-letters at once with cause breaker-open and the attempts so far, after the backoff check, and a failed probe re-opens it", () => {
    const { state, responses } = run(polled("audit", ["v0", "v1", "v2"]), [
      fcmd.down("audit"), // 0
      fcmd.process("audit", "a", 0, 0), // 1: call 1 fails
      fcmd.process("audit", "a", 0, 1), // 2: call 2 fails: opens at 0
      fcmd.process("audit", "a", 0, 0), // 3: the backoff comes first
      fcmd.process("audit", "a", 0, 2), // 4: dead-lettered before any attempt
      cmd.advance(500), // 5
      fcmd.process("audit", "a", 0, 0), // 6: dead-lettered after one attempt
      cmd.advance(2500), // 7: 3000
      fcmd.process("audit", "a", 0, 1) // 8: the probe fails, its 2nd attempt: dead-lettered, cause downstream
    ])
    expect(responses[1]).toEqual(failed("audit", 0, 1, 500))
    expect(responses[2]).toEqual(failed("audit", 1, 1, 500))
    expect(responses[3]).toEqual({ _tag: "BackoffPending", ...at("audit", 0), retryAtMs: 500 })
    const deadLettered = (offset: number, cause: string, attempts: number, dltOffset: number) => ({
      _tag: "ProcessDeadLettered",
      ...at("audit", offset),
      cause,
      attempts,
      deadLetter: { topic: "audit-dlt", partition: 0, offset: dltOffset }
    })
    expect(responses[4]).toEqual(deadLettered(2, "breaker-open", 0, 0))
    expect(responses[6]).toEqual(deadLettered(0, "breaker-open", 1, 1))
    expect(responses[8]).toEqual(deadLettered(1, "downstream", 2, 2))
    expect(failureOf(state, "audit")!.breaker).toEqual({ state: "open", openedAtMs: 3000 })
    expect(entriesOf(state, "audit-dlt", 0).map((entry) => entry._tag === "Data" ? entry.deadLetter : undefined)).toEqual([
      { group: "audit", topic: "orders", partition: 0, offset: 2, cause: "breaker-open", attempts: 0 },
      { group: "audit", topic: "orders", partition: 0, offset: 0, cause: "breaker-open", attempts: 1 },
      { group: "audit", topic: "orders", partition: 0, offset: 1, cause: "downstream", attempts: 2 }
    ])
    expect(attemptsOf(state, "audit", "a")).toEqual([])
  })
})
