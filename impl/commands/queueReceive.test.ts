import { describe, expect, it } from "vitest"
import { advance, queueAck, queueOf, queueReceive, queueSend } from "../internal/testCommands.ts"
import { queued, run } from "../internal/testRun.ts"

describe("QueueReceive", () => {
  it("hands out visible messages in queue order, up to messagesMax, with receipts numbered over the run", async () => {
    expect(
      await run([
        queueSend("q", "a"),
        queueSend("plain", "b"),
        queueSend("q", "c"),
        queueSend("q", "d"),
        queueReceive("q", "c1", 2),
        queueReceive("plain", "c1"),
        queueReceive("q", "c2"),
        queueReceive("q", "c2"),
        queueReceive("nope", "c2")
      ], queued).then((responses) => responses.slice(4))
    ).toStrictEqual([
      {
        _tag: "Received",
        queue: "q",
        consumer: "c1",
        messages: [
          { messageId: 0, value: "a", receipt: 0, receiveCount: 1 },
          { messageId: 2, value: "c", receipt: 1, receiveCount: 1 }
        ]
      },
      { _tag: "Received", queue: "plain", consumer: "c1", messages: [{ messageId: 1, value: "b", receipt: 2, receiveCount: 1 }] },
      { _tag: "Received", queue: "q", consumer: "c2", messages: [{ messageId: 3, value: "d", receipt: 3, receiveCount: 1 }] },
      { _tag: "Received", queue: "q", consumer: "c2", messages: [] },
      { _tag: "UnknownQueue", queue: "nope" }
    ])
  })

  it("redelivers an unacknowledged message once its visibility timeout ran out, not a millisecond before", async () => {
    const responses = await run([
      queueSend("plain", "a"),
      queueReceive("plain", "c1"),
      advance(999),
      queueReceive("plain", "c2"),
      queueOf("plain"),
      advance(1),
      queueOf("plain"),
      queueReceive("plain", "c2"),
      queueOf("plain")
    ], queued)
    expect(responses.filter((response) => response._tag !== "ClockAdvanced").slice(1)).toStrictEqual([
      { _tag: "Received", queue: "plain", consumer: "c1", messages: [{ messageId: 0, value: "a", receipt: 0, receiveCount: 1 }] },
      { _tag: "Received", queue: "plain", consumer: "c2", messages: [] },
      { _tag: "QueueListed", queue: "plain", messages: [{ messageId: 0, value: "a", receiveCount: 1, receipt: 0, inFlightUntilMs: 1000 }], remembered: [] },
      { _tag: "QueueListed", queue: "plain", messages: [{ messageId: 0, value: "a", receiveCount: 1, receipt: 0 }], remembered: [] },
      { _tag: "Received", queue: "plain", consumer: "c2", messages: [{ messageId: 0, value: "a", receipt: 1, receiveCount: 2 }] },
      { _tag: "QueueListed", queue: "plain", messages: [{ messageId: 0, value: "a", receiveCount: 2, receipt: 1, inFlightUntilMs: 2000 }], remembered: [] }
    ])
  })

  it("blocks a FIFO group behind its in-flight message and hands out one message per group", async () => {
    const responses = await run([
      queueSend("f", "a1", { group: "a" }),
      queueSend("f", "a2", { group: "a" }),
      queueSend("f", "b1", { group: "b" }),
      queueReceive("f", "c1", 1),
      queueReceive("f", "c2"),
      queueReceive("f", "c2"),
      queueAck("f", "c1", 0),
      queueReceive("f", "c1"),
      advance(1000),
      queueReceive("f", "c1")
    ], queued)
    expect(responses.slice(3)).toStrictEqual([
      { _tag: "Received", queue: "f", consumer: "c1", messages: [{ messageId: 0, value: "a1", group: "a", receipt: 0, receiveCount: 1 }] },
      // a2 waits behind a1 in flight: only b1.
      { _tag: "Received", queue: "f", consumer: "c2", messages: [{ messageId: 2, value: "b1", group: "b", receipt: 1, receiveCount: 1 }] },
      { _tag: "Received", queue: "f", consumer: "c2", messages: [] },
      { _tag: "Acknowledged", queue: "f", consumer: "c1", receipt: 0, messageId: 0, deleted: true },
      { _tag: "Received", queue: "f", consumer: "c1", messages: [{ messageId: 1, value: "a2", group: "a", receipt: 2, receiveCount: 1 }] },
      { _tag: "ClockAdvanced", nowMs: 1000, expired: [], rebalanced: [] },
      // Both groups' oldest messages are visible again: one each, in queue order.
      {
        _tag: "Received",
        queue: "f",
        consumer: "c1",
        messages: [
          { messageId: 1, value: "a2", group: "a", receipt: 3, receiveCount: 2 },
          { messageId: 2, value: "b1", group: "b", receipt: 4, receiveCount: 2 }
        ]
      }
    ])
  })

  it("hands out a FIFO group's messages in order in one receive, and none of a group with a message in flight", async () => {
    const responses = await run([
      queueSend("f", "a1", { group: "a" }),
      queueSend("f", "a2", { group: "a" }),
      queueReceive("f", "c1"),
      queueSend("f", "a3", { group: "a" }),
      queueReceive("f", "c2")
    ], queued)
    expect(responses.at(-3)).toStrictEqual({
      _tag: "Received",
      queue: "f",
      consumer: "c1",
      messages: [
        { messageId: 0, value: "a1", group: "a", receipt: 0, receiveCount: 1 },
        { messageId: 1, value: "a2", group: "a", receipt: 1, receiveCount: 1 }
      ]
    })
    expect(responses.at(-1)).toStrictEqual({ _tag: "Received", queue: "f", consumer: "c2", messages: [] })
  })
})
