import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import type { Target, TargetSession } from "../impl/target.ts"
import type { Command } from "../spec/command.ts"
import { configDefault } from "../spec/config.ts"
import type { Response } from "../spec/response.ts"
import { modelTarget } from "./modelTarget.ts"
import { runCommands } from "./run.ts"

const config = configDefault

const commands: ReadonlyArray<Command> = [
  { _tag: "ProducerSend", producer: "p0", topic: "payments", value: "v0" },
  { _tag: "GroupJoin", group: "billing", member: "a" },
  { _tag: "ConsumerPoll", group: "billing", member: "a", recordsMax: 3 },
  { _tag: "ProducerSend", producer: "p0", topic: "payments", value: "v1" }
]

/** The model, except that ConsumerPoll is answered by `poll` (given the model's answer). */
const pollingWith = (name: string, poll: (response: Response) => unknown): Target => ({
  name,
  open: (config) =>
    Effect.map(modelTarget.open(config), (session): TargetSession => ({
      execute: (command) =>
        command._tag === "ConsumerPoll"
          ? (poll(Effect.runSync(session.execute(command))) as Effect.Effect<Response>)
          : session.execute(command)
    }))
})

describe("runLockstep with targets of the wrong shape", () => {
  it("turns an open that returns a Promise (even a rejected one) into a one-line target failure", async () => {
    const promising = { name: "my-queue", open: () => Promise.reject(new Error("no broker")) } as unknown as Target
    const run = await Effect.runPromise(runCommands(promising, config, commands))
    expect(run.divergence).toEqual({ step: 0, message: "target my-queue: open must return an Effect (got a Promise)" })
    expect(run.targetFailed).toBe(true)
    expect(run.commands).toEqual([])
  })

  it("turns an open whose session has no execute function into a target failure", async () => {
    const bare = { name: "bare", open: () => Effect.succeed({}) } as unknown as Target
    const run = await Effect.runPromise(runCommands(bare, config, commands))
    expect(run.divergence?.message).toBe("target bare: open must return an Effect of a session with an execute function (got an object {})")
    expect(run.targetFailed).toBe(true)
  })

  it("turns an execute that returns a plain object or a rejected Promise into a target failure at that step", async () => {
    const plain = pollingWith("plain", (response) => response)
    const run = await Effect.runPromise(runCommands(plain, config, commands))
    expect(run.divergence?.step).toBe(2)
    expect(run.divergence?.message).toMatch(/^target plain: execute must return an Effect \(got an object \{"_tag":"Polled".*\) for ConsumerPoll$/)
    expect(run.targetFailed).toBe(true)
    expect(run.commands.length).toBe(3)
    expect(run.actual.length).toBe(2)

    const rejecting = pollingWith("rejecting", () => Promise.reject(new Error("lost connection")))
    const rejected = await Effect.runPromise(runCommands(rejecting, config, commands))
    expect(rejected.divergence).toEqual({ step: 2, message: "target rejecting: execute must return an Effect (got a Promise) for ConsumerPoll" })
    expect(rejected.divergence?.message).not.toMatch(/\n/)
  })
})

describe("runLockstep with targets that never answer", () => {
  it("turns an execute that sleeps on the TestClock into a target failure after the answer timeout", async () => {
    const sleepy = pollingWith("sleepy", (response) => Effect.as(Effect.sleep("1 second"), response))
    const run = await Effect.runPromise(runCommands(sleepy, config, commands, { answerTimeoutMs: 30 }))
    expect(run.divergence).toEqual({
      step: 2,
      message: "target sleepy did not answer ConsumerPoll within 30 ms (does it wait on the Clock? the runner's TestClock only moves on ClockAdvance)"
    })
    expect(run.targetFailed).toBe(true)
    expect(run.actual.length).toBe(2)
  })

  it("turns a callback that never resumes, or an open that never completes, into a target failure", async () => {
    const silent = pollingWith("silent", () => Effect.callback<Response>(() => {}))
    const run = await Effect.runPromise(runCommands(silent, config, commands, { answerTimeoutMs: 30 }))
    expect(run.divergence?.message).toMatch(/^target silent did not answer ConsumerPoll within 30 ms/)

    const closed: Target = { name: "closed", open: () => Effect.never }
    const never = await Effect.runPromise(runCommands(closed, config, commands, { answerTimeoutMs: 30 }))
    expect(never.divergence?.message).toMatch(/^target closed did not open within 30 ms/)
    expect(never.targetFailed).toBe(true)
  })

  it("waits for a target that answers asynchronously in time", async () => {
    const later = pollingWith("later", (response) => Effect.promise(() => new Promise<unknown>((resolve) => setTimeout(() => resolve(response), 5))))
    const run = await Effect.runPromise(runCommands(later, config, commands, { answerTimeoutMs: 5_000 }))
    expect(run.divergence).toBeUndefined()
    expect(run.targetFailed).toBe(false)
    expect(run.actual).toEqual(run.expected)
    expect(run.actual.length).toBe(commands.length)
  })
})
