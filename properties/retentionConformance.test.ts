/**
 * Differential test of retention and auto.offset.reset: random command
 * sequences over the model's retention test config (sends to topics with
 * time and size retention and one without, joins, polls, processing,
 * commits and seeks at low offsets, crashes, clock advances around the
 * retention time, dumps), run in lockstep on the model and the built-in
 * broker, must agree answer for answer; the same sequences tell each
 * retention mutant from the model.
 */
import { Effect } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { builtinTarget } from "../impl/builtin.ts"
import { resetUnreported, retentionEarly } from "../impl/mutants/index.ts"
import { commandArbRetention, configRetention } from "../model/retention/internal/testing.ts"
import type { Command } from "../spec/command.ts"
import { runCommands } from "./run.ts"

/** Members joined to every group first, so that polls soon start below log starts. */
const start: ReadonlyArray<Command> = ["early", "late", "strict", "plain"].map((group): Command => ({ _tag: "GroupJoin", group, member: "a" }))

const commandsArb = fc.array(commandArbRetention, { minLength: 20, maxLength: 60 }).map((commands) => [...start, ...commands])

describe("retention: the built-in broker conforms to the model", () => {
  it("answer for answer on generated sequences, where log starts move and polls reset or are refused", async () => {
    const seen = new Set<string>()
    await fc.assert(
      fc.asyncProperty(commandsArb, async (commands) => {
        const run = await Effect.runPromise(runCommands(builtinTarget, configRetention, commands))
        expect(run.divergence).toBeUndefined()
        for (const response of run.expected) {
          if (response._tag === "ClockAdvanced" && response.logStarts !== undefined) seen.add("logStarts")
          if (response._tag === "Polled" && response.resets !== undefined) seen.add(`reset ${response.group}`)
          if (response._tag === "OffsetOutOfRange" && response.logStartOffset !== undefined) seen.add("refused")
          if (response._tag === "Dumped" && response.logStartOffset !== undefined) seen.add("dumped")
        }
      }),
      { numRuns: 150, seed: 9 }
    )
    expect([...seen].sort()).toEqual(["dumped", "logStarts", "refused", "reset early", "reset late", "reset plain"])
  })
})

describe("retention: the retention mutants diverge from the model", () => {
  const samples = fc.sample(commandsArb, { numRuns: 60, seed: 9 })
  for (const mutant of [retentionEarly, resetUnreported]) {
    it(`${mutant.name} diverges on some generated sequence`, async () => {
      let diverged = 0
      for (const commands of samples) {
        if ((await Effect.runPromise(runCommands(mutant, configRetention, commands))).divergence !== undefined) diverged++
      }
      expect(diverged).toBeGreaterThan(0)
    })
  }
})
