import { describe, expect, it } from "vitest"
import { advance, queueAck, queueExtend, queueOf, queueProcess, queueReceive, queueRelease, queueSend } from "../internal/testCommands.ts"
import { queued, run } from "../internal/testRun.ts"

describe("QueueRelease and QueueExtend", () => {
  it("release makes the message visible now and takes the receipt out of the consumer's buffer", async () => {
    const responses = await run([
      queueSend("q", "a"),
      queueReceive("q", "c1"),
      queueRelease("q", "c1", 0),
      queueOf("q"),
      queueProcess("q", "c1", 0),
      queueReceive("q", "c2")
    ], queued)
    expect(responses.slice(2)).toStrictEqual([
      { _tag: "Released", queue: "q", consumer: "c1", receipt: 0, messageId: 0, deadLettered: false },
      { _tag: "QueueListed", queue: "q", messages: [{ messageId: 0, value: "a", receiveCount: 1, receipt: 0 }], remembered: [] },
      { _tag: "NotReceived", queue: "q", consumer: "c1", receipt: 0 },
      { _tag: "Received", queue: "q", consumer: "c2", messages: [{ messageId: 0, value: "a", receipt: 1, receiveCount: 2 }] }
    ])
  })

  it("release of a message at receiveCountMax moves it to the dead-letter queue at once", async () => {
    const responses = await run([
      queueSend("q", "a"),
      queueReceive("q", "c"),
      queueRelease("q", "c", 0),
      queueReceive("q", "c"),
      queueRelease("q", "c", 1),
      queueOf("q"),
      queueOf("dlq"),
      queueAck("q", "c", 1)
    ], queued)
    expect(responses.slice(4)).toStrictEqual([
      { _tag: "Released", queue: "q", consumer: "c", receipt: 1, messageId: 0, deadLettered: true },
      { _tag: "QueueListed", queue: "q", messages: [], remembered: [] },
      { _tag: "QueueListed", queue: "dlq", messages: [{ messageId: 0, value: "a", receiveCount: 2, receipt: 1, source: "q" }], remembered: [] },
      { _tag: "Acknowledged", queue: "q", consumer: "c", receipt: 1, messageId: 0, deleted: false }
    ])
  })

  it("extend keeps the message in flight until nowMs + ms, past its timeout", async () => {
    const responses = await run([
      queueSend("plain", "a"),
      queueReceive("plain", "c1"),
      advance(500),
      queueExtend("plain", "c1", 0, 2000),
      advance(1500),
      queueReceive("plain", "c2"),
      advance(500),
      queueReceive("plain", "c2")
    ], queued)
    expect(responses.filter((response) => response._tag !== "ClockAdvanced").slice(2)).toStrictEqual([
      { _tag: "Extended", queue: "plain", consumer: "c1", receipt: 0, messageId: 0, inFlightUntilMs: 2500 },
      { _tag: "Received", queue: "plain", consumer: "c2", messages: [] },
      { _tag: "Received", queue: "plain", consumer: "c2", messages: [{ messageId: 0, value: "a", receipt: 1, receiveCount: 2 }] }
    ])
  })

  it("answers UnknownQueue, UnknownReceipt, then NotInFlight for a visible, stale or deleted message's receipt", async () => {
    const responses = await run([
      queueSend("plain", "a"),
      queueSend("plain", "b"),
      queueReceive("plain", "c", 1),
      queueRelease("nope", "c", 0),
      queueExtend("plain", "c", 7, 10),
      queueRelease("q", "c", 0),
      advance(1000),
      // Visibility over, not received since: visible, not in flight.
      queueRelease("plain", "c", 0),
      queueExtend("plain", "c", 0, 10),
      queueReceive("plain", "c", 1),
      // Stale: received again since.
      queueRelease("plain", "c", 0),
      queueAck("plain", "c", 1),
      // Deleted.
      queueExtend("plain", "c", 1, 10)
    ], queued)
    expect(responses.filter((response) => response._tag !== "ClockAdvanced" && response._tag !== "Received").slice(2)).toStrictEqual([
      { _tag: "UnknownQueue", queue: "nope" },
      { _tag: "UnknownReceipt", queue: "plain", receipt: 7 },
      { _tag: "UnknownReceipt", queue: "q", receipt: 0 },
      { _tag: "NotInFlight", queue: "plain", receipt: 0 },
      { _tag: "NotInFlight", queue: "plain", receipt: 0 },
      { _tag: "NotInFlight", queue: "plain", receipt: 0 },
      { _tag: "Acknowledged", queue: "plain", consumer: "c", receipt: 1, messageId: 0, deleted: true },
      { _tag: "NotInFlight", queue: "plain", receipt: 1 }
    ])
  })
})
