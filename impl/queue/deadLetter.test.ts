import { describe, expect, it } from "vitest"
import { advance, queueAck, queueOf, queueReceive, queueSend, send } from "../internal/testCommands.ts"
import { queued, run, singleGroup } from "../internal/testRun.ts"

describe("ClockAdvance and the dead-letter queues", () => {
  it("moves a message received receiveCountMax times at exactly the end of its last visibility, not before", async () => {
    const responses = await run([
      queueSend("q", "a"),
      queueReceive("q", "c"),
      advance(1000),
      queueReceive("q", "c"),
      advance(999),
      queueOf("q"),
      advance(1),
      queueOf("q"),
      queueOf("dlq"),
      queueReceive("q", "c"),
      queueReceive("dlq", "d")
    ], queued)
    expect(responses.slice(4)).toStrictEqual([
      { _tag: "ClockAdvanced", nowMs: 1999, expired: [], rebalanced: [] },
      { _tag: "QueueListed", queue: "q", messages: [{ messageId: 0, value: "a", receiveCount: 2, receipt: 1, inFlightUntilMs: 2000 }], remembered: [] },
      { _tag: "ClockAdvanced", nowMs: 2000, expired: [], rebalanced: [], deadLettered: [{ queue: "q", messageId: 0, deadLetterQueue: "dlq" }] },
      { _tag: "QueueListed", queue: "q", messages: [], remembered: [] },
      { _tag: "QueueListed", queue: "dlq", messages: [{ messageId: 0, value: "a", receiveCount: 2, receipt: 1, source: "q" }], remembered: [] },
      { _tag: "Received", queue: "q", consumer: "c", messages: [] },
      // Its receive count goes on from where it was.
      { _tag: "Received", queue: "dlq", consumer: "d", messages: [{ messageId: 0, value: "a", receipt: 2, receiveCount: 3 }] }
    ])
  })

  it("moves queue by queue in configuration order, each queue in queue order, and not a deleted message", async () => {
    const responses = await run([
      queueSend("f", "f0", { group: "g" }),
      queueSend("q", "q1"),
      queueSend("q", "q2"),
      queueSend("q", "q3"),
      queueReceive("f", "c"),
      queueReceive("q", "c"),
      advance(1000),
      queueReceive("f", "c"),
      queueReceive("q", "c"),
      queueAck("q", "c", 6),
      advance(1000),
      queueOf("dlq")
    ], queued)
    expect(responses.slice(-2)).toStrictEqual([
      {
        _tag: "ClockAdvanced",
        nowMs: 2000,
        expired: [],
        rebalanced: [],
        deadLettered: [
          { queue: "q", messageId: 1, deadLetterQueue: "dlq" },
          { queue: "q", messageId: 3, deadLetterQueue: "dlq" },
          { queue: "f", messageId: 0, deadLetterQueue: "fdlq" }
        ]
      },
      {
        _tag: "QueueListed",
        queue: "dlq",
        messages: [
          { messageId: 1, value: "q1", receiveCount: 2, receipt: 5, source: "q" },
          { messageId: 3, value: "q3", receiveCount: 2, receipt: 7, source: "q" }
        ],
        remembered: []
      }
    ])
  })

  it("never moves a message of a queue without a redrive policy, and answers configs without queues as before", async () => {
    const responses = await run([queueSend("plain", "a"), queueReceive("plain", "c"), advance(1000), queueReceive("plain", "c"), advance(1000), queueReceive("plain", "c")], queued)
    expect(responses.at(-1)).toStrictEqual({
      _tag: "Received",
      queue: "plain",
      consumer: "c",
      messages: [{ messageId: 0, value: "a", receipt: 2, receiveCount: 3 }]
    })
    expect(await run([send("t", "v"), advance(5), queueSend("q", "a"), queueOf("q")], singleGroup(1))).toStrictEqual([
      { _tag: "Sent", topic: "t", partition: 0, offset: 0 },
      { _tag: "ClockAdvanced", nowMs: 5, expired: [], rebalanced: [] },
      { _tag: "UnknownQueue", queue: "q" },
      { _tag: "UnknownQueue", queue: "q" }
    ])
  })
})
