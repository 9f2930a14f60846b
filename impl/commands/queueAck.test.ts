import { describe, expect, it } from "vitest"
import { advance, queueAck, queueOf, queueProcess, queueReceive, queueSend } from "../internal/testCommands.ts"
import { queued, run } from "../internal/testRun.ts"

describe("QueueAck", () => {
  it("deletes with the latest receipt, also once the visibility ran out if nobody received it since", async () => {
    const responses = await run([
      queueSend("plain", "a"),
      queueSend("plain", "b"),
      queueReceive("plain", "c1"),
      queueAck("plain", "c1", 0),
      advance(1000),
      queueAck("plain", "c1", 1),
      queueAck("plain", "c1", 1),
      queueOf("plain"),
      queueProcess("plain", "c1", 1)
    ], queued)
    expect(responses.slice(3)).toStrictEqual([
      { _tag: "Acknowledged", queue: "plain", consumer: "c1", receipt: 0, messageId: 0, deleted: true },
      { _tag: "ClockAdvanced", nowMs: 1000, expired: [], rebalanced: [] },
      { _tag: "Acknowledged", queue: "plain", consumer: "c1", receipt: 1, messageId: 1, deleted: true },
      // Deleted already: stale.
      { _tag: "Acknowledged", queue: "plain", consumer: "c1", receipt: 1, messageId: 1, deleted: false },
      { _tag: "QueueListed", queue: "plain", messages: [], remembered: [] },
      // The buffer is not touched by an acknowledgement.
      { _tag: "QueueProcessed", queue: "plain", consumer: "c1", receipt: 1, messageId: 1 }
    ])
  })

  it("answers deleted: false for a receipt made stale by a redelivery, and the message stays with the other consumer", async () => {
    const responses = await run([
      queueSend("plain", "a"),
      queueReceive("plain", "slow"),
      advance(1000),
      queueReceive("plain", "fast"),
      queueAck("plain", "slow", 0),
      queueOf("plain"),
      queueAck("plain", "fast", 1)
    ], queued)
    expect(responses.slice(4)).toStrictEqual([
      { _tag: "Acknowledged", queue: "plain", consumer: "slow", receipt: 0, messageId: 0, deleted: false },
      { _tag: "QueueListed", queue: "plain", messages: [{ messageId: 0, value: "a", receiveCount: 2, receipt: 1, inFlightUntilMs: 2000 }], remembered: [] },
      { _tag: "Acknowledged", queue: "plain", consumer: "fast", receipt: 1, messageId: 0, deleted: true }
    ])
  })

  it("answers UnknownQueue, then UnknownReceipt for a receipt this queue never issued (another queue's, or none yet)", async () => {
    const responses = await run([
      queueSend("plain", "a"),
      queueReceive("plain", "c"),
      queueAck("nope", "c", 0),
      queueAck("q", "c", 0),
      queueAck("plain", "c", 1)
    ], queued)
    expect(responses.slice(2)).toStrictEqual([
      { _tag: "UnknownQueue", queue: "nope" },
      { _tag: "UnknownReceipt", queue: "q", receipt: 0 },
      { _tag: "UnknownReceipt", queue: "plain", receipt: 1 }
    ])
  })
})
