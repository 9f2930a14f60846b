/**
 * Differential test of bounded queues: command sequences over the shipped
 * `bounded-queues` config (sends, receives, acknowledgements, releases,
 * clock advances and listings), run in lockstep on the model and the
 * built-in broker, must agree answer for answer; the same sequences tell
 * each overflow mutant from the model.
 */
import { Effect } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { builtinTarget } from "../impl/builtin.ts"
import { boundIgnored, dropWrongEnd, rejectDropsOldest } from "../impl/mutants/index.ts"
import type { Target } from "../impl/target.ts"
import type { Command } from "../spec/command.ts"
import { exampleConfig } from "./exampleConfigs.ts"
import { runCommands } from "./run.ts"

const config = exampleConfig("bounded-queues")
const queues = config.queues!.map((queue) => queue.name)

/** A send to `queue` (FIFO ones with a group and maybe a dedup id). */
const send = (queue: string, value: string, group = "g1", dedupId?: string): Command =>
  queue.endsWith(".fifo")
    ? { _tag: "QueueSend", sender: "s", queue, value, group, ...(dedupId === undefined ? {} : { dedupId }) }
    : { _tag: "QueueSend", sender: "s", queue, value }

/** Commands over these queues, sends weighted so that the queues fill up. */
const commandArbOver = (focus: ReadonlyArray<string>): fc.Arbitrary<Command> => {
  const queue = fc.constantFrom(...focus)
  const consumer = fc.constantFrom("a", "b")
  const receipt = fc.nat(12)
  return fc.oneof(
    {
      arbitrary: fc
        .tuple(queue, fc.constantFrom("v0", "v1", "v2"), fc.constantFrom("g1", "g2"), fc.option(fc.constantFrom("d1", "d2", "d3"), { nil: undefined }))
        .map(([q, v, g, d]) => send(q, v, g, d)),
      weight: 10
    },
    { arbitrary: fc.tuple(queue, consumer, fc.integer({ min: 1, max: 3 })).map(([q, c, n]): Command => ({ _tag: "QueueReceive", queue: q, consumer: c, messagesMax: n })), weight: 4 },
    { arbitrary: fc.tuple(queue, consumer, receipt).map(([q, c, r]): Command => ({ _tag: "QueueAck", queue: q, consumer: c, receipt: r })), weight: 3 },
    { arbitrary: fc.tuple(queue, consumer, receipt).map(([q, c, r]): Command => ({ _tag: "QueueRelease", queue: q, consumer: c, receipt: r })), weight: 1 },
    { arbitrary: fc.constantFrom(1, 5_000, 19_999, 20_000).map((ms): Command => ({ _tag: "ClockAdvance", ms })), weight: 2 },
    { arbitrary: queue.map((q): Command => ({ _tag: "ObserverQueue", queue: q })), weight: 1 }
  )
}

/** Sequences over one or two of the queues at a time, so that they overflow often. */
const commandsArb = fc
  .subarray(queues, { minLength: 1, maxLength: 2 })
  .chain((focus) => fc.array(commandArbOver(focus), { minLength: 10, maxLength: 40 }))

/** The first divergence of the target from the model on the commands, if any. */
const divergenceOf = async (target: Target, commands: ReadonlyArray<Command>) =>
  (await Effect.runPromise(runCommands(target, config, commands))).divergence

describe("bounded queues: the built-in broker conforms to the model", () => {
  it("on a hand-built sequence through every overflow policy", async () => {
    const commands: Array<Command> = []
    for (const queue of queues) for (let i = 0; i < 4; i++) commands.push(send(queue, `v${i}`, "g1", `d${i}`))
    commands.push({ _tag: "QueueReceive", queue: "dropping-oldest", consumer: "a", messagesMax: 1 })
    commands.push(send("dropping-oldest", "w"), send("dropping-newest.fifo", "v0", "g1", "d0"))
    commands.push({ _tag: "ClockAdvance", ms: 20_000 }, send("dropping-oldest", "x"), send("blocking", "y"))
    for (const queue of queues) commands.push({ _tag: "ObserverQueue", queue })
    const run = await Effect.runPromise(runCommands(builtinTarget, config, commands))
    expect(run.divergence).toBeUndefined()
    const tags = run.expected.map((response) => response._tag)
    expect(tags).toContain("SendBlocked")
    expect(tags).toContain("SendRejected")
    expect(run.expected.some((response) => response._tag === "Enqueued" && response.dropped !== undefined)).toBe(true)
  })

  it("answer for answer on generated sequences, where every policy overflows", async () => {
    let overflowed = 0
    const kinds = new Set<string>()
    await fc.assert(
      fc.asyncProperty(commandsArb, async (commands) => {
        const run = await Effect.runPromise(runCommands(builtinTarget, config, commands))
        expect(run.divergence).toBeUndefined()
        const overflows = run.expected.flatMap((r) =>
          r._tag === "SendBlocked" || r._tag === "SendRejected" ? [r._tag] : r._tag === "Enqueued" && r.dropped !== undefined ? [`dropped from ${r.queue}`] : []
        )
        for (const kind of overflows) kinds.add(kind)
        if (overflows.length > 0) overflowed++
      }),
      { numRuns: 200, seed: 9 }
    )
    expect(overflowed).toBeGreaterThan(80)
    expect([...kinds].sort()).toEqual(["SendBlocked", "SendRejected", "dropped from dropping-newest.fifo", "dropped from dropping-oldest"])
  })
})

describe("bounded queues: the overflow mutants diverge from the model", () => {
  const samples = fc.sample(commandsArb, { numRuns: 60, seed: 9 })
  for (const mutant of [boundIgnored, rejectDropsOldest, dropWrongEnd]) {
    it(`${mutant.name} diverges on some generated sequence`, async () => {
      let diverged = 0
      for (const commands of samples) if ((await divergenceOf(mutant, commands)) !== undefined) diverged++
      expect(diverged).toBeGreaterThan(0)
    })
  }
})
