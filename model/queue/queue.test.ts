import { describe, expect, it } from "vitest"
import { init, queueBufferOf, queueOf, receiptStatusOf, run, step } from "../index.ts"
import { configQueues, qcmd } from "./internal/testing.ts"

const s0 = init(configQueues)

describe("send, receive, process, acknowledge", () => {
  it("numbers messages over all queues and receipts over all receives; an acknowledgement with the latest receipt deletes", () => {
    const { state, responses } = run(s0, [
      qcmd.send("jobs", "a"),
      qcmd.send("plain", "b"),
      qcmd.send("jobs", "c"),
      qcmd.receive("plain", "x", 3),
      qcmd.receive("jobs", "x", 1),
      qcmd.receive("jobs", "y", 5),
      qcmd.process("jobs", "x", 1),
      qcmd.ack("jobs", "x", 1),
      qcmd.list("jobs")
    ])
    expect(responses).toEqual([
      { _tag: "Enqueued", queue: "jobs", messageId: 0 },
      { _tag: "Enqueued", queue: "plain", messageId: 1 },
      { _tag: "Enqueued", queue: "jobs", messageId: 2 },
      { _tag: "Received", queue: "plain", consumer: "x", messages: [{ messageId: 1, value: "b", receipt: 0, receiveCount: 1 }] },
      { _tag: "Received", queue: "jobs", consumer: "x", messages: [{ messageId: 0, value: "a", receipt: 1, receiveCount: 1 }] },
      { _tag: "Received", queue: "jobs", consumer: "y", messages: [{ messageId: 2, value: "c", receipt: 2, receiveCount: 1 }] },
      { _tag: "QueueProcessed", queue: "jobs", consumer: "x", receipt: 1, messageId: 0 },
      { _tag: "Acknowledged", queue: "jobs", consumer: "x", receipt: 1, messageId: 0, deleted: true },
      {
        _tag: "QueueListed",
        queue: "jobs",
        messages: [{ messageId: 2, value: "c", receiveCount: 1, receipt: 2, inFlightUntilMs: 1000 }],
        remembered: []
      }
    ])
    expect(queueBufferOf(state, "jobs", "x")).toEqual([])
    expect(queueBufferOf(state, "jobs", "y")).toEqual([2])
    expect(queueBufferOf(state, "plain", "x")).toEqual([0])
    expect(queueBufferOf(state, "jobs", "z")).toBeUndefined()
  })

  it("a receive with nothing visible answers no message and starts the consumer's client", () => {
    const received = step(s0, qcmd.receive("jobs", "x", 2))
    expect(received.response).toEqual({ _tag: "Received", queue: "jobs", consumer: "x", messages: [] })
    expect(queueBufferOf(received.state, "jobs", "x")).toEqual([])
  })

  it("lists messages in queue order with only the fields that apply", () => {
    const { responses } = run(s0, [qcmd.send("jobs", "a"), qcmd.send("jobs", "b"), qcmd.advance(5), qcmd.receive("jobs", "x", 1), qcmd.list("jobs"), qcmd.advance(1005), qcmd.list("jobs")])
    expect(responses[4]).toEqual({
      _tag: "QueueListed",
      queue: "jobs",
      messages: [
        { messageId: 0, value: "a", receiveCount: 1, receipt: 0, inFlightUntilMs: 1005 },
        { messageId: 1, value: "b", receiveCount: 0 }
      ],
      remembered: []
    })
    // visible again: the receipt stays, the visibility end is left out
    expect(responses[6]).toEqual({
      _tag: "QueueListed",
      queue: "jobs",
      messages: [
        { messageId: 0, value: "a", receiveCount: 1, receipt: 0 },
        { messageId: 1, value: "b", receiveCount: 0 }
      ],
      remembered: []
    })
  })
})

describe("visibility timeout", () => {
  it("a message is in flight until exactly nowMs + visibilityTimeoutMs, then redelivered with the next receive count", () => {
    const { state, responses } = run(s0, [
      qcmd.send("plain", "a"),
      qcmd.receive("plain", "x", 1),
      qcmd.advance(499),
      qcmd.receive("plain", "y", 1),
      qcmd.advance(1),
      qcmd.receive("plain", "y", 1),
      qcmd.advance(500),
      qcmd.receive("plain", "x", 1)
    ])
    expect(responses[3]).toEqual({ _tag: "Received", queue: "plain", consumer: "y", messages: [] })
    expect(responses[5]).toEqual({ _tag: "Received", queue: "plain", consumer: "y", messages: [{ messageId: 0, value: "a", receipt: 1, receiveCount: 2 }] })
    // no redrive policy: redelivered forever
    expect(responses[7]).toEqual({ _tag: "Received", queue: "plain", consumer: "x", messages: [{ messageId: 0, value: "a", receipt: 2, receiveCount: 3 }] })
    expect(queueBufferOf(state, "plain", "x")).toEqual([0, 2])
  })

  it("a crash keeps the consumer's messages in flight until their timeout, counted; the crash lists the buffer's receipts", () => {
    const { state, responses } = run(s0, [
      qcmd.send("plain", "a"),
      qcmd.send("plain", "b"),
      qcmd.receive("plain", "x", 2),
      qcmd.process("plain", "x", 0),
      qcmd.crash("plain", "x"),
      qcmd.receive("plain", "y", 2),
      qcmd.process("plain", "x", 1),
      qcmd.advance(500),
      qcmd.receive("plain", "y", 2),
      qcmd.crash("plain", "nobody")
    ])
    expect(responses[4]).toEqual({ _tag: "QueueCrashed", queue: "plain", consumer: "x", receipts: [1] })
    expect(responses[5]).toEqual({ _tag: "Received", queue: "plain", consumer: "y", messages: [] })
    expect(responses[6]).toEqual({ _tag: "NotReceived", queue: "plain", consumer: "x", receipt: 1 })
    expect(responses[8]).toEqual({
      _tag: "Received",
      queue: "plain",
      consumer: "y",
      messages: [
        { messageId: 0, value: "a", receipt: 2, receiveCount: 2 },
        { messageId: 1, value: "b", receipt: 3, receiveCount: 2 }
      ]
    })
    expect(responses[9]).toEqual({ _tag: "QueueCrashed", queue: "plain", consumer: "nobody", receipts: [] })
    expect(queueBufferOf(state, "plain", "x")).toBeUndefined()
  })

  it("a stale receipt after a redelivery deletes nothing (deleted: false) and is still processed; the latest receipt deletes", () => {
    const { state, responses } = run(s0, [
      qcmd.send("plain", "a"),
      qcmd.receive("plain", "slow", 1),
      qcmd.advance(500),
      qcmd.receive("plain", "fast", 1),
      qcmd.process("plain", "slow", 0),
      qcmd.ack("plain", "slow", 0),
      qcmd.list("plain"),
      qcmd.ack("plain", "fast", 1),
      qcmd.ack("plain", "fast", 1),
      qcmd.list("plain")
    ])
    expect(responses.slice(4)).toEqual([
      { _tag: "QueueProcessed", queue: "plain", consumer: "slow", receipt: 0, messageId: 0 },
      { _tag: "Acknowledged", queue: "plain", consumer: "slow", receipt: 0, messageId: 0, deleted: false },
      { _tag: "QueueListed", queue: "plain", messages: [{ messageId: 0, value: "a", receiveCount: 2, receipt: 1, inFlightUntilMs: 1000 }], remembered: [] },
      { _tag: "Acknowledged", queue: "plain", consumer: "fast", receipt: 1, messageId: 0, deleted: true },
      { _tag: "Acknowledged", queue: "plain", consumer: "fast", receipt: 1, messageId: 0, deleted: false },
      { _tag: "QueueListed", queue: "plain", messages: [], remembered: [] }
    ])
    // the acknowledgement leaves the buffer as it was
    expect(queueBufferOf(state, "plain", "fast")).toEqual([1])
  })

  it("a receipt stays current after its visibility ran out, until the next receive: it still deletes", () => {
    const { responses } = run(s0, [qcmd.send("plain", "a"), qcmd.receive("plain", "x", 1), qcmd.advance(10_000), qcmd.ack("plain", "y", 0)])
    expect(responses[3]).toEqual({ _tag: "Acknowledged", queue: "plain", consumer: "y", receipt: 0, messageId: 0, deleted: true })
  })
})

describe("release and extend", () => {
  it("a release makes the message visible at once and takes the receipt out of the consumer's buffer", () => {
    const { state, responses } = run(s0, [
      qcmd.send("plain", "a"),
      qcmd.receive("plain", "x", 1),
      qcmd.advance(100),
      qcmd.release("plain", "x", 0),
      qcmd.list("plain"),
      qcmd.release("plain", "x", 0),
      qcmd.extend("plain", "x", 0, 50),
      qcmd.process("plain", "x", 0),
      qcmd.receive("plain", "y", 1),
      qcmd.release("plain", "x", 0),
      qcmd.ack("plain", "x", 0)
    ])
    expect(responses.slice(3)).toEqual([
      { _tag: "Released", queue: "plain", consumer: "x", receipt: 0, messageId: 0, deadLettered: false },
      { _tag: "QueueListed", queue: "plain", messages: [{ messageId: 0, value: "a", receiveCount: 1, receipt: 0 }], remembered: [] },
      // visible now: its latest receipt is NotInFlight
      { _tag: "NotInFlight", queue: "plain", receipt: 0 },
      { _tag: "NotInFlight", queue: "plain", receipt: 0 },
      { _tag: "NotReceived", queue: "plain", consumer: "x", receipt: 0 },
      { _tag: "Received", queue: "plain", consumer: "y", messages: [{ messageId: 0, value: "a", receipt: 1, receiveCount: 2 }] },
      // stale now
      { _tag: "NotInFlight", queue: "plain", receipt: 0 },
      { _tag: "Acknowledged", queue: "plain", consumer: "x", receipt: 0, messageId: 0, deleted: false }
    ])
    expect(receiptStatusOf(state, "plain", 0)).toBe("stale")
    expect(receiptStatusOf(state, "plain", 1)).toBe("in-flight")
    expect(receiptStatusOf(state, "jobs", 1)).toBe("unknown")
  })

  it("a release by another consumer leaves the receiver's buffer alone", () => {
    const { state, responses } = run(s0, [qcmd.send("plain", "a"), qcmd.receive("plain", "x", 1), qcmd.release("plain", "y", 0)])
    expect(responses[2]).toEqual({ _tag: "Released", queue: "plain", consumer: "y", receipt: 0, messageId: 0, deadLettered: false })
    expect(queueBufferOf(state, "plain", "x")).toEqual([0])
  })

  it("an extend keeps the message in flight until nowMs + ms (shorter or longer than the timeout)", () => {
    const { state, responses } = run(s0, [
      qcmd.send("plain", "a"),
      qcmd.receive("plain", "x", 1),
      qcmd.advance(400),
      qcmd.extend("plain", "x", 0, 1000),
      qcmd.advance(999),
      qcmd.receive("plain", "y", 1),
      qcmd.extend("plain", "y", 0, 1),
      qcmd.advance(1),
      qcmd.extend("plain", "x", 0, 1),
      qcmd.receive("plain", "y", 1)
    ])
    expect(responses[3]).toEqual({ _tag: "Extended", queue: "plain", consumer: "x", receipt: 0, messageId: 0, inFlightUntilMs: 1400 })
    expect(responses[5]).toEqual({ _tag: "Received", queue: "plain", consumer: "y", messages: [] })
    expect(responses[6]).toEqual({ _tag: "Extended", queue: "plain", consumer: "y", receipt: 0, messageId: 0, inFlightUntilMs: 1400 })
    expect(responses[8]).toEqual({ _tag: "NotInFlight", queue: "plain", receipt: 0 })
    expect(responses[9]).toEqual({ _tag: "Received", queue: "plain", consumer: "y", messages: [{ messageId: 0, value: "a", receipt: 1, receiveCount: 2 }] })
    expect(receiptStatusOf(state, "plain", 1)).toBe("in-flight")
  })
})

describe("queue state", () => {
  it("an unknown queue has no view, no buffer", () => {
    expect(queueOf(s0, "nope")).toBeUndefined()
    expect(queueBufferOf(s0, "nope", "x")).toBeUndefined()
  })
})
