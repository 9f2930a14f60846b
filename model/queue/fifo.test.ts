import { describe, expect, it } from "vitest"
import { init, queueOf, run, step } from "../index.ts"
import { configQueues, qcmd } from "./internal/testing.ts"

const s0 = init(configQueues)
const fifo = "orders.fifo"

// `orders.fifo`: visibility 1,000 ms, receiveCountMax 2 to `dlq.fifo`, dedup window 100 ms
describe("FIFO message groups", () => {
  it("delivers the messages of groups with none in flight in queue order, several of one group in one receive; a group with a message in flight is blocked while others flow", () => {
    const { responses } = run(s0, [
      qcmd.send(fifo, "a1", "A"),
      qcmd.send(fifo, "a2", "A"),
      qcmd.send(fifo, "b1", "B"),
      qcmd.send(fifo, "b2", "B"),
      qcmd.receive(fifo, "x", 3),
      qcmd.receive(fifo, "y", 10),
      qcmd.send(fifo, "c1", "C"),
      qcmd.receive(fifo, "y", 10),
      qcmd.ack(fifo, "x", 2),
      qcmd.receive(fifo, "y", 10)
    ])
    expect(responses[4]).toEqual({
      _tag: "Received",
      queue: fifo,
      consumer: "x",
      messages: [
        { messageId: 0, value: "a1", group: "A", receipt: 0, receiveCount: 1 },
        { messageId: 1, value: "a2", group: "A", receipt: 1, receiveCount: 1 },
        { messageId: 2, value: "b1", group: "B", receipt: 2, receiveCount: 1 }
      ]
    })
    // b2 is visible, but b1 is in flight: B is blocked, and so is A
    expect(responses[5]).toEqual({ _tag: "Received", queue: fifo, consumer: "y", messages: [] })
    expect(responses[7]).toEqual({ _tag: "Received", queue: fifo, consumer: "y", messages: [{ messageId: 4, value: "c1", group: "C", receipt: 3, receiveCount: 1 }] })
    // b1 deleted: b2 flows, A stays blocked behind a1 and a2
    expect(responses[9]).toEqual({ _tag: "Received", queue: fifo, consumer: "y", messages: [{ messageId: 3, value: "b2", group: "B", receipt: 4, receiveCount: 1 }] })
  })

  it("a group stays blocked while any of its messages is in flight, a later one included", () => {
    const { responses } = run(s0, [
      qcmd.send(fifo, "a1", "A"),
      qcmd.send(fifo, "a2", "A"),
      qcmd.receive(fifo, "x", 2),
      qcmd.release(fifo, "x", 0),
      qcmd.receive(fifo, "y", 2),
      qcmd.release(fifo, "x", 1),
      qcmd.receive(fifo, "y", 2)
    ])
    // a1 released (visible again), a2 still in flight: nothing of A
    expect(responses[4]).toEqual({ _tag: "Received", queue: fifo, consumer: "y", messages: [] })
    expect(responses[6]).toMatchObject({ messages: [{ messageId: 0, receiveCount: 2 }, { messageId: 1, receiveCount: 2 }] })
  })

  it("a group's head that became visible again is redelivered before the rest of its group", () => {
    const { responses } = run(s0, [qcmd.send(fifo, "a1", "A"), qcmd.send(fifo, "a2", "A"), qcmd.receive(fifo, "x", 1), qcmd.advance(1000), qcmd.receive(fifo, "y", 5)])
    expect(responses[4]).toEqual({
      _tag: "Received",
      queue: fifo,
      consumer: "y",
      messages: [
        { messageId: 0, value: "a1", group: "A", receipt: 1, receiveCount: 2 },
        { messageId: 1, value: "a2", group: "A", receipt: 2, receiveCount: 1 }
      ]
    })
  })

  it("messagesMax counts messages, not groups", () => {
    const { responses } = run(s0, [qcmd.send(fifo, "a1", "A"), qcmd.send(fifo, "b1", "B"), qcmd.send(fifo, "c1", "C"), qcmd.receive(fifo, "x", 2), qcmd.receive(fifo, "x", 2)])
    expect(responses[3]).toMatchObject({ messages: [{ messageId: 0 }, { messageId: 1 }] })
    expect(responses[4]).toMatchObject({ messages: [{ messageId: 2 }] })
  })

  it("a move to the dead-letter queue unblocks the group", () => {
    const { responses } = run(s0, [
      qcmd.send(fifo, "a1", "A"),
      qcmd.send(fifo, "a2", "A"),
      qcmd.receive(fifo, "x", 1),
      qcmd.advance(1000),
      qcmd.receive(fifo, "x", 1),
      qcmd.advance(999),
      qcmd.receive(fifo, "y", 5),
      qcmd.advance(1),
      qcmd.receive(fifo, "y", 5),
      qcmd.list("dlq.fifo")
    ])
    expect(responses[4]).toMatchObject({ messages: [{ messageId: 0, receiveCount: 2 }] })
    expect(responses[6]).toEqual({ _tag: "Received", queue: fifo, consumer: "y", messages: [] })
    expect(responses[7]).toEqual({ _tag: "ClockAdvanced", nowMs: 2000, expired: [], rebalanced: [], deadLettered: [{ queue: fifo, messageId: 0, deadLetterQueue: "dlq.fifo" }] })
    expect(responses[8]).toEqual({ _tag: "Received", queue: fifo, consumer: "y", messages: [{ messageId: 1, value: "a2", group: "A", receipt: 2, receiveCount: 1 }] })
    expect(responses[9]).toEqual({ _tag: "QueueListed", queue: "dlq.fifo", messages: [{ messageId: 0, value: "a1", group: "A", receiveCount: 2, receipt: 1, source: fifo }], remembered: [] })
  })

  it("a redriven message goes to the end of its source, behind newer messages of its group", () => {
    const { responses } = run(s0, [
      qcmd.send(fifo, "a1", "A"),
      qcmd.receive(fifo, "x", 1),
      qcmd.release(fifo, "x", 0),
      qcmd.receive(fifo, "x", 1),
      qcmd.release(fifo, "x", 1),
      qcmd.send(fifo, "a2", "A"),
      qcmd.redrive("dlq.fifo"),
      qcmd.receive(fifo, "y", 5)
    ])
    expect(responses[4]).toEqual({ _tag: "Released", queue: fifo, consumer: "x", receipt: 1, messageId: 0, deadLettered: true })
    expect(responses[6]).toEqual({ _tag: "Redriven", queue: "dlq.fifo", messages: [{ messageId: 0, source: fifo }] })
    expect(responses[7]).toEqual({
      _tag: "Received",
      queue: fifo,
      consumer: "y",
      messages: [
        { messageId: 1, value: "a2", group: "A", receipt: 2, receiveCount: 1 },
        { messageId: 0, value: "a1", group: "A", receipt: 3, receiveCount: 1 }
      ]
    })
  })
})

describe("FIFO deduplication window", () => {
  it("suppresses a dedup id within the window (atMs + window - 1) and enqueues it again at atMs + window", () => {
    const { state, responses } = run(s0, [
      qcmd.advance(10),
      qcmd.send(fifo, "v1", "A", "d1"),
      qcmd.advance(99),
      qcmd.send(fifo, "v2", "B", "d1"),
      qcmd.list(fifo),
      qcmd.advance(1),
      qcmd.list(fifo),
      qcmd.send(fifo, "v3", "A", "d1"),
      qcmd.list(fifo)
    ])
    expect(responses[1]).toEqual({ _tag: "Enqueued", queue: fifo, messageId: 0 })
    expect(responses[3]).toEqual({ _tag: "Enqueued", queue: fifo, messageId: 0, deduplicated: true })
    expect(responses[4]).toEqual({
      _tag: "QueueListed",
      queue: fifo,
      messages: [{ messageId: 0, value: "v1", group: "A", dedupId: "d1", receiveCount: 0 }],
      remembered: [{ dedupId: "d1", messageId: 0, atMs: 10 }]
    })
    // expired ids are left out of the listing
    expect(responses[6]).toMatchObject({ remembered: [] })
    expect(responses[7]).toEqual({ _tag: "Enqueued", queue: fifo, messageId: 1 })
    expect(responses[8]).toMatchObject({ remembered: [{ dedupId: "d1", messageId: 1, atMs: 110 }] })
    expect(queueOf(state, fifo)!.messages.map((message) => message.messageId)).toEqual([0, 1])
  })

  it("a suppressed duplicate does not extend the window", () => {
    const { responses } = run(s0, [qcmd.send(fifo, "v1", "A", "d1"), qcmd.advance(50), qcmd.send(fifo, "v1", "A", "d1"), qcmd.advance(50), qcmd.send(fifo, "v1", "A", "d1")])
    expect(responses[2]).toEqual({ _tag: "Enqueued", queue: fifo, messageId: 0, deduplicated: true })
    expect(responses[4]).toEqual({ _tag: "Enqueued", queue: fifo, messageId: 1 })
  })

  it("remembers an id after its message was deleted", () => {
    const { responses } = run(s0, [qcmd.send(fifo, "v1", "A", "d1"), qcmd.receive(fifo, "x", 1), qcmd.ack(fifo, "x", 0), qcmd.send(fifo, "v1", "A", "d1"), qcmd.list(fifo)])
    expect(responses[2]).toMatchObject({ deleted: true })
    expect(responses[3]).toEqual({ _tag: "Enqueued", queue: fifo, messageId: 0, deduplicated: true })
    expect(responses[4]).toEqual({ _tag: "QueueListed", queue: fifo, messages: [], remembered: [{ dedupId: "d1", messageId: 0, atMs: 0 }] })
  })

  it("lists remembered ids sorted by atMs, then id; a send without a dedup id is never suppressed; a redrive does not deduplicate", () => {
    const { responses } = run(s0, [
      qcmd.send(fifo, "v", "A", "zz"),
      qcmd.send(fifo, "v", "A", "b"),
      qcmd.advance(5),
      qcmd.send(fifo, "v", "A", "a"),
      qcmd.send(fifo, "v", "A"),
      qcmd.send(fifo, "v", "A"),
      qcmd.list(fifo)
    ])
    expect(responses.slice(4, 6)).toEqual([
      { _tag: "Enqueued", queue: fifo, messageId: 3 },
      { _tag: "Enqueued", queue: fifo, messageId: 4 }
    ])
    expect(responses[6]).toMatchObject({
      remembered: [
        { dedupId: "b", messageId: 1, atMs: 0 },
        { dedupId: "zz", messageId: 0, atMs: 0 },
        { dedupId: "a", messageId: 2, atMs: 5 }
      ]
    })
    const redriven = run(s0, [qcmd.send(fifo, "v", "A", "d"), qcmd.receive(fifo, "x", 1), qcmd.release(fifo, "x", 0), qcmd.receive(fifo, "x", 1), qcmd.release(fifo, "x", 1), qcmd.redrive("dlq.fifo"), qcmd.list(fifo)])
    expect(redriven.responses[6]).toEqual({
      _tag: "QueueListed",
      queue: fifo,
      messages: [{ messageId: 0, value: "v", group: "A", dedupId: "d", receiveCount: 0 }],
      remembered: [{ dedupId: "d", messageId: 0, atMs: 0 }]
    })
  })

  it("uses the default window (300,000 ms) when the config leaves it out", () => {
    const { responses } = run(s0, [qcmd.send("dlq.fifo", "v", "A", "d"), qcmd.advance(299_999), qcmd.send("dlq.fifo", "v", "A", "d"), qcmd.advance(1), qcmd.send("dlq.fifo", "v", "A", "d")])
    expect(responses[2]).toEqual({ _tag: "Enqueued", queue: "dlq.fifo", messageId: 0, deduplicated: true })
    expect(responses[4]).toEqual({ _tag: "Enqueued", queue: "dlq.fifo", messageId: 1 })
  })

  it("a deduplicated send changes nothing", () => {
    const sent = step(s0, qcmd.send(fifo, "v1", "A", "d1")).state
    expect(step(sent, qcmd.send(fifo, "v2", "B", "d1")).state).toBe(sent)
  })
})
