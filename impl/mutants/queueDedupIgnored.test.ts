import { describe, expect, it } from "vitest"
import { queueSend } from "../internal/testCommands.ts"
import { queued, run } from "../internal/testRun.ts"
import { queueDedupIgnored } from "./queueDedupIgnored.ts"

/** A producer retries a send with the same dedup id at once. */
const scenario = [queueSend("f", "a", { group: "g", dedupId: "d" }), queueSend("f", "a", { group: "g", dedupId: "d" })]

describe("mutant:queue-dedup-ignored", () => {
  it("enqueues the retried send again under a fresh id", async () => {
    expect((await run(scenario, queued)).at(-1)).toStrictEqual({ _tag: "Enqueued", queue: "f", messageId: 0, deduplicated: true })
    expect((await run(scenario, queued, queueDedupIgnored)).at(-1)).toStrictEqual({ _tag: "Enqueued", queue: "f", messageId: 1 })
  })
})
