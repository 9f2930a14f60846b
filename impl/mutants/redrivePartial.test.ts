import { describe, expect, it } from "vitest"
import { queueOf, queueRedrive } from "../internal/testCommands.ts"
import { movedTwoToDlq, queued, run } from "../internal/testRun.ts"
import { redrivePartial } from "./redrivePartial.ts"

/** `a` and `b` are moved to `dlq` after two receives each, then `dlq` is redriven and listed. */
const scenario = [...movedTwoToDlq, queueRedrive("dlq"), queueOf("dlq")]

describe("mutant:redrive-partial", () => {
  it("moves and lists only the first message of the dead-letter queue; the other stays", async () => {
    const spec = await run(scenario, queued)
    expect(spec.at(-2)).toStrictEqual({
      _tag: "Redriven",
      queue: "dlq",
      messages: [
        { messageId: 0, source: "q" },
        { messageId: 1, source: "q" }
      ]
    })
    expect(spec.at(-1)).toMatchObject({ _tag: "QueueListed", queue: "dlq", messages: [] })
    const mutant = await run(scenario, queued, redrivePartial)
    expect(mutant.at(-2)).toStrictEqual({ _tag: "Redriven", queue: "dlq", messages: [{ messageId: 0, source: "q" }] })
    expect(mutant.at(-1)).toMatchObject({ _tag: "QueueListed", queue: "dlq", messages: [{ messageId: 1 }] })
  })
})
