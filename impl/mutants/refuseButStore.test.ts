import { describe, expect, it } from "vitest"
import { queueOf, queueSend } from "../internal/testCommands.ts"
import { bounded, run } from "../internal/testRun.ts"
import { refuseButStore } from "./refuseButStore.ts"

describe("mutant:refuse-but-store", () => {
  it("answers a send to a full block queue SendBlocked, yet stores it", async () => {
    const scenario = [queueSend("block", "a"), queueSend("block", "b"), queueSend("block", "c"), queueOf("block")]
    const correct = await run(scenario, bounded)
    const broken = await run(scenario, bounded, refuseButStore)
    expect(broken[2]).toStrictEqual(correct[2])
    expect(broken[2]).toStrictEqual({ _tag: "SendBlocked", queue: "block" })
    const listed = (answer: (typeof correct)[number]) => (answer._tag === "QueueListed" ? answer.messages.map((message) => message.value) : [])
    expect(listed(correct[3])).toStrictEqual(["a", "b"])
    expect(listed(broken[3])).toStrictEqual(["a", "b", "c"])
  })
})
