import { describe, expect, it } from "vitest"
import { join, poll, record, send } from "../internal/testCommands.ts"
import { run, singleGroup } from "../internal/testRun.ts"
import { reorderPartition } from "./reorderPartition.ts"

const scenario = [send("t", "a"), send("t", "b"), send("t", "c"), join("g", "a"), poll("g", "a"), send("t", "d"), poll("g", "a")]

describe("mutant:reorder-partition", () => {
  it("delivers the records of one partition newest first, and still moves past them", async () => {
    const polled = (records: ReadonlyArray<unknown>) => ({ _tag: "Polled", group: "g", member: "a", records })
    const a = record("t", 0, 0, "a")
    const b = record("t", 0, 1, "b")
    const c = record("t", 0, 2, "c")
    const d = record("t", 0, 3, "d")
    const builtin = await run(scenario, singleGroup(1))
    expect([builtin[4], builtin[6]]).toStrictEqual([polled([a, b, c]), polled([d])])
    const mutant = await run(scenario, singleGroup(1), reorderPartition)
    expect([mutant[4], mutant[6]]).toStrictEqual([polled([c, b, a]), polled([d])])
  })
})
