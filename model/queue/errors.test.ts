import { describe, expect, it } from "vitest"
import type { Command } from "../../spec/command.ts"
import type { ModelState } from "../index.ts"
import { init, run, step } from "../index.ts"
import { configQueues, qcmd } from "./internal/testing.ts"

const s0 = init(configQueues)

/** The answer of `command` from `state`, asserting that an error changes nothing. */
const errorOf = (state: ModelState, command: Command) => {
  const next = step(state, command)
  expect(next.state).toBe(state)
  return next.response
}

// receipt 0: `plain` message 0 by x (in flight); receipt 1: `jobs` message 1 by x, made stale by receipt 2 (y)
const { state: s1 } = run(s0, [
  qcmd.send("plain", "a"),
  qcmd.send("jobs", "b"),
  qcmd.receive("plain", "x", 1),
  qcmd.receive("jobs", "x", 1),
  qcmd.advance(1000),
  qcmd.receive("jobs", "y", 1),
  qcmd.send("plain", "c")
])

describe("queue errors change nothing", () => {
  it("UnknownQueue first, for every queue command", () => {
    const commands: ReadonlyArray<Command> = [
      qcmd.send("nope", "v", "g", "d"),
      qcmd.receive("nope", "x", 1),
      qcmd.process("nope", "x", 0),
      qcmd.ack("nope", "x", 0),
      qcmd.release("nope", "x", 0),
      qcmd.extend("nope", "x", 0, 10),
      qcmd.crash("nope", "x"),
      qcmd.redrive("nope"),
      qcmd.list("nope"),
      // a topic is not a queue
      qcmd.send("t", "v")
    ]
    for (const command of commands) {
      expect(errorOf(s1, command)).toEqual({ _tag: "UnknownQueue", queue: (command as { readonly queue: string }).queue })
    }
  })

  it("FifoOnly names `group` when a standard queue gets a group (with or without a dedup id), else `dedupId`", () => {
    expect(errorOf(s1, qcmd.send("jobs", "v", "g"))).toEqual({ _tag: "FifoOnly", queue: "jobs", field: "group" })
    expect(errorOf(s1, qcmd.send("jobs", "v", "g", "d"))).toEqual({ _tag: "FifoOnly", queue: "jobs", field: "group" })
    expect(errorOf(s1, qcmd.send("jobs", "v", undefined, "d"))).toEqual({ _tag: "FifoOnly", queue: "jobs", field: "dedupId" })
  })

  it("MessageGroupMissing for a FIFO send without a group, with or without a dedup id", () => {
    expect(errorOf(s1, qcmd.send("orders.fifo", "v"))).toEqual({ _tag: "MessageGroupMissing", queue: "orders.fifo" })
    expect(errorOf(s1, qcmd.send("dlq.fifo", "v", undefined, "d"))).toEqual({ _tag: "MessageGroupMissing", queue: "dlq.fifo" })
  })

  it("NotReceived unless the consumer's buffer holds the receipt", () => {
    // another consumer's receipt, another queue's receipt, a receipt never issued, a consumer without a client
    expect(errorOf(s1, qcmd.process("jobs", "x", 2))).toEqual({ _tag: "NotReceived", queue: "jobs", consumer: "x", receipt: 2 })
    expect(errorOf(s1, qcmd.process("jobs", "x", 0))).toEqual({ _tag: "NotReceived", queue: "jobs", consumer: "x", receipt: 0 })
    expect(errorOf(s1, qcmd.process("jobs", "x", 99))).toEqual({ _tag: "NotReceived", queue: "jobs", consumer: "x", receipt: 99 })
    expect(errorOf(s1, qcmd.process("plain", "z", 0))).toEqual({ _tag: "NotReceived", queue: "plain", consumer: "z", receipt: 0 })
    // processed once: gone from the buffer; a stale receipt is processed all the same
    const processed = step(s1, qcmd.process("jobs", "x", 1))
    expect(processed.response).toEqual({ _tag: "QueueProcessed", queue: "jobs", consumer: "x", receipt: 1, messageId: 1 })
    expect(errorOf(processed.state, qcmd.process("jobs", "x", 1))).toEqual({ _tag: "NotReceived", queue: "jobs", consumer: "x", receipt: 1 })
  })

  it("UnknownReceipt for a receipt the queue never issued (never issued at all, or issued by another queue)", () => {
    for (const make of [qcmd.ack, qcmd.release, (q: string, c: string, r: number) => qcmd.extend(q, c, r, 5)]) {
      expect(errorOf(s1, make("jobs", "x", 3))).toEqual({ _tag: "UnknownReceipt", queue: "jobs", receipt: 3 })
      expect(errorOf(s1, make("jobs", "x", 0))).toEqual({ _tag: "UnknownReceipt", queue: "jobs", receipt: 0 })
      expect(errorOf(s1, make("plain", "x", 2))).toEqual({ _tag: "UnknownReceipt", queue: "plain", receipt: 2 })
    }
  })

  it("NotInFlight for a stale receipt or the latest receipt of a visible message (release and extend)", () => {
    for (const make of [qcmd.release, (q: string, c: string, r: number) => qcmd.extend(q, c, r, 5)]) {
      // stale: received again since
      expect(errorOf(s1, make("jobs", "x", 1))).toEqual({ _tag: "NotInFlight", queue: "jobs", receipt: 1 })
      // latest, but its visibility ended
      expect(errorOf(s1, make("plain", "x", 0))).toEqual({ _tag: "NotInFlight", queue: "plain", receipt: 0 })
    }
    // deleted
    const deleted = step(s1, qcmd.ack("jobs", "y", 2)).state
    expect(errorOf(deleted, qcmd.release("jobs", "y", 2))).toEqual({ _tag: "NotInFlight", queue: "jobs", receipt: 2 })
  })

  it("NotADeadLetterQueue unless some queue names the queue as its dead-letter queue", () => {
    expect(errorOf(s1, qcmd.redrive("jobs"))).toEqual({ _tag: "NotADeadLetterQueue", queue: "jobs" })
    expect(errorOf(s1, qcmd.redrive("plain"))).toEqual({ _tag: "NotADeadLetterQueue", queue: "plain" })
    expect(errorOf(s1, qcmd.redrive("orders.fifo"))).toEqual({ _tag: "NotADeadLetterQueue", queue: "orders.fifo" })
    // an empty dead-letter queue redrives nothing and changes nothing
    expect(errorOf(s1, qcmd.redrive("dlq.fifo"))).toEqual({ _tag: "Redriven", queue: "dlq.fifo", messages: [] })
  })

  it("answers without changing the state: a stale acknowledgement, a receive with nothing for a running consumer, a listing", () => {
    expect(errorOf(s1, qcmd.ack("jobs", "x", 1))).toEqual({ _tag: "Acknowledged", queue: "jobs", consumer: "x", receipt: 1, messageId: 1, deleted: false })
    expect(errorOf(s1, qcmd.receive("jobs", "y", 3))).toEqual({ _tag: "Received", queue: "jobs", consumer: "y", messages: [] })
    expect(errorOf(s1, qcmd.list("jobs-dlq"))).toEqual({ _tag: "QueueListed", queue: "jobs-dlq", messages: [], remembered: [] })
    expect(errorOf(s1, qcmd.crash("jobs", "nobody"))).toEqual({ _tag: "QueueCrashed", queue: "jobs", consumer: "nobody", receipts: [] })
  })
})
