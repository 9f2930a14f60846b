import { describe, expect, it } from "vitest"
import { queueReceive, queueSend } from "../internal/testCommands.ts"
import { bounded, run } from "../internal/testRun.ts"
import { boundCountsInFlight } from "./boundCountsInFlight.ts"

describe("mutant:bound-counts-in-flight", () => {
  it("blocks a send while a consumer holds one of the two messages of a block queue bounded at 2", async () => {
    const scenario = [queueSend("block", "a"), queueSend("block", "b"), queueReceive("block", "c0", 1), queueSend("block", "c")]
    const correct = await run(scenario, bounded)
    expect(correct[3]).toStrictEqual({ _tag: "Enqueued", queue: "block", messageId: 2 })
    const broken = await run(scenario, bounded, boundCountsInFlight)
    expect(broken[3]).toStrictEqual({ _tag: "SendBlocked", queue: "block" })
  })
})
