import { describe, expect, it } from "vitest"
import { queueSend } from "../internal/testCommands.ts"
import { bounded, run } from "../internal/testRun.ts"
import { boundIgnored } from "./boundIgnored.ts"

/** Three sends to each of two queues bounded at 2 visible messages, `block` and `reject`. */
const scenario = [queueSend("block", "a"), queueSend("block", "b"), queueSend("block", "c"), queueSend("reject", "d"), queueSend("reject", "e"), queueSend("reject", "f")]

describe("mutant:bound-ignored", () => {
  it("stores the sends a full block or reject queue refuses", async () => {
    const refused = await run(scenario, bounded)
    expect([refused[2], refused[5]]).toStrictEqual([{ _tag: "SendBlocked", queue: "block" }, { _tag: "SendRejected", queue: "reject" }])
    const stored = await run(scenario, bounded, boundIgnored)
    expect([stored[2], stored[5]]).toStrictEqual([{ _tag: "Enqueued", queue: "block", messageId: 2 }, { _tag: "Enqueued", queue: "reject", messageId: 5 }])
  })
})
