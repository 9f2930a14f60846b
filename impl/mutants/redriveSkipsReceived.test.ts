import { describe, expect, it } from "vitest"
import { queueOf, queueReceive, queueRedrive, queueRelease } from "../internal/testCommands.ts"
import { movedTwoToDlq, queued, run } from "../internal/testRun.ts"
import { redriveSkipsReceived } from "./redriveSkipsReceived.ts"

/** `a` and `b` are moved to `dlq` after two receives each; `b` is received there and released, then `dlq` is redriven and listed. */
const scenario = [
  ...movedTwoToDlq,
  queueReceive("dlq", "d", 2),
  queueRelease("dlq", "d", 5),
  queueRedrive("dlq"),
  queueOf("dlq")
]

describe("mutant:redrive-skips-received", () => {
  it("leaves a message received in the dead-letter queue and released since; a message nobody received there is redriven", async () => {
    const spec = await run(scenario, queued)
    expect(spec.at(-4)).toMatchObject({ _tag: "Received", queue: "dlq", messages: [{ messageId: 0, receipt: 4, receiveCount: 3 }, { messageId: 1, receipt: 5, receiveCount: 3 }] })
    expect(spec.at(-3)).toMatchObject({ _tag: "Released", queue: "dlq", receipt: 5, messageId: 1 })
    // The spec: message 0, still in flight, stays; message 1, released, is redriven.
    expect(spec.at(-2)).toStrictEqual({ _tag: "Redriven", queue: "dlq", messages: [{ messageId: 1, source: "q" }] })
    expect(spec.at(-1)).toMatchObject({ _tag: "QueueListed", queue: "dlq", messages: [{ messageId: 0 }] })
    const mutant = await run(scenario, queued, redriveSkipsReceived)
    expect(mutant.at(-2)).toStrictEqual({ _tag: "Redriven", queue: "dlq", messages: [] })
    expect(mutant.at(-1)).toMatchObject({ _tag: "QueueListed", queue: "dlq", messages: [{ messageId: 0 }, { messageId: 1 }] })
    // A message moved there and never received there is redriven as the spec says.
    const untouched = await run([...movedTwoToDlq, queueRedrive("dlq")], queued, redriveSkipsReceived)
    expect(untouched.at(-1)).toStrictEqual({ _tag: "Redriven", queue: "dlq", messages: [{ messageId: 0, source: "q" }, { messageId: 1, source: "q" }] })
  })
})
