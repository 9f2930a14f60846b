import { describe, expect, it } from "vitest"
import { advance, queueOf, queueReceive, queueSend } from "../internal/testCommands.ts"
import { queued, run } from "../internal/testRun.ts"
import { deadLetterDrops } from "./deadLetterDrops.ts"

/** `a` is received `receiveCountMax` (2) times and never acknowledged. */
const scenario = [queueSend("q", "a"), queueReceive("q", "c"), advance(1000), queueReceive("q", "c"), advance(1000), queueOf("dlq")]

describe("mutant:dead-letter-drops", () => {
  it("reports the move, but the dead-letter queue never gets the message", async () => {
    const moved = { _tag: "ClockAdvanced", nowMs: 2000, expired: [], rebalanced: [], deadLettered: [{ queue: "q", messageId: 0, deadLetterQueue: "dlq" }] }
    expect((await run(scenario, queued)).slice(-2)).toStrictEqual([
      moved,
      { _tag: "QueueListed", queue: "dlq", messages: [{ messageId: 0, value: "a", receiveCount: 2, receipt: 1, source: "q" }], remembered: [] }
    ])
    expect((await run(scenario, queued, deadLetterDrops)).slice(-2)).toStrictEqual([
      moved,
      { _tag: "QueueListed", queue: "dlq", messages: [], remembered: [] }
    ])
  })
})
