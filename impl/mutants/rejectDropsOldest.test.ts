import { describe, expect, it } from "vitest"
import { queueOf, queueSend } from "../internal/testCommands.ts"
import { bounded, run } from "../internal/testRun.ts"
import { rejectDropsOldest } from "./rejectDropsOldest.ts"

/** Three sends to a `reject` queue bounded at 2 visible messages, then its listing. */
const scenario = [queueSend("reject", "a"), queueSend("reject", "b"), queueSend("reject", "c"), queueOf("reject")]

describe("mutant:reject-drops-oldest", () => {
  it("accepts the send a full reject queue refuses and silently discards the oldest message", async () => {
    expect((await run(scenario, bounded)).slice(2)).toStrictEqual([
      { _tag: "SendRejected", queue: "reject" },
      {
        _tag: "QueueListed",
        queue: "reject",
        messages: [{ messageId: 0, value: "a", receiveCount: 0 }, { messageId: 1, value: "b", receiveCount: 0 }],
        remembered: []
      }
    ])
    expect((await run(scenario, bounded, rejectDropsOldest)).slice(2)).toStrictEqual([
      { _tag: "Enqueued", queue: "reject", messageId: 2, dropped: 0 },
      {
        _tag: "QueueListed",
        queue: "reject",
        messages: [{ messageId: 1, value: "b", receiveCount: 0 }, { messageId: 2, value: "c", receiveCount: 0 }],
        remembered: []
      }
    ])
  })
})
