import * as path from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { configDefault } from "../../spec/config.ts"
import { builtinTarget, mutants } from "../../impl/index.ts"
import type { Target } from "../../impl/target.ts"
import type { Command } from "../../spec/command.ts"
import { checkTarget } from "../check/checkTarget.ts"
import { readTraceFile } from "../trace/traceFile.ts"
import { departureOf, replayTrace } from "./replayTrace.ts"

const mutantTraces = path.resolve(import.meta.dirname, "../../traces/mutants")
const skipRecord = mutants.find((mutant) => mutant.name === "mutant:skip-record") as Target

/** The real broker, except that every session dies on its third poll. */
const diesOnThirdPoll: Target = {
  name: "dies-on-third-poll",
  open: (config) =>
    Effect.map(builtinTarget.open(config), (session) => {
      let polls = 0
      return {
        execute: (command) =>
          command._tag === "ConsumerPoll" && ++polls === 3 ? Effect.die(new Error("connection reset")) : session.execute(command)
      }
    })
}

describe("replayTrace", () => {
  it("replays a run its target cut short without judging it as drained", async () => {
    const report = await checkTarget({ target: diesOnThirdPoll, config: configDefault, runs: 100, seed: 8 })
    const trace = report.failure
    expect(trace?.verdict).toMatchObject({ _tag: "Diverged", targetFailed: true })
    if (trace === undefined) return
    // On the dying target it still fails, as a target failure.
    const again = await Effect.runPromise(replayTrace(trace, diesOnThirdPoll))
    expect(again.verdict).toMatchObject({ _tag: "Diverged", targetFailed: true })
    // On the real broker the same (undrained) commands pass: no loss is claimed for records the drain never got to.
    const fixed = await Effect.runPromise(replayTrace(trace, builtinTarget))
    expect(fixed.verdict, fixed.table).toBeUndefined()
  })

  it("re-decodes the choices against the target it replays on, and marks where the run departs from the recorded commands", async () => {
    const trace = await Effect.runPromise(readTraceFile(path.join(mutantTraces, "skip-record.json")))
    const onBuiltin = await Effect.runPromise(replayTrace(trace, builtinTarget))
    expect(onBuiltin.mode).toBe("redecoded")
    const departure = onBuiltin.departure
    expect(departure).toBeDefined()
    if (departure === undefined) return
    expect(onBuiltin.run.commands.slice(0, departure.step)).toEqual(trace.commands.slice(0, departure.step))
    expect(onBuiltin.table).toContain(`re-decoded run departs from the recorded commands here (the first ${departure.step} agree)`)
    expect(onBuiltin.verdict, onBuiltin.table).toBeUndefined()
  })

  it("replays verbatim on request, or when the trace has no choices, and drains after the commands with drain", async () => {
    const saved = await Effect.runPromise(readTraceFile(path.join(mutantTraces, "skip-record.json")))
    const { choices: _choices, ...trace } = saved
    const verbatim = await Effect.runPromise(replayTrace(trace, builtinTarget))
    expect(verbatim.mode).toBe("verbatim")
    expect(verbatim.run.commands).toEqual(trace.commands)
    expect(verbatim.departure).toBeUndefined()
    expect((await Effect.runPromise(replayTrace(saved, builtinTarget, { verbatim: true }))).run.commands).toEqual(trace.commands)
    const drained = await Effect.runPromise(replayTrace(trace, builtinTarget, { drain: true }))
    expect(drained.mode).toBe("verbatimDrained")
    expect(drained.run.commands.slice(0, trace.commands.length)).toEqual(trace.commands)
    expect(drained.run.commands.length).toBeGreaterThan(trace.commands.length)
    expect(drained.verdicts.notJudged).toEqual([])
    expect(drained.verdict, drained.table).toBeUndefined()
    // On the mutant, the verbatim replay without a drain of its own is judged, since its commands end with the
    // recorded drain; the second drain then gets the skipped record from the committed offset.
    const onMutant = await Effect.runPromise(replayTrace(trace, skipRecord))
    expect(onMutant.verdicts.violations.map((v) => v.guarantee)).toContain("NoLossUnderAtLeastOnce")
    const drainedTwice = await Effect.runPromise(replayTrace(trace, skipRecord, { drain: true }))
    expect(drainedTwice.verdicts.violations).toEqual([])
    expect(drainedTwice.verdict?._tag).toBe("Diverged")
  })

  it("departureOf finds the first differing command, or the end of the shorter run", () => {
    const send = (value: string): Command => ({ _tag: "ProducerSend", producer: "p0", topic: "orders", value })
    expect(departureOf([send("a"), send("b")], [send("a"), send("b")])).toBeUndefined()
    expect(departureOf([send("a"), send("c")], [send("a"), send("b")])).toEqual({ step: 1, recorded: send("b") })
    expect(departureOf([send("a")], [send("a"), send("b")])).toEqual({ step: 1, recorded: send("b") })
    expect(departureOf([send("a"), send("b")], [send("a")])).toEqual({ step: 1, recorded: undefined })
  })
})
