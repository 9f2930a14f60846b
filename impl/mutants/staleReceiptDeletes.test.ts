import { describe, expect, it } from "vitest"
import { advance, queueAck, queueOf, queueReceive, queueSend } from "../internal/testCommands.ts"
import { queued, run } from "../internal/testRun.ts"
import { staleReceiptDeletes } from "./staleReceiptDeletes.ts"

/** A slow consumer's visibility runs out, a fast one receives the message, then the slow one acknowledges with its old receipt. */
const scenario = [queueSend("plain", "a"), queueReceive("plain", "slow"), advance(1000), queueReceive("plain", "fast"), queueAck("plain", "slow", 0), queueOf("plain")]

describe("mutant:stale-receipt-deletes", () => {
  it("deletes with a stale receipt the message another consumer holds", async () => {
    expect((await run(scenario, queued)).slice(-2)).toStrictEqual([
      { _tag: "Acknowledged", queue: "plain", consumer: "slow", receipt: 0, messageId: 0, deleted: false },
      { _tag: "QueueListed", queue: "plain", messages: [{ messageId: 0, value: "a", receiveCount: 2, receipt: 1, inFlightUntilMs: 2000 }], remembered: [] }
    ])
    expect((await run(scenario, queued, staleReceiptDeletes)).slice(-2)).toStrictEqual([
      { _tag: "Acknowledged", queue: "plain", consumer: "slow", receipt: 0, messageId: 0, deleted: true },
      { _tag: "QueueListed", queue: "plain", messages: [], remembered: [] }
    ])
  })
})
