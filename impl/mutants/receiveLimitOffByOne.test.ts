import { describe, expect, it } from "vitest"
import { advance, queueReceive, queueSend } from "../internal/testCommands.ts"
import { queued, run } from "../internal/testRun.ts"
import { receiveLimitOffByOne } from "./receiveLimitOffByOne.ts"

/** `a` is received and never acknowledged, three visibility timeouts in a row (`receiveCountMax` is 2). */
const scenario = [queueSend("q", "a"), queueReceive("q", "c"), advance(1000), queueReceive("q", "c"), advance(1000), queueReceive("q", "c")]

describe("mutant:receive-limit-off-by-one", () => {
  it("delivers the message a receiveCountMax + 1-th time instead of moving it", async () => {
    expect((await run(scenario, queued)).slice(-2)).toStrictEqual([
      { _tag: "ClockAdvanced", nowMs: 2000, expired: [], rebalanced: [], deadLettered: [{ queue: "q", messageId: 0, deadLetterQueue: "dlq" }] },
      { _tag: "Received", queue: "q", consumer: "c", messages: [] }
    ])
    expect((await run(scenario, queued, receiveLimitOffByOne)).slice(-2)).toStrictEqual([
      { _tag: "ClockAdvanced", nowMs: 2000, expired: [], rebalanced: [] },
      { _tag: "Received", queue: "q", consumer: "c", messages: [{ messageId: 0, value: "a", receipt: 2, receiveCount: 3 }] }
    ])
  })
})
