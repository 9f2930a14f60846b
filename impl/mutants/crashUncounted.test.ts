import { describe, expect, it } from "vitest"
import { advance, queueCrash, queueReceive, queueSend } from "../internal/testCommands.ts"
import { queued, run } from "../internal/testRun.ts"
import { crashUncounted } from "./crashUncounted.ts"

/** A poison message crashes each consumer that receives it. */
const scenario = [
  queueSend("q", "poison"),
  queueReceive("q", "c1"),
  queueCrash("q", "c1"),
  advance(1000),
  queueReceive("q", "c2"),
  queueCrash("q", "c2"),
  advance(1000),
  queueReceive("q", "c3")
]

describe("mutant:crash-uncounted", () => {
  it("does not count a crashed consumer's receives: the poison message never reaches the dead-letter queue", async () => {
    expect((await run(scenario, queued)).slice(4)).toStrictEqual([
      { _tag: "Received", queue: "q", consumer: "c2", messages: [{ messageId: 0, value: "poison", receipt: 1, receiveCount: 2 }] },
      { _tag: "QueueCrashed", queue: "q", consumer: "c2", receipts: [1] },
      { _tag: "ClockAdvanced", nowMs: 2000, expired: [], rebalanced: [], deadLettered: [{ queue: "q", messageId: 0, deadLetterQueue: "dlq" }] },
      { _tag: "Received", queue: "q", consumer: "c3", messages: [] }
    ])
    expect((await run(scenario, queued, crashUncounted)).slice(4)).toStrictEqual([
      { _tag: "Received", queue: "q", consumer: "c2", messages: [{ messageId: 0, value: "poison", receipt: 1, receiveCount: 1 }] },
      { _tag: "QueueCrashed", queue: "q", consumer: "c2", receipts: [1] },
      { _tag: "ClockAdvanced", nowMs: 2000, expired: [], rebalanced: [] },
      { _tag: "Received", queue: "q", consumer: "c3", messages: [{ messageId: 0, value: "poison", receipt: 2, receiveCount: 1 }] }
    ])
  })
})
