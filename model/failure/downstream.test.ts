import { describe, expect, it } from "vitest"
import { attemptsOf, failureOf, init, run, step } from "../index.ts"
import { assertStepIsPure } from "../internal/purity.ts"
import { cmd } from "../internal/testing.ts"
import { commandArbFailures, configFailures, fcmd, membersFailures, producersFailures, startFailures } from "./internal/testing.ts"

const s0 = init(configFailures)

describe("DownstreamDown and DownstreamUp", () => {
  it("set the group's downstream, idempotently", () => {
    const { state, responses } = run(s0, [fcmd.down("billing"), fcmd.down("billing"), fcmd.up("billing"), fcmd.up("billing")])
    expect(responses).toEqual([
      { _tag: "DownstreamSet", group: "billing", up: false },
      { _tag: "DownstreamSet", group: "billing", up: false },
      { _tag: "DownstreamSet", group: "billing", up: true },
      { _tag: "DownstreamSet", group: "billing", up: true }
    ])
    expect(failureOf(state, "billing")!.downstreamUp).toBe(true)
    const down = step(s0, fcmd.down("billing")).state
    expect(failureOf(down, "billing")!.downstreamUp).toBe(false)
    expect(step(down, fcmd.down("billing")).state).toBe(down)
    expect(step(s0, fcmd.up("billing")).state).toBe(s0)
    // only that group's
    expect(failureOf(down, "storm")!.downstreamUp).toBe(true)
  })

  it("answer UnknownGroup, then NoFailurePolicy for a group without a failure config, changing nothing", () => {
    for (const make of [fcmd.down, fcmd.up]) {
      expect(step(s0, make("nope")).response).toEqual({ _tag: "UnknownGroup", group: "nope" })
      expect(step(s0, make("plain"))).toEqual({ state: s0, response: { _tag: "NoFailurePolicy", group: "plain" } })
      expect(step(s0, make("reader")).response).toEqual({ _tag: "NoFailurePolicy", group: "reader" })
    }
  })

  it("make every downstream call fail while down, for every member; a group without a failure config is not affected", () => {
    const { responses } = run(s0, [
      cmd.send("p", "orders", "v0", "k3"),
      cmd.join("storm", "a"),
      cmd.join("plain", "a"),
      cmd.poll("storm", "a", 5),
      cmd.poll("plain", "a", 5),
      fcmd.down("storm"),
      fcmd.process("storm", "a", 0, 0),
      fcmd.process("plain", "a", 0, 0)
    ])
    expect(responses[6]).toEqual({ _tag: "ProcessFailed", group: "storm", member: "a", topic: "orders", partition: 0, offset: 0, cause: "downstream", attempt: 1, retryAtMs: 1000 })
    expect(responses[7]).toEqual({ _tag: "Processed", group: "plain", member: "a", topic: "orders", partition: 0, offset: 0 })
  })
})

describe("the failure state at init", () => {
  it("is there only for groups with a failure config: downstream up, breaker closed, nothing dead-lettered", () => {
    expect(failureOf(s0, "billing")).toEqual({ downstreamUp: true, breaker: { state: "closed", failures: 0 }, deadLettered: [], redrivenCount: 0 })
    expect(failureOf(s0, "naive")).toEqual({ downstreamUp: true, breaker: undefined, deadLettered: [], redrivenCount: 0 })
    expect(failureOf(s0, "plain")).toBeUndefined()
    expect(failureOf(s0, "nope")).toBeUndefined()
    expect(s0.failures.map((failure) => failure !== undefined)).toEqual([true, true, true, true, true, false, false])
    expect(attemptsOf(s0, "billing", "a")).toEqual([])
  })
})

describe("step with failures is pure", () => {
  it("never changes a state it was given, nor one it returned (breakers, downstreams, attempts and dead-letter ledgers included)", () => {
    assertStepIsPure(configFailures, commandArbFailures, { producers: producersFailures, members: membersFailures }, 150, startFailures)
  })
})
