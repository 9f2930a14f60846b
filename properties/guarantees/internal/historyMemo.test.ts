import { describe, expect, it } from "vitest"
import { configDefault, type History, type HistoryEntry } from "../../../spec/index.ts"
import { memoByHistory, memoByHistoryAndConfig } from "./historyMemo.ts"

const entry: HistoryEntry = {
  command: { _tag: "ClockAdvance", ms: 1 },
  response: { _tag: "ClockAdvanced", nowMs: 1, expired: [], rebalanced: [] }
} as unknown as HistoryEntry

describe("history memos", () => {
  it("compute once per history, again once it grew, and per config", () => {
    let computed = 0
    const length = memoByHistory((history: History) => {
      computed += 1
      return history.length
    })
    const history: Array<HistoryEntry> = [entry]
    expect([length(history), length(history)]).toEqual([1, 1])
    expect(computed).toBe(1)
    history.push(entry)
    expect(length(history)).toBe(2)
    expect(length([entry])).toBe(1)
    expect(computed).toBe(3)

    const withConfig = memoByHistoryAndConfig((history: History, config: typeof configDefault) => {
      computed += 1
      return `${history.length} ${config.groups.length}`
    })
    const other = { ...configDefault, groups: configDefault.groups.slice(0, 1) }
    expect([withConfig(history, configDefault), withConfig(history, configDefault)]).toEqual(["2 2", "2 2"])
    expect(withConfig(history, other)).toBe("2 1")
    expect(computed).toBe(5)
  })
})
