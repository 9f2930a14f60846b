import { describe, expect, it } from "vitest"
import { advance, queueAck, queueOf, queueReceive, queueRedrive, queueSend } from "../internal/testCommands.ts"
import { queued, run } from "../internal/testRun.ts"

/** `a` received twice from `q` (moved to `dlq` at 2000), `x` sent straight to `dlq`, `b` waiting in `q`. */
const poisoned = [
  queueSend("q", "a"),
  queueSend("dlq", "x"),
  queueReceive("q", "c"),
  advance(1000),
  queueReceive("q", "c"),
  queueSend("q", "b"),
  advance(1000)
]

describe("QueueRedrive", () => {
  it("returns moved messages to the end of their source with a fresh count and no receipt; messages sent to the DLQ stay", async () => {
    const responses = await run([
      ...poisoned,
      queueReceive("dlq", "d", 1),
      queueRedrive("dlq"),
      queueOf("dlq"),
      queueOf("q"),
      queueAck("q", "c", 1),
      queueAck("dlq", "d", 2),
      queueReceive("q", "c"),
      queueRedrive("dlq")
    ], queued)
    expect(responses.slice(poisoned.length)).toStrictEqual([
      { _tag: "Received", queue: "dlq", consumer: "d", messages: [{ messageId: 1, value: "x", receipt: 2, receiveCount: 1 }] },
      { _tag: "Redriven", queue: "dlq", messages: [{ messageId: 0, source: "q" }] },
      { _tag: "QueueListed", queue: "dlq", messages: [{ messageId: 1, value: "x", receiveCount: 1, receipt: 2, inFlightUntilMs: 3000 }], remembered: [] },
      {
        _tag: "QueueListed",
        queue: "q",
        messages: [
          { messageId: 2, value: "b", receiveCount: 0 },
          { messageId: 0, value: "a", receiveCount: 0 }
        ],
        remembered: []
      },
      // The old receipt is stale.
      { _tag: "Acknowledged", queue: "q", consumer: "c", receipt: 1, messageId: 0, deleted: false },
      { _tag: "Acknowledged", queue: "dlq", consumer: "d", receipt: 2, messageId: 1, deleted: true },
      {
        _tag: "Received",
        queue: "q",
        consumer: "c",
        messages: [
          { messageId: 2, value: "b", receipt: 3, receiveCount: 1 },
          { messageId: 0, value: "a", receipt: 4, receiveCount: 1 }
        ]
      },
      { _tag: "Redriven", queue: "dlq", messages: [] }
    ])
  })

  it("leaves a dead letter held in flight until its visibility ends, as SQS's move task and RabbitMQ's basic.get take ready messages only", async () => {
    const responses = await run([
      ...poisoned,
      queueReceive("dlq", "d", 2),
      queueRedrive("dlq"),
      advance(1000),
      queueRedrive("dlq"),
      queueAck("dlq", "d", 3)
    ], queued)
    expect(responses.slice(poisoned.length)).toStrictEqual([
      {
        _tag: "Received",
        queue: "dlq",
        consumer: "d",
        messages: [
          { messageId: 1, value: "x", receipt: 2, receiveCount: 1 },
          { messageId: 0, value: "a", receipt: 3, receiveCount: 3 }
        ]
      },
      { _tag: "Redriven", queue: "dlq", messages: [] },
      { _tag: "ClockAdvanced", nowMs: 3000, expired: [], rebalanced: [] },
      { _tag: "Redriven", queue: "dlq", messages: [{ messageId: 0, source: "q" }] },
      { _tag: "Acknowledged", queue: "dlq", consumer: "d", receipt: 3, messageId: 0, deleted: false }
    ])
  })

  it("redrives a FIFO message to the end of its group without a deduplication check", async () => {
    const responses = await run([
      queueSend("f", "a", { group: "g", dedupId: "d" }),
      queueReceive("f", "c"),
      advance(1000),
      queueReceive("f", "c"),
      advance(1000),
      queueSend("f", "b", { group: "g" }),
      queueRedrive("fdlq"),
      queueOf("f")
    ], queued)
    expect(responses.slice(-3)).toStrictEqual([
      { _tag: "Enqueued", queue: "f", messageId: 1 },
      { _tag: "Redriven", queue: "fdlq", messages: [{ messageId: 0, source: "f" }] },
      {
        _tag: "QueueListed",
        queue: "f",
        messages: [
          { messageId: 1, value: "b", group: "g", receiveCount: 0 },
          { messageId: 0, value: "a", group: "g", dedupId: "d", receiveCount: 0 }
        ],
        remembered: [{ dedupId: "d", messageId: 0, atMs: 0 }]
      }
    ])
  })

  it("answers UnknownQueue, then NotADeadLetterQueue for a queue no queue dead-letters to", async () => {
    expect(await run([queueRedrive("nope"), queueRedrive("q"), queueRedrive("plain")], queued)).toStrictEqual([
      { _tag: "UnknownQueue", queue: "nope" },
      { _tag: "NotADeadLetterQueue", queue: "q" },
      { _tag: "NotADeadLetterQueue", queue: "plain" }
    ])
  })
})
