import { describe, expect, it } from "vitest"
import { advance, queueReceive, queueSend } from "../internal/testCommands.ts"
import { queued, run } from "../internal/testRun.ts"
import { visibilityExpiresEarly } from "./visibilityExpiresEarly.ts"

/** A second consumer tries to receive halfway through the first one's 1 s visibility. */
const scenario = [queueSend("plain", "a"), queueReceive("plain", "c1"), advance(500), queueReceive("plain", "c2")]

describe("mutant:visibility-expires-early", () => {
  it("hands the message to a second consumer while the first still holds it in flight", async () => {
    expect((await run(scenario, queued)).at(-1)).toStrictEqual({ _tag: "Received", queue: "plain", consumer: "c2", messages: [] })
    expect((await run(scenario, queued, visibilityExpiresEarly)).at(-1)).toStrictEqual({
      _tag: "Received",
      queue: "plain",
      consumer: "c2",
      messages: [{ messageId: 0, value: "a", receipt: 1, receiveCount: 2 }]
    })
  })
})
