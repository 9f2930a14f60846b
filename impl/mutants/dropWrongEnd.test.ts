import { describe, expect, it } from "vitest"
import { queueOf, queueSend } from "../internal/testCommands.ts"
import { bounded, run } from "../internal/testRun.ts"
import { dropWrongEnd } from "./dropWrongEnd.ts"

/** Three sends to a `drop-oldest` FIFO queue bounded at 2 visible messages, then its listing. */
const scenario = [
  queueSend("oldest.fifo", "a", { group: "g" }),
  queueSend("oldest.fifo", "b", { group: "g" }),
  queueSend("oldest.fifo", "c", { group: "g" }),
  queueOf("oldest.fifo")
]

describe("mutant:drop-wrong-end", () => {
  it("drops the new message instead of the oldest one", async () => {
    const expected = await run(scenario, bounded)
    expect(expected[2]).toStrictEqual({ _tag: "Enqueued", queue: "oldest.fifo", messageId: 2, dropped: 0 })
    expect(expected[3]).toMatchObject({ messages: [{ messageId: 1, value: "b" }, { messageId: 2, value: "c" }] })
    const mutated = await run(scenario, bounded, dropWrongEnd)
    expect(mutated[2]).toStrictEqual({ _tag: "Enqueued", queue: "oldest.fifo", messageId: 2, dropped: 2 })
    expect(mutated[3]).toMatchObject({ messages: [{ messageId: 0, value: "a" }, { messageId: 1, value: "b" }] })
  })
})
