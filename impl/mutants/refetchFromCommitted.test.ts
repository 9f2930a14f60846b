import { describe, expect, it } from "vitest"
import { commit, join, poll, record, seek, send } from "../internal/testCommands.ts"
import { run, singleGroup } from "../internal/testRun.ts"
import { refetchFromCommitted } from "./refetchFromCommitted.ts"

const polled = (records: ReadonlyArray<unknown>) => ({ _tag: "Polled", group: "g", member: "a", records })
const a = record("t", 0, 0, "a")
const b = record("t", 0, 1, "b")
const c = record("t", 0, 2, "c")

describe("mutant:refetch-from-committed", () => {
  it("starts every poll at the group's committed offset, so uncommitted records come again without a crash or rebalance", async () => {
    const scenario = [send("t", "a"), send("t", "b"), send("t", "c"), join("g", "a"), poll("g", "a", 1), poll("g", "a", 1), commit("g", "a", [["t", 0, 1]]), poll("g", "a", 1)]
    const builtin = await run(scenario, singleGroup(1))
    expect([builtin[4], builtin[5], builtin[7]]).toStrictEqual([polled([a]), polled([b]), polled([c])])
    const mutant = await run(scenario, singleGroup(1), refetchFromCommitted)
    expect([mutant[4], mutant[5], mutant[7]]).toStrictEqual([polled([a]), polled([a]), polled([b])])
  })

  it("forgets a seek too: the poll after it reads from the committed offset", async () => {
    const scenario = [send("t", "a"), send("t", "b"), send("t", "c"), join("g", "a"), seek("g", "a", "t", 0, 2), poll("g", "a")]
    expect((await run(scenario, singleGroup(1)))[5]).toStrictEqual(polled([c]))
    expect((await run(scenario, singleGroup(1), refetchFromCommitted))[5]).toStrictEqual(polled([a, b, c]))
  })
})
