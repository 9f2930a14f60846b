import { describe, expect, it } from "vitest"
import type { Command } from "../../spec/command.ts"
import type { Response } from "../../spec/response.ts"
import { formatStepTable } from "./stepTable.ts"

const advance = (ms: number): Command => ({ _tag: "ClockAdvance", ms })
const advanced = (nowMs: number): Response => ({ _tag: "ClockAdvanced", nowMs, expired: [], rebalanced: [] })
const commands = [1, 2, 3, 4, 5, 6].map(advance)
const actual = [1, 2, 3, 4, 5, 6].map(advanced)

describe("formatStepTable", () => {
  it("shows every step when it does not know where the drain starts", () => {
    const table = formatStepTable({ commands, actual })
    expect(table.split("\n")).toHaveLength(7)
    expect(table).not.toContain("drain")
  })

  it("folds the drain under its own heading, expanding only its noted steps", () => {
    const table = formatStepTable({ commands, actual, drainStart: 2, notes: new Map([[4, ["a note"]]]) })
    const lines = table.split("\n")
    expect(lines[1]).toMatch(/^ {2}1 {2}ClockAdvance/)
    expect(lines[2]).toMatch(/^ {2}2 {2}ClockAdvance/)
    expect(lines[3]).toBe("  -- drain (4 commands, steps 3 to 6, after 2 commands) --")
    expect(lines[4].trim()).toBe("(steps 3 to 4 folded)")
    expect(lines[5]).toMatch(/^> 5 {2}ClockAdvance/)
    expect(lines[6].trim()).toBe("^ a note")
    expect(lines[7].trim()).toBe("(step 6 folded)")
    expect(lines).toHaveLength(8)
  })

  it("expands a drain step where the model answered otherwise", () => {
    const expected = actual.map((response, step) => (step === 3 ? advanced(99) : response))
    const table = formatStepTable({ commands, actual, expected, drainStart: 2 })
    expect(table).toMatch(/> 4 {2}ClockAdvance/)
    expect(table).toContain("model: ClockAdvanced now=99ms")
  })

  it("says so when the counterexample needs no drain", () => {
    const table = formatStepTable({ commands, actual, drainStart: 6 })
    expect(table.split("\n")).toHaveLength(8)
    expect(table).toContain("-- no drain: the counterexample fails without one (6 commands) --")
  })
  it("renders a very long run without exhausting the stack", () => {
    const rows = 200_000
    const long = Array.from({ length: rows }, (_, i) => advance(i + 1))
    const table = formatStepTable({ commands: long, actual: long.map((_, i) => advanced(i + 1)), drainStart: rows - 1 })
    const lines = table.split("\n")
    expect(lines[1]).toMatch(/^ {7}1 {2}ClockAdvance \+1ms +ClockAdvanced now=1ms$/)
    expect(lines[rows - 1]).toMatch(/^ {2}199999 {2}ClockAdvance \+199999ms {2}ClockAdvanced now=199999ms$/)
    expect(lines).toHaveLength(rows + 2)
  })
})
