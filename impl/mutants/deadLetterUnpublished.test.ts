import { describe, expect, it } from "vitest"
import { deadLettered } from "../failure/internal/testAnswers.ts"
import { dump, join, poll, processRecord, send } from "../internal/testCommands.ts"
import { failing, run } from "../internal/testRun.ts"
import { deadLetterUnpublished } from "./deadLetterUnpublished.ts"

/** `r` (one attempt) dead-letters two poison records, then the dead-letter topic is dumped. */
const scenario = [
  send("s", "poison-a", "a"),
  send("s", "poison-b", "b"),
  join("r", "m"),
  poll("r", "m"),
  processRecord("r", "m", "s", 0, 0),
  processRecord("r", "m", "s", 0, 1),
  dump("rdlt", 0)
]

describe("mutant:dead-letter-unpublished", () => {
  it("answers the dead-letterings at the places a publish would use, but the dead-letter topic stays empty", async () => {
    const expected = await run(scenario, failing)
    expect(expected.slice(4, 6)).toStrictEqual([
      deadLettered(["r", "m", "s", 0, 0], "poison", 1, ["rdlt", 0, 0]),
      deadLettered(["r", "m", "s", 0, 1], "poison", 1, ["rdlt", 0, 1])
    ])
    expect(expected[6]).toMatchObject({ highWatermark: 2 })
    const mutated = await run(scenario, failing, deadLetterUnpublished)
    expect(mutated.slice(4)).toStrictEqual([
      deadLettered(["r", "m", "s", 0, 0], "poison", 1, ["rdlt", 0, 0]),
      deadLettered(["r", "m", "s", 0, 1], "poison", 1, ["rdlt", 0, 0]),
      { _tag: "Dumped", topic: "rdlt", partition: 0, entries: [], highWatermark: 0, lastStableOffset: 0 }
    ])
  })
})
