import { describe, expect, it } from "vitest"
import { advance, queueOf, queueSend } from "../internal/testCommands.ts"
import { queued, run } from "../internal/testRun.ts"
import { queueDedupNeverExpires } from "./queueDedupNeverExpires.ts"

/** The same dedup id is sent again when its 5 s window is over. */
const scenario = [queueSend("f", "a", { group: "g", dedupId: "d" }), advance(5000), queueOf("f"), queueSend("f", "a", { group: "g", dedupId: "d" })]

describe("mutant:queue-dedup-never-expires", () => {
  it("still remembers and suppresses the id after its window", async () => {
    const message = { messageId: 0, value: "a", group: "g", dedupId: "d", receiveCount: 0 }
    expect((await run(scenario, queued)).slice(-2)).toStrictEqual([
      { _tag: "QueueListed", queue: "f", messages: [message], remembered: [] },
      { _tag: "Enqueued", queue: "f", messageId: 1 }
    ])
    expect((await run(scenario, queued, queueDedupNeverExpires)).slice(-2)).toStrictEqual([
      { _tag: "QueueListed", queue: "f", messages: [message], remembered: [{ dedupId: "d", messageId: 0, atMs: 0 }] },
      { _tag: "Enqueued", queue: "f", messageId: 0, deduplicated: true }
    ])
  })
})
