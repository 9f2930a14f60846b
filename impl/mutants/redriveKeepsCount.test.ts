import { describe, expect, it } from "vitest"
import { advance, queueReceive, queueRedrive, queueSend } from "../internal/testCommands.ts"
import { queued, run } from "../internal/testRun.ts"
import { redriveKeepsCount } from "./redriveKeepsCount.ts"

/** `a` is moved to `dlq` after two receives, redriven, and received again from `q`. */
const scenario = [queueSend("q", "a"), queueReceive("q", "c"), advance(1000), queueReceive("q", "c"), advance(1000), queueRedrive("dlq"), queueReceive("q", "c")]

describe("mutant:redrive-keeps-count", () => {
  it("redelivers a redriven message with its old receive count", async () => {
    expect((await run(scenario, queued)).at(-1)).toStrictEqual({
      _tag: "Received",
      queue: "q",
      consumer: "c",
      messages: [{ messageId: 0, value: "a", receipt: 2, receiveCount: 1 }]
    })
    expect((await run(scenario, queued, redriveKeepsCount)).at(-1)).toStrictEqual({
      _tag: "Received",
      queue: "q",
      consumer: "c",
      messages: [{ messageId: 0, value: "a", receipt: 2, receiveCount: 3 }]
    })
  })
})
