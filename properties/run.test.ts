import { Clock, Effect } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { Target } from "../impl/target.ts"
import { init, step } from "../model/index.ts"
import type { Command } from "../spec/command.ts"
import { configDefault } from "../spec/config.ts"
import type { Response } from "../spec/response.ts"
import { choicesArbitrary } from "./choice.ts"
import { modelTarget } from "./modelTarget.ts"
import { historyOf, runChoices, runCommands } from "./run.ts"

const config = configDefault
const samples = fc.sample(choicesArbitrary(config), { seed: 43, numRuns: 60 })

/** The model, with each answer passed through `alter` (given the step index and the command). */
const modelWith = (
  name: string,
  alter: (index: number, command: Command, response: Response) => Effect.Effect<Response>
): Target => ({
  name,
  open: (config) =>
    Effect.sync(() => {
      let state = init(config)
      let index = 0
      return {
        execute: (command) =>
          Effect.suspend(() => {
            const transition = step(state, command)
            state = transition.state
            return alter(index++, command, transition.response)
          })
      }
    })
})

const sends = (n: number): ReadonlyArray<Command> =>
  Array.from({ length: n }, (_, i) => ({ _tag: "ProducerSend", producer: "p0", topic: "payments", value: `v${i}` }))

describe("runChoices", () => {
  it("never diverges against the model itself, and records one answer per command", async () => {
    let commands = 0
    for (const choices of samples) {
      const run = await Effect.runPromise(runChoices(modelTarget, config, choices))
      expect(run.divergence).toBeUndefined()
      expect(run.actual).toEqual(run.expected)
      expect(run.commands.length).toBe(run.actual.length)
      expect(run.commands.length).toBeGreaterThan(choices.length)
      commands += run.commands.length
    }
    expect(commands).toBeGreaterThan(samples.length * 10)
  })

  it("moves the TestClock by ms before a ClockAdvance reaches the target", async () => {
    const clocked = modelWith("clocked", (_, command, response) =>
      command._tag === "ClockAdvance" && response._tag === "ClockAdvanced"
        ? Effect.map(Clock.currentTimeMillis, (nowMs) => ({ ...response, nowMs }))
        : Effect.succeed(response))
    let advances = 0
    for (const choices of samples) {
      const run = await Effect.runPromise(runChoices(clocked, config, choices))
      expect(run.divergence).toBeUndefined()
      advances += run.commands.filter((command) => command._tag === "ClockAdvance" && command.ms > 0).length
    }
    expect(advances).toBeGreaterThan(samples.length)
  })

  it("reports the first step where the target's answer differs, and still runs every command", async () => {
    const offByOne = modelWith("off-by-one", (index, _, response) =>
      Effect.succeed(index >= 2 && response._tag === "Sent" ? { ...response, offset: response.offset + 1 } : response))
    const run = await Effect.runPromise(runCommands(offByOne, config, sends(5)))
    expect(run.divergence).toEqual({ step: 2, message: "Sent: payments/0@2 instead of payments/0@1" })
    expect(run.actual.length).toBe(5)
    expect(run.actual.map((r) => r._tag === "Sent" && r.offset)).toEqual([0, 0, 2, 2, 3])
  })

  it("follows the target after a divergence: the application drives the broken target on its own answers", async () => {
    const hiding = modelWith("hiding", (_, __, response) =>
      Effect.succeed(response._tag === "Polled" ? { ...response, records: [] } : response))
    let diverged = 0
    for (const choices of samples) {
      const run = await Effect.runPromise(runChoices(hiding, config, choices))
      const firstDelivery = run.expected.findIndex((r) => r._tag === "Polled" && r.records.length > 0)
      expect(run.divergence?.step).toBe(firstDelivery < 0 ? undefined : firstDelivery)
      if (firstDelivery >= 0) diverged++
      expect(run.commands.length).toBe(run.actual.length)
      // Told of no records, the drainer polls once per group and never commits.
      const drain = run.commands.slice(choices.length)
      expect(drain.filter((c) => c._tag === "ConsumerPoll")).toHaveLength(config.groups.length)
      expect(drain.some((c) => c._tag === "ConsumerCommit" || c._tag === "ConsumerProcess")).toBe(false)
    }
    expect(diverged).toBeGreaterThan(samples.length / 2)
  })

  it("turns a target that dies into a divergence at that step and stops there", async () => {
    const dying = modelWith("dying", (index, _, response) => (index === 3 ? Effect.die(new Error("boom")) : Effect.succeed(response)))
    const run = await Effect.runPromise(runCommands(dying, config, sends(6)))
    expect(run.divergence?.step).toBe(3)
    expect(run.divergence?.message).toMatch(/^target failed on ProducerSend: .*boom/)
    expect(run.commands.length).toBe(4)
    expect(run.expected.length).toBe(4)
    expect(run.actual.length).toBe(3)
    expect(historyOf(run).length).toBe(3)
  })

  it("turns a target that throws, or answers something that is not a Response, into a divergence", async () => {
    const throwing: Target = {
      name: "throwing",
      open: () => Effect.succeed({ execute: () => { throw new Error("sync throw") } })
    }
    const thrown = await Effect.runPromise(runChoices(throwing, config, []))
    expect(thrown.divergence?.step).toBe(0)
    expect(thrown.divergence?.message).toMatch(/sync throw/)

    const garbage = modelWith("garbage", (index, _, response) =>
      Effect.succeed(index === 1 ? ({ _tag: "Sent" } as unknown as Response) : response))
    const run = await Effect.runPromise(runCommands(garbage, config, sends(3)))
    expect(run.divergence?.step).toBe(1)
    expect(run.divergence?.message).toMatch(/not a Response/)
    expect(run.actual.length).toBe(1)
  })

  it("turns a target that cannot open into a divergence at step 0 with no commands", async () => {
    const closed: Target = { name: "closed", open: () => Effect.die(new Error("no broker")) }
    const run = await Effect.runPromise(runChoices(closed, config, samples[0]))
    expect(run.commands).toEqual([])
    expect(run.divergence?.step).toBe(0)
    expect(run.divergence?.message).toMatch(/^target closed failed to open: .*no broker/)
  })

  it("opens one session per run and closes it at the end", async () => {
    let opened = 0
    let closed = 0
    const scoped: Target = {
      name: "scoped",
      open: (config) =>
        Effect.acquireRelease(Effect.sync(() => opened++), () => Effect.sync(() => closed++)).pipe(
          Effect.andThen(modelTarget.open(config))
        )
    }
    await Effect.runPromise(runChoices(scoped, config, samples[1]))
    await Effect.runPromise(runCommands(scoped, config, sends(2)))
    expect([opened, closed]).toEqual([2, 2])
  })
})

describe("runCommands and historyOf", () => {
  it("replays the commands of a run to the same answers, with no drain added", async () => {
    for (const choices of samples.slice(0, 20)) {
      const run = await Effect.runPromise(runChoices(modelTarget, config, choices))
      const replay = await Effect.runPromise(runCommands(modelTarget, config, run.commands))
      expect(replay.commands).toEqual(run.commands)
      expect(replay.actual).toEqual(run.actual)
      expect(replay.divergence).toBeUndefined()
    }
  })

  it("zips each command with the target's answer", async () => {
    const run = await Effect.runPromise(runCommands(modelTarget, config, sends(2)))
    expect(historyOf(run)).toEqual([
      { command: sends(2)[0], response: { _tag: "Sent", topic: "payments", partition: 0, offset: 0 } },
      { command: sends(2)[1], response: { _tag: "Sent", topic: "payments", partition: 1, offset: 0 } }
    ])
  })
})
