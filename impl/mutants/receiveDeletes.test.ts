import { describe, expect, it } from "vitest"
import { advance, queueAck, queueCrash, queueOf, queueReceive, queueSend } from "../internal/testCommands.ts"
import { queued, run } from "../internal/testRun.ts"
import { receiveDeletes } from "./receiveDeletes.ts"

/** A consumer receives two messages, crashes, and a second consumer tries again once the visibility ran out; the first acknowledges late. */
const scenario = [
  queueSend("q", "a"),
  queueSend("q", "b"),
  queueReceive("q", "c1"),
  queueAck("q", "c1", 0),
  queueCrash("q", "c1"),
  advance(1000),
  queueReceive("q", "c2"),
  queueOf("q")
]

describe("mutant:receive-deletes", () => {
  it("deletes on receive: the acknowledgement finds nothing, and the crashed consumer's other message is lost", async () => {
    expect((await run(scenario, queued)).slice(3)).toStrictEqual([
      { _tag: "Acknowledged", queue: "q", consumer: "c1", receipt: 0, messageId: 0, deleted: true },
      { _tag: "QueueCrashed", queue: "q", consumer: "c1", receipts: [0, 1] },
      { _tag: "ClockAdvanced", nowMs: 1000, expired: [], rebalanced: [] },
      { _tag: "Received", queue: "q", consumer: "c2", messages: [{ messageId: 1, value: "b", receipt: 2, receiveCount: 2 }] },
      { _tag: "QueueListed", queue: "q", messages: [{ messageId: 1, value: "b", receiveCount: 2, receipt: 2, inFlightUntilMs: 2000 }], remembered: [] }
    ])
    expect((await run(scenario, queued, receiveDeletes)).slice(3)).toStrictEqual([
      { _tag: "Acknowledged", queue: "q", consumer: "c1", receipt: 0, messageId: 0, deleted: false },
      { _tag: "QueueCrashed", queue: "q", consumer: "c1", receipts: [0, 1] },
      { _tag: "ClockAdvanced", nowMs: 1000, expired: [], rebalanced: [] },
      { _tag: "Received", queue: "q", consumer: "c2", messages: [] },
      { _tag: "QueueListed", queue: "q", messages: [], remembered: [] }
    ])
  })
})
