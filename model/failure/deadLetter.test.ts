import { describe, expect, it } from "vitest"
import { entriesOf, init, roundRobinOf, run } from "../index.ts"
import { cmd } from "../internal/testing.ts"
import { configFailures, fcmd } from "./internal/testing.ts"

const s0 = init(configFailures)

describe("the dead-letter publish", () => {
  it("partitions as a plain ProducerSend by dead-letter:<group>: a keyed record by its key, a keyless one by the producer's own round-robin counter", () => {
    // audit-dlt has 2 partitions; audit makes 2 attempts 500 ms apart
    const { state, responses } = run(s0, [
      cmd.send("p", "orders", "poison-a"), // orders/0@0
      cmd.send("p", "orders", "poison-b"), // orders/1@0
      cmd.send("p", "orders", "poison-c", "k0"), // orders/1@1
      cmd.send("p", "orders", "poison-d"), // orders/0@1
      cmd.join("audit", "a"),
      cmd.poll("audit", "a", 10),
      fcmd.process("audit", "a", 0, 0),
      fcmd.process("audit", "a", 1, 0),
      fcmd.process("audit", "a", 1, 1),
      fcmd.process("audit", "a", 0, 1),
      cmd.advance(500),
      fcmd.process("audit", "a", 0, 0),
      fcmd.process("audit", "a", 1, 0),
      fcmd.process("audit", "a", 1, 1),
      fcmd.process("audit", "a", 0, 1)
    ])
    const places = responses.slice(11).map((response) => (response._tag === "ProcessDeadLettered" ? response.deadLetter : response._tag))
    expect(places).toEqual([
      { topic: "audit-dlt", partition: 0, offset: 0 }, // round-robin 0
      { topic: "audit-dlt", partition: 1, offset: 0 }, // round-robin 1
      { topic: "audit-dlt", partition: 1, offset: 1 }, // k0 hashes to 1
      { topic: "audit-dlt", partition: 0, offset: 1 } // round-robin 0 again
    ])
    // three keyless dead-letter records moved the counter three times (the keyed one did not)
    expect(roundRobinOf(state, "dead-letter:audit", "audit-dlt")).toBe(3)
    expect(roundRobinOf(state, "p", "audit-dlt")).toBe(0)
    expect(entriesOf(state, "audit-dlt", 1)).toEqual([
      {
        _tag: "Data",
        offset: 0,
        producer: "dead-letter:audit",
        value: "poison-b",
        timestampMs: 500,
        deadLetter: { group: "audit", topic: "orders", partition: 1, offset: 0, cause: "poison", attempts: 2 }
      },
      {
        _tag: "Data",
        offset: 1,
        producer: "dead-letter:audit",
        key: "k0",
        value: "poison-c",
        timestampMs: 500,
        deadLetter: { group: "audit", topic: "orders", partition: 1, offset: 1, cause: "poison", attempts: 2 }
      }
    ])
  })
})
