import { describe, expect, it } from "vitest"
import type { Command } from "../../spec/command.ts"
import type { Response } from "../../spec/response.ts"
import type { RunVerdicts } from "../check/evaluate.ts"
import type { Run } from "../run.ts"
import { configDoubleCharge } from "../suite/mutantSeeds.ts"
import { formatRunStats } from "./formatRunStats.ts"
import { runStatsAdd, runStatsInit } from "./runStats.ts"

const process = (offset: number, crashMidway?: true): Command =>
  ({ _tag: "ConsumerProcess", group: "charge-short-window", member: "m0", topic: "payments", partition: 0, offset, ...(crashMidway ? { crashMidway } : {}) })

const steps: ReadonlyArray<readonly [Command, Response]> = [
  [process(0), { _tag: "Processed", group: "charge-short-window", member: "m0", topic: "payments", partition: 0, offset: 0, effect: { outcome: "applied", id: "v0" } }],
  [{ _tag: "ClockAdvance", ms: 100 }, { _tag: "ClockAdvanced", nowMs: 100, expired: [], rebalanced: [] }],
  [process(1), { _tag: "Processed", group: "charge-short-window", member: "m0", topic: "payments", partition: 0, offset: 1, effect: { outcome: "applied", id: "v1" } }],
  // v0's window ends at 5,000 and v1's at 5,100: 1 ms before v0's end, then at v1's end (v0 is 100 ms past its own).
  [{ _tag: "ClockAdvance", ms: 4899 }, { _tag: "ClockAdvanced", nowMs: 4999, expired: [], rebalanced: [] }],
  [{ _tag: "ClockAdvance", ms: 101 }, { _tag: "ClockAdvanced", nowMs: 5100, expired: [], rebalanced: [] }],
  [process(2, true), { _tag: "ProcessCrashed", group: "charge-short-window", member: "m0", topic: "payments", partition: 0, offset: 2, effect: { outcome: "skipped", id: "v1" } }]
]

const verdicts: RunVerdicts = { violations: [], divergence: undefined, witnessed: [], notJudged: [], targetFailed: false }

describe("run statistics of effects", () => {
  it("counts effect outcomes (crashed ones apart) and where clock advances landed against dedup windows", () => {
    const run: Run = {
      commands: steps.map(([command]) => command),
      expected: steps.map(([, response]) => response),
      actual: steps.map(([, response]) => response),
      divergence: undefined,
      targetFailed: false,
      drainStart: steps.length
    }
    const stats = runStatsInit(configDoubleCharge, [])
    runStatsAdd(stats, run, verdicts, steps.length)
    expect(Object.fromEntries(stats.effectOutcomes)).toEqual({ applied: 2, "crashed midway, skipped": 1 })
    expect(Object.fromEntries(stats.windowLandings)).toEqual({ "1 ms before the end": 1, "at the end": 1, "further past the end": 1 })
    const text = formatRunStats(stats)
    expect(text).toContain("effect outcomes (share of processings with an effect)")
    expect(text).toMatch(/crashed midway, skipped \.+ +33\.33%/)
    expect(text).toContain("clock advances reaching a dedup window's end")
  })
})
