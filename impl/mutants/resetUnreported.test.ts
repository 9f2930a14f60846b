import { describe, expect, it } from "vitest"
import { join, poll, record, send } from "../internal/testCommands.ts"
import { retained, run } from "../internal/testRun.ts"
import { resetUnreported } from "./resetUnreported.ts"

/** A `late` member reads `sized`/0 up to 1, three more sends move the log start to 2, then it polls again. */
const scenario = [join("late", "m"), send("sized", "r0"), poll("late", "m"), send("sized", "r1"), send("sized", "r2"), send("sized", "r3"), poll("late", "m"), send("sized", "r4"), poll("late", "m")]

describe("mutant:reset-unreported", () => {
  it("resets a start below the log start as latest says, but leaves resets out of the answer", async () => {
    const expected = await run(scenario, retained)
    expect(expected[6]).toStrictEqual({ _tag: "Polled", group: "late", member: "m", records: [], resets: [{ topic: "sized", partition: 0, from: 1, to: 4 }] })
    const mutated = await run(scenario, retained, resetUnreported)
    expect(mutated[6]).toStrictEqual({ _tag: "Polled", group: "late", member: "m", records: [] })
    // The reset itself happened: both read on from the high watermark.
    expect(mutated[8]).toStrictEqual(expected[8])
    expect(expected[8]).toStrictEqual({ _tag: "Polled", group: "late", member: "m", records: [record("sized", 0, 4, "r4")] })
  })
})
