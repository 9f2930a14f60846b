import { describe, expect, it } from "vitest"
import { advance, queueCrash, queueOf, queueProcess, queueReceive, queueSend } from "../internal/testCommands.ts"
import { queued, run } from "../internal/testRun.ts"

describe("QueueCrash and QueueProcess", () => {
  it("a crash lists the unprocessed receipts in receive order; the messages stay in flight, counted, until their visibility ends", async () => {
    const responses = await run([
      queueSend("plain", "a"),
      queueSend("plain", "b"),
      queueSend("plain", "c"),
      queueReceive("plain", "c1", 2),
      queueReceive("plain", "c1"),
      queueProcess("plain", "c1", 1),
      queueCrash("plain", "c1"),
      queueProcess("plain", "c1", 0),
      queueReceive("plain", "c2"),
      advance(1000),
      queueReceive("plain", "c2"),
      queueCrash("plain", "c1"),
      queueCrash("nope", "c1"),
      queueOf("plain")
    ], queued)
    expect(responses.slice(5)).toStrictEqual([
      { _tag: "QueueProcessed", queue: "plain", consumer: "c1", receipt: 1, messageId: 1 },
      { _tag: "QueueCrashed", queue: "plain", consumer: "c1", receipts: [0, 2] },
      { _tag: "NotReceived", queue: "plain", consumer: "c1", receipt: 0 },
      { _tag: "Received", queue: "plain", consumer: "c2", messages: [] },
      { _tag: "ClockAdvanced", nowMs: 1000, expired: [], rebalanced: [] },
      {
        _tag: "Received",
        queue: "plain",
        consumer: "c2",
        messages: [
          { messageId: 0, value: "a", receipt: 3, receiveCount: 2 },
          { messageId: 1, value: "b", receipt: 4, receiveCount: 2 },
          { messageId: 2, value: "c", receipt: 5, receiveCount: 2 }
        ]
      },
      // A consumer without a client crashes all the same.
      { _tag: "QueueCrashed", queue: "plain", consumer: "c1", receipts: [] },
      { _tag: "UnknownQueue", queue: "nope" },
      {
        _tag: "QueueListed",
        queue: "plain",
        messages: [
          { messageId: 0, value: "a", receiveCount: 2, receipt: 3, inFlightUntilMs: 2000 },
          { messageId: 1, value: "b", receiveCount: 2, receipt: 4, inFlightUntilMs: 2000 },
          { messageId: 2, value: "c", receiveCount: 2, receipt: 5, inFlightUntilMs: 2000 }
        ],
        remembered: []
      }
    ])
  })

  it("processes a stale receipt all the same (processing does not touch the broker); buffers are per queue", async () => {
    const responses = await run([
      queueSend("plain", "a"),
      queueReceive("plain", "c1"),
      advance(1000),
      queueReceive("plain", "c2"),
      queueProcess("plain", "c1", 0),
      queueProcess("q", "c2", 1),
      queueProcess("nope", "c2", 1)
    ], queued)
    expect(responses.slice(4)).toStrictEqual([
      { _tag: "QueueProcessed", queue: "plain", consumer: "c1", receipt: 0, messageId: 0 },
      { _tag: "NotReceived", queue: "q", consumer: "c2", receipt: 1 },
      { _tag: "UnknownQueue", queue: "nope" }
    ])
  })
})
