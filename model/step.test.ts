import * as Schema from "effect/Schema"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { configDefault } from "../spec/config.ts"
import { highWatermarkOf, init, recordsOf, run, sinkOf, step } from "./index.ts"
import { Response } from "../spec/response.ts"
import { assertStepIsPure } from "./internal/purity.ts"
import { cmd, commandArbDefault as commandArb, members, producers } from "./internal/testing.ts"

const decodeResponse = Schema.decodeUnknownSync(Response, { onExcessProperty: "error" })



describe("step is pure", () => {
  it("never changes a state it was given, nor one it returned, even when old states are stepped again", () => {
    assertStepIsPure(configDefault, commandArb, { producers, members }, 150)
  })

  it("gives an old state's log its own history after a branch appends to it", () => {
    const s1 = step(init(configDefault), cmd.send("p", "orders", "v0", "k2")).state
    const s2 = step(s1, cmd.send("p", "orders", "v1", "k2")).state
    const branch = step(s1, cmd.send("q", "orders", "w1", "k2"))
    expect(branch.response).toEqual({ _tag: "Sent", topic: "orders", partition: 0, offset: 1 })
    expect(recordsOf(s2, "orders", 0).map((r) => r.value)).toEqual(["v0", "v1"])
    expect(recordsOf(branch.state, "orders", 0).map((r) => r.value)).toEqual(["v0", "w1"])
    expect(recordsOf(s1, "orders", 0).map((r) => r.value)).toEqual(["v0"])
    const s3 = step(s2, cmd.send("p", "orders", "v2", "k2")).state
    expect(recordsOf(s3, "orders", 0).map((r) => r.value)).toEqual(["v0", "v1", "v2"])
    expect(highWatermarkOf(s2, "orders", 0)).toBe(2)
  })

  it("gives an old state's sink and buffer their own history after a branch processes", () => {
    const { state: polled } = run(init(configDefault), [
      cmd.join("metrics", "a"),
      cmd.send("p", "orders", "v0", "k2"),
      cmd.send("p", "orders", "v1", "k2"),
      cmd.poll("metrics", "a", 2)
    ])
    const first = step(polled, cmd.process("metrics", "a", "orders", 0, 1)).state
    const second = step(polled, cmd.process("metrics", "a", "orders", 0, 0)).state
    const third = step(second, cmd.process("metrics", "a", "orders", 0, 1)).state
    expect(sinkOf(first, "metrics").map((r) => r.offset)).toEqual([1])
    expect(sinkOf(second, "metrics").map((r) => r.offset)).toEqual([0])
    expect(sinkOf(third, "metrics").map((r) => r.offset)).toEqual([0, 1])
    expect(sinkOf(polled, "metrics")).toEqual([])
  })

  it("answers every command with a response of the spec's shape (no extra keys)", () => {
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 60 }), (commands) => {
        const { responses } = run(init(configDefault), commands)
        for (const response of responses) {
          expect(Object.keys(response)[0]).toBe("_tag")
          expect(decodeResponse(response)).toEqual(response)
          expect(JSON.parse(JSON.stringify(response))).toEqual(response)
        }
      }),
      { numRuns: 50 }
    )
  })
})

describe("init", () => {
  it("rejects a config that breaks a rule of validateConfig", () => {
    expect(() => init({ ...configDefault, topics: [...configDefault.topics, { name: "orders", partitions: 1 }] })).toThrow(
      'qsem model: invalid config: topic "orders" is declared twice'
    )
  })
})
