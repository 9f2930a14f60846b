import { describe, expect, it } from "vitest"
import { failureOf, init, recordsOf, roundRobinOf, run, step } from "../index.ts"
import { cmd } from "../internal/testing.ts"
import { configFailures, fcmd } from "./internal/testing.ts"

const s0 = init(configFailures)

/**
 * billing: `v0` (orders/0@0, key k3) dead-lettered after 3 downstream failures
 * (the third opens the breaker at 3000), then `poison-1` (orders/1@0, no key)
 * after 3 poison failures; the downstream is back up at 3000.
 */
const deadLettered = run(s0, [
  cmd.send("p", "orders", "v0", "k3"),
  cmd.send("p", "orders", "skip"), // round-robin: orders/0@1
  cmd.send("p", "orders", "poison-1"), // round-robin: orders/1@0
  cmd.join("billing", "a"),
  cmd.poll("billing", "a", 10),
  fcmd.redrive("billing"),
  fcmd.down("billing"),
  fcmd.process("billing", "a", 0, 0),
  fcmd.process("billing", "a", 1, 0),
  cmd.advance(1000),
  fcmd.process("billing", "a", 0, 0),
  fcmd.process("billing", "a", 1, 0),
  cmd.advance(2000),
  fcmd.process("billing", "a", 0, 0),
  fcmd.process("billing", "a", 1, 0),
  fcmd.up("billing")
])

describe("DeadLetterRedrive", () => {
  it("answers an empty list when nothing was dead-lettered", () => {
    expect(deadLettered.responses[5]).toEqual({ _tag: "DeadLettersRedriven", group: "billing", records: [] })
  })

  it("appends every dead-letter record to its source partition, in publish order, with key and value, by dead-letter:<group>, without a header", () => {
    expect(deadLettered.responses[13]).toMatchObject({ _tag: "ProcessDeadLettered", offset: 0, partition: 0, cause: "downstream", deadLetter: { offset: 0 } })
    expect(deadLettered.responses[14]).toMatchObject({ _tag: "ProcessDeadLettered", offset: 0, partition: 1, cause: "poison", deadLetter: { offset: 1 } })
    const { state, response } = step(deadLettered.state, fcmd.redrive("billing"))
    expect(response).toEqual({
      _tag: "DeadLettersRedriven",
      group: "billing",
      records: [
        { deadLetter: { topic: "billing-dlt", partition: 0, offset: 0 }, source: { topic: "orders", partition: 0, offset: 2 } },
        { deadLetter: { topic: "billing-dlt", partition: 0, offset: 1 }, source: { topic: "orders", partition: 1, offset: 1 } }
      ]
    })
    expect(recordsOf(state, "orders", 0)[2]).toEqual({ topic: "orders", partition: 0, offset: 2, producer: "dead-letter:billing", key: "k3", value: "v0", timestampMs: 3000 })
    expect(recordsOf(state, "orders", 1)[1]).toEqual({ topic: "orders", partition: 1, offset: 1, producer: "dead-letter:billing", value: "poison-1", timestampMs: 3000 })
    // not re-partitioned: the keyless record went back to partition 1, and the producer's round-robin counter did not move
    expect(roundRobinOf(state, "dead-letter:billing", "orders")).toBe(0)
    expect(failureOf(state, "billing")!.redrivenCount).toBe(2)
  })

  it("redrives each record once: a second redrive lists only what was dead-lettered since", () => {
    const { state, responses } = run(deadLettered.state, [
      fcmd.redrive("billing"),
      fcmd.redrive("billing"),
      cmd.poll("billing", "a", 10),
      fcmd.process("billing", "a", 0, 2), // the breaker opened at 3000: held
      cmd.advance(5000),
      fcmd.process("billing", "a", 0, 2), // the probe succeeds: the redriven record is processed
      fcmd.process("billing", "a", 1, 1),
      cmd.advance(1000),
      fcmd.process("billing", "a", 1, 1),
      cmd.advance(2000),
      fcmd.process("billing", "a", 1, 1), // the redriven poison record is dead-lettered again
      fcmd.redrive("billing")
    ])
    expect(responses[1]).toEqual({ _tag: "DeadLettersRedriven", group: "billing", records: [] })
    expect(responses[2]).toMatchObject({ _tag: "Polled", records: [{ partition: 0, offset: 2, value: "v0" }, { partition: 1, offset: 1, value: "poison-1" }] })
    expect(responses[3]).toEqual({ _tag: "BreakerOpen", group: "billing", member: "a", topic: "orders", partition: 0, offset: 2, untilMs: 8000 })
    expect(responses[5]).toEqual({ _tag: "Processed", group: "billing", member: "a", topic: "orders", partition: 0, offset: 2 })
    expect(responses[10]).toMatchObject({ _tag: "ProcessDeadLettered", partition: 1, offset: 1, cause: "poison", attempts: 3, deadLetter: { topic: "billing-dlt", partition: 0, offset: 2 } })
    expect(responses[11]).toEqual({
      _tag: "DeadLettersRedriven",
      group: "billing",
      records: [{ deadLetter: { topic: "billing-dlt", partition: 0, offset: 2 }, source: { topic: "orders", partition: 1, offset: 2 } }]
    })
    expect(failureOf(state, "billing")!.deadLettered.map((entry) => entry.deadLetter.offset)).toEqual([0, 1, 2])
  })

  it("answers NoDeadLetterTopic without a retry-then-dead-letter policy, and UnknownGroup first", () => {
    expect(step(s0, fcmd.redrive("naive")).response).toEqual({ _tag: "NoDeadLetterTopic", group: "naive" })
    expect(step(s0, fcmd.redrive("guarded")).response).toEqual({ _tag: "NoDeadLetterTopic", group: "guarded" })
    expect(step(s0, fcmd.redrive("plain")).response).toEqual({ _tag: "NoDeadLetterTopic", group: "plain" })
    expect(step(s0, fcmd.redrive("nope")).response).toEqual({ _tag: "UnknownGroup", group: "nope" })
    expect(step(s0, fcmd.redrive("naive")).state).toBe(s0)
  })
})
