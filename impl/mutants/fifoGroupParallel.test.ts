import { describe, expect, it } from "vitest"
import { queueReceive, queueSend } from "../internal/testCommands.ts"
import { queued, run } from "../internal/testRun.ts"
import { fifoGroupParallel } from "./fifoGroupParallel.ts"

/** Two messages of one group; a second consumer receives while the first message is in flight. */
const scenario = [queueSend("f", "a1", { group: "g" }), queueSend("f", "a2", { group: "g" }), queueReceive("f", "c1"), queueReceive("f", "c2")]

describe("mutant:fifo-group-parallel", () => {
  it("hands out the group's second message while its first is in flight", async () => {
    expect((await run(scenario, queued)).at(-1)).toStrictEqual({ _tag: "Received", queue: "f", consumer: "c2", messages: [] })
    expect((await run(scenario, queued, fifoGroupParallel)).at(-1)).toStrictEqual({
      _tag: "Received",
      queue: "f",
      consumer: "c2",
      messages: [{ messageId: 1, value: "a2", group: "g", receipt: 1, receiveCount: 1 }]
    })
  })
})
