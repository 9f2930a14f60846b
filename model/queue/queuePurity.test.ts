import * as Schema from "effect/Schema"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { Command } from "../../spec/command.ts"
import { configDefault } from "../../spec/config.ts"
import { Response } from "../../spec/response.ts"
import { assertStepIsPure } from "../internal/purity.ts"
import { cmd, commandArbDefault, members, producers, snapshot } from "../internal/testing.ts"
import type { ModelState } from "../index.ts"
import { init, messagesEnqueuedOf, nowMs, queueBufferOf, queueOf, receiptOf, receiptsIssuedOf, run, step } from "../index.ts"
import { commandArbQueues, configQueues, consumersQueues, qcmd } from "./internal/testing.ts"

const decodeResponse = Schema.decodeUnknownSync(Response, { onExcessProperty: "error" })

/** Everything observable about the queues of a state. */
const queuesView = (state: ModelState): unknown => ({
  nowMs: nowMs(state),
  enqueued: messagesEnqueuedOf(state),
  receipts: Array.from({ length: receiptsIssuedOf(state) }, (_, r) => receiptOf(state, r)),
  queues: configQueues.queues!.map((queue) => ({
    view: queueOf(state, queue.name),
    buffers: consumersQueues.map((consumer) => queueBufferOf(state, queue.name, consumer) ?? null)
  }))
})

const hasUndefined = (value: unknown): boolean =>
  value === undefined || (typeof value === "object" && value !== null && Object.values(value).some(hasUndefined))

const start: ReadonlyArray<Command> = [
  qcmd.send("jobs", "v0"),
  qcmd.send("jobs", "v1"),
  qcmd.send("orders.fifo", "v0", "g1", "d1"),
  qcmd.send("orders.fifo", "v1", "g2"),
  qcmd.send("other", "v0"),
  qcmd.receive("jobs", "a", 1),
  qcmd.receive("orders.fifo", "a", 1),
  qcmd.receive("other", "b", 1)
]

describe("step on a config with queues", () => {
  it("is pure: old states never change, and stepping one again answers the same (queues, receipts, buffers and dedup tables included)", () => {
    assertStepIsPure(configQueues, commandArbQueues, { producers: ["p"], members: [] }, 150, start)
    const first = run(init(configQueues), start).state
    fc.assert(
      fc.property(fc.array(commandArbQueues, { maxLength: 60 }), fc.array(commandArbQueues, { maxLength: 10 }), (commands, branch) => {
        const states: Array<ModelState> = [first]
        const views: Array<unknown> = [queuesView(first)]
        const responses: Array<unknown> = []
        for (const command of commands) {
          const next = step(states[states.length - 1], command)
          states.push(next.state)
          views.push(queuesView(next.state))
          responses.push(next.response)
        }
        for (let i = 0; i < states.length; i += 3) run(states[i], branch)
        states.forEach((state, i) => expect(queuesView(state)).toEqual(views[i]))
        commands.forEach((command, i) => expect(step(states[i], command).response).toEqual(responses[i]))
      }),
      { numRuns: 150 }
    )
  })

  it("answers every command with a response of the spec's shape: no extra keys, no key set to undefined", () => {
    fc.assert(
      fc.property(fc.array(commandArbQueues, { maxLength: 80 }), (commands) => {
        const { responses } = run(run(init(configQueues), start).state, commands)
        for (const response of responses) {
          expect(Object.keys(response)[0]).toBe("_tag")
          expect(decodeResponse(response)).toEqual(response)
          expect(hasUndefined(response)).toBe(false)
        }
      }),
      { numRuns: 100 }
    )
  })

  it("keeps message ids and receipts unique and increasing over the run", () => {
    fc.assert(
      fc.property(fc.array(commandArbQueues, { maxLength: 80 }), (commands) => {
        const { responses } = run(init(configQueues), commands)
        let messageIdNext = 0
        let receiptNext = 0
        for (const response of responses) {
          if (response._tag === "Enqueued" && response.deduplicated === undefined) expect(response.messageId).toBe(messageIdNext++)
          if (response._tag === "Received") for (const message of response.messages) expect(message.receipt).toBe(receiptNext++)
        }
      }),
      { numRuns: 100 }
    )
  })
})

describe("a config without queues", () => {
  it("answers stream commands exactly as the same config with queues added", () => {
    const withQueues = { ...configDefault, queues: [{ name: "q", mode: "at-least-once" as const, visibilityTimeoutMs: 10, receiveCountMax: 1, deadLetterQueue: "dlq" }, { name: "dlq", mode: "at-least-once" as const, visibilityTimeoutMs: 10 }] }
    fc.assert(
      fc.property(fc.array(commandArbDefault, { maxLength: 60 }), (commands) => {
        const plain = run(init(configDefault), commands)
        const queued = run(init(withQueues), commands)
        expect(JSON.stringify(queued.responses)).toBe(JSON.stringify(plain.responses))
        expect(snapshot(queued.state, producers, members)).toEqual(snapshot(plain.state, producers, members))
      }),
      { numRuns: 50 }
    )
  })

  it("never answers ClockAdvance with a deadLettered key", () => {
    const { responses } = run(init(configDefault), [cmd.advance(1), cmd.advance(40_000)])
    for (const response of responses) expect(Object.keys(response)).toEqual(["_tag", "nowMs", "expired", "rebalanced"])
  })

  it("answers every queue command UnknownQueue", () => {
    const s0 = init(configDefault)
    for (const command of [qcmd.send("q", "v"), qcmd.receive("q", "a", 1), qcmd.list("q"), qcmd.redrive("q")]) {
      expect(step(s0, command)).toEqual({ state: s0, response: { _tag: "UnknownQueue", queue: "q" } })
    }
  })
})
