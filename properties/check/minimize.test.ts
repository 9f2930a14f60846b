import { describe, expect, it } from "vitest"
import type { Choice } from "../choice.ts"
import { type MinimizeCandidate, minimizeChoices, type ShrinkProgress } from "./minimize.ts"

const choice = (action: number, a = 5, b = 5, c = 5): Choice => ({ action, a, b, c })
const start: MinimizeCandidate = { choices: [1, 2, 7, 3, 4, 9, 5, 6].map((n) => choice(n)), drainGroups: undefined }

/** Fails when an action-7 choice comes before an action-9 one whose `a` is not 0, and a drain of billing (or every group) runs. */
const fails = async (candidate: MinimizeCandidate): Promise<string | undefined> => {
  const seven = candidate.choices.findIndex((c) => c.action === 7)
  const drained = candidate.drainGroups === undefined || candidate.drainGroups.includes("billing")
  const nine = candidate.choices.findIndex((c, i) => i > seven && c.action === 9 && c.a !== 0)
  return seven >= 0 && nine >= 0 && drained ? JSON.stringify(candidate) : undefined
}

const drainsToTry = [[], ["billing"], ["metrics"], undefined]

/**
 * For a toy decoder where choice k stands for command `action + k` (as a real choice's command depends on
 * what is enabled before it): the program without the commands at `dropped`, the kept choices re-aimed so
 * that they stand for the same commands.
 */
const reaimed = (choices: ReadonlyArray<Choice>, dropped: ReadonlySet<number>) => {
  const kept: Array<number> = []
  const reaimedChoices: Array<Choice> = []
  choices.forEach((c, k) => {
    if (dropped.has(k)) return
    reaimedChoices.push({ ...c, action: c.action + k - kept.length })
    kept.push(k)
  })
  return { choices: reaimedChoices, kept }
}

describe("minimizeChoices", () => {
  it("drops every choice it can, lowers fields to 0 where the failure stays, and keeps the smallest drain", async () => {
    const progress: Array<ShrinkProgress> = []
    const result = await minimizeChoices(start, "start", { fails, drainsToTry, attemptsBefore: 100, onProgress: (p) => progress.push(p) })
    expect(result.candidate).toEqual({ choices: [choice(7, 0, 0, 0), choice(9, 5, 0, 0)], drainGroups: ["billing"] })
    expect(result.failing).toBe(JSON.stringify(result.candidate))
    expect(result.oneMinimal).toBe(true)
    // Progress is numbered on from the shrink before, and reports the current length.
    expect(progress).toHaveLength(result.attempts)
    expect(progress[0].attempt).toBe(101)
    expect(progress[progress.length - 1].length).toBe(2)
    // 1-minimal: no single choice can be dropped.
    for (let i = 0; i < result.candidate.choices.length; i++) {
      const without = result.candidate.choices.filter((_, j) => j !== i)
      expect(await fails({ ...result.candidate, choices: without })).toBeUndefined()
    }
  })

  it("drops single commands with the commands after them kept, where dropping a choice would change them", async () => {
    // A toy decoder where a choice's command depends on its position (as the enabled actions shift in the real
    // one): choice k stands for command action + k. The run fails when command 10 comes before command 20.
    const commandsOf = (choices: ReadonlyArray<Choice>) => choices.map((c, k) => c.action + k)
    const failsDecoded = async (candidate: MinimizeCandidate): Promise<string | undefined> => {
      const commands = commandsOf(candidate.choices)
      const ten = commands.indexOf(10)
      return ten >= 0 && commands.indexOf(20, ten + 1) > ten ? JSON.stringify(commands) : undefined
    }
    // Without the commands in `dropped`, the kept choices re-aimed so that they stand for the same commands.
    const commandDropperOf = (choices: ReadonlyArray<Choice>) => (dropped: ReadonlySet<number>) => reaimed(choices, dropped)
    const program = { choices: [1, 2, 8, 3, 4, 15, 5].map((n) => choice(n, 0, 0, 0)), drainGroups: undefined }
    expect(commandsOf(program.choices)).toEqual([1, 3, 10, 6, 8, 20, 11])
    const byChoices = await minimizeChoices(program, "start", { fails: failsDecoded })
    expect(byChoices.candidate.choices.length).toBeGreaterThan(2)
    const byCommands = await minimizeChoices(program, "start", { fails: failsDecoded, commandDropperOf })
    expect(commandsOf(byCommands.candidate.choices)).toEqual([10, 20])
    expect(byCommands.oneMinimal).toBe(true)
  })

  it("drops chunks of commands at once, with the commands that cannot stay without them, and a refused chunk costs no run", async () => {
    // 64 commands (action + position, as above). The failure needs commands 10, 20 and 30; command 30 cannot
    // stay without command 25 (it goes with it), and the generator cannot express the program without
    // command 40 (refused).
    const commandsOf = (choices: ReadonlyArray<Choice>) => choices.map((c, k) => c.action + k)
    let runs = 0
    let runsToFive: number | undefined
    const failsDecoded = async (candidate: MinimizeCandidate): Promise<string | undefined> => {
      runs += 1
      const commands = commandsOf(candidate.choices)
      const failed = [10, 20, 30].every((command) => commands.includes(command))
      if (failed && commands.length <= 5) runsToFive ??= runs
      return failed ? JSON.stringify(commands) : undefined
    }
    let refused = 0
    let cascaded = 0
    const commandDropperOf = (choices: ReadonlyArray<Choice>) => {
      const commands = commandsOf(choices)
      return (dropped: ReadonlySet<number>) => {
        if (commands.some((command, k) => command === 40 && dropped.has(k))) {
          refused += 1
          return undefined
        }
        const with30 = new Set(dropped)
        if (commands.some((command, k) => command === 25 && dropped.has(k))) {
          const at = commands.indexOf(30)
          if (at >= 0 && !dropped.has(at)) cascaded += 1
          with30.add(at)
        }
        return reaimed(choices, with30)
      }
    }
    const program = { choices: Array.from({ length: 64 }, () => choice(0, 0, 0, 0)), drainGroups: undefined }
    const result = await minimizeChoices(program, "start", { fails: failsDecoded, commandDropperOf })
    expect(commandsOf(result.candidate.choices)).toEqual([10, 20, 30])
    expect(result.oneMinimal).toBe(true)
    expect(refused).toBeGreaterThan(0)
    expect(cascaded).toBeGreaterThan(0)
    // Every run the minimizer made is counted; the refused chunks are not among them.
    expect(result.attempts).toBe(runs)
    // Chunks: the commands' delta debugging is down to the five it cannot drop in far fewer runs than one per command.
    expect(runsToFive).toBeLessThan(64)
  })

  it("first cuts the program right after the step where the failure shows", async () => {
    const long = { choices: [1, 2, 7, 3, 4, 9, 5, 6, ...Array.from({ length: 56 }, () => 8)].map((n) => choice(n)), drainGroups: undefined }
    const tried: Array<number> = []
    const result = await minimizeChoices(long, "start", {
      fails: async (candidate) => {
        tried.push(candidate.choices.length)
        return fails(candidate)
      },
      // The failure shows at the action-9 choice (step 5).
      failureStepOf: () => 5
    })
    expect(tried[0]).toBe(6)
    expect(result.candidate.choices.map((c) => c.action)).toEqual([7, 9])
  })

  it("is deterministic", async () => {
    const first = await minimizeChoices(start, "start", { fails, drainsToTry })
    const second = await minimizeChoices(start, "start", { fails, drainsToTry })
    expect(second).toEqual(first)
  })

  it("never says 1-minimal of a result a single choice can be dropped from, whatever the budget", async () => {
    const full = await minimizeChoices(start, "start", { fails, drainsToTry })
    let claimedEarly = 0
    for (let attemptsMax = 1; attemptsMax <= full.attempts; attemptsMax++) {
      const result = await minimizeChoices(start, "start", { fails, drainsToTry, attemptsMax })
      expect(await fails(result.candidate)).toBeDefined()
      if (!result.oneMinimal) continue
      if (result.attempts < full.attempts) claimedEarly += 1
      for (let i = 0; i < result.candidate.choices.length; i++) {
        const without = result.candidate.choices.filter((_, j) => j !== i)
        expect(await fails({ ...result.candidate, choices: without }), `budget ${attemptsMax}, choice ${i}`).toBeUndefined()
      }
    }
    // Out of budget in the last pass of fields and drains, which changed nothing: the result is still 1-minimal.
    expect(claimedEarly).toBeGreaterThan(0)
  })

  it("stops at its budget and says the result may not be minimal", async () => {
    const result = await minimizeChoices(start, "start", { fails, drainsToTry, attemptsMax: 3 })
    expect(result.attempts).toBe(3)
    expect(result.oneMinimal).toBe(false)
    expect(await fails(result.candidate)).toBeDefined()
  })
})
