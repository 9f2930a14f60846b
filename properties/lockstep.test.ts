import { Clock, Effect, type Scope } from "effect"
import { describe, expect, it } from "vitest"
import { builtinTarget } from "../impl/builtin.ts"
import type { Target, TargetSession } from "../impl/target.ts"
import type { Command } from "../spec/command.ts"
import { configDefault } from "../spec/config.ts"
import type { Response } from "../spec/response.ts"
import { answerTimeoutAfterHang } from "./lockstep.ts"
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
    // A Node timer may fire early by the event loop's cached time, so it re-arms until 5 ms have really passed.
    const after5Ms = <A>(value: A) =>
      new Promise<A>((resolve) => {
        const started = performance.now()
        const tick = () => (performance.now() - started >= 5 ? resolve(value) : setTimeout(tick, 1))
        setTimeout(tick, 5)
      })
    const later = pollingWith("later", (response) => Effect.promise(() => after5Ms(response)))
    const run = await Effect.runPromise(runCommands(later, config, commands, { answerTimeoutMs: 5_000 }))
    expect(run.divergence).toBeUndefined()
    expect(run.targetFailed).toBe(false)
    expect(run.actual).toEqual(run.expected)
    expect(run.actual.length).toBe(commands.length)
    expect(run.answerMsSlowest).toBeGreaterThanOrEqual(4)
    const direct = await Effect.runPromise(runCommands(modelTarget, config, commands))
    expect(direct.answerMsSlowest).toBe(0)
  })
})

/** The built-in broker, except that its `answerAt`-th answer (0-based) is replaced by `hostile(answer)`. */
const builtinAnswering = (answerAt: number, hostile: (answer: Response) => unknown): Target => ({
  name: "hostile",
  open: (config) =>
    Effect.map(builtinTarget.open(config), (session): TargetSession => {
      let answers = 0
      return {
        execute: (command) =>
          Effect.map(session.execute(command), (answer) => (answers++ === answerAt ? hostile(answer) : answer) as Response)
      }
    })
})

const hostileAnswers: ReadonlyArray<readonly [string, (answer: Response) => unknown, RegExp]> = [
  ["a BigInt field", (answer) => ({ ...answer, generation: 1n }), /a BigInt at generation$/],
  ["a throwing getter", (answer) => ({ ...answer, get member(): string { throw new Error("gone") } }), /inspecting it threw Error: gone$/],
  ["a throwing Proxy", (answer) => new Proxy(answer, { get: () => { throw new TypeError("trap") } }), /inspecting it threw TypeError: trap$/],
  ["a toJSON", (answer) => ({ ...answer, toJSON: () => { throw new Error("toJSON") } }), /a function at toJSON$/],
  ["a circular object", (answer) => {
    const cyclic: Record<string, unknown> = { ...answer }
    cyclic.assignment = [cyclic]
    return cyclic
  }, /a circular reference at assignment\[0\]$/],
  ["nesting 200,000 deep", (answer) => {
    let deep: unknown = answer
    for (let i = 0; i < 200_000; i++) deep = { ...answer, assignment: [deep] }
    return deep
  }, /nesting deeper than 8 levels at assignment\[0\](\.assignment\[0\])+$/]
]

describe("runLockstep with a target that answers something hostile", () => {
  for (const [what, hostile, reason] of hostileAnswers) {
    it(`turns ${what} into a one-line target failure at that step, and keeps only plain Responses`, async () => {
      const run = await Effect.runPromise(runCommands(builtinAnswering(1, hostile), config, commands))
      expect(run.divergence?.step).toBe(1)
      expect(run.divergence?.message).toMatch(/^target hostile answered GroupJoin with something that is not a Response: /)
      expect(run.divergence?.message).toMatch(reason)
      expect(run.divergence?.message).not.toMatch(/\n/)
      expect(run.targetFailed).toBe(true)
      expect(run.actual).toHaveLength(1)
      expect(JSON.parse(JSON.stringify(run))).toEqual(run)
    })
  }

  it("copies a good answer, so a getter that changes later cannot change the history", async () => {
    let reads = 0
    const changing = builtinAnswering(1, (answer) => ({ ...answer, get member() { return ++reads === 1 ? "a" : "someone else" } }))
    const run = await Effect.runPromise(runCommands(changing, config, commands))
    expect(run.divergence).toBeUndefined()
    expect(run.actual[1]).toMatchObject({ _tag: "Joined", member: "a" })
    expect(JSON.stringify(run.actual[1])).toContain('"member":"a"')
    expect(reads).toBe(1)
  })

  it("gives one line for a failure that cannot be printed, and for a session whose execute cannot be read", async () => {
    const unprintable = new Proxy({}, { get: () => { throw new Error("no") }, getPrototypeOf: () => { throw new Error("no") } })
    const dying = pollingWith("dying", () => Effect.die(unprintable))
    const run = await Effect.runPromise(runCommands(dying, config, commands))
    expect(run.divergence?.step).toBe(2)
    expect(run.divergence?.message).toMatch(/^target failed on ConsumerPoll: /)
    expect(run.divergence?.message).not.toMatch(/\n/)
    const trapped = { name: "trapped", open: () => Effect.succeed(unprintable) } as unknown as Target
    const opened = await Effect.runPromise(runCommands(trapped, config, commands))
    expect(opened.divergence?.message).toBe("target trapped: open must return an Effect of a session with an execute function (got a value that cannot be inspected)")
  })
})

describe("runLockstep after a hang, and on close", () => {
  it("after a hang, waits four times the slowest answer so far, at least 100 ms, at most the timeout", () => {
    expect(answerTimeoutAfterHang(10_000, 0)).toBe(100)
    expect(answerTimeoutAfterHang(10_000, 20)).toBe(100)
    expect(answerTimeoutAfterHang(10_000, 150.2)).toBe(601)
    expect(answerTimeoutAfterHang(500, 300)).toBe(500)
    expect(answerTimeoutAfterHang(50, 0)).toBe(50)
  })

  it("gives a target that hung before at most 100 ms per answer, and says so", async () => {
    const silent = pollingWith("silent", () => Effect.never)
    const slow = await Effect.runPromise(runCommands(silent, config, commands, { answerTimeoutMs: 60_000, hungBefore: true, answerMsSlowest: 40 }))
    expect(slow.divergence?.message).toMatch(/^target silent did not answer ConsumerPoll within 160 ms \(it hung before/)
    const run = await Effect.runPromise(runCommands(silent, config, commands, { answerTimeoutMs: 60_000, hungBefore: true }))
    expect(run.divergence?.message).toBe(
      "target silent did not answer ConsumerPoll within 100 ms (it hung before, so it no longer gets 60 s) " +
        "(does it wait on the Clock? the runner's TestClock only moves on ClockAdvance)"
    )
    expect(run.timedOut).toBe(true)
    const short = await Effect.runPromise(runCommands(silent, config, commands, { answerTimeoutMs: 20, hungBefore: true }))
    expect(short.divergence?.message).toMatch(/^target silent did not answer ConsumerPoll within 20 ms \(does/)
    const failing = pollingWith("failing", () => Effect.die(new Error("down")))
    expect((await Effect.runPromise(runCommands(failing, config, commands))).timedOut).toBe(false)
  })

  it("turns a close that dies or hangs into a target failure at the last step", async () => {
    const closing = (name: string, release: Effect.Effect<void>): Target => ({
      name,
      open: (config) => Effect.andThen(Effect.addFinalizer(() => release), modelTarget.open(config))
    })
    const dies = await Effect.runPromise(runCommands(closing("dies", Effect.die(new Error("socket"))), config, commands))
    expect(dies.divergence).toEqual({ step: 3, message: "target dies failed to close: Error: socket" })
    expect(dies.actual).toHaveLength(4)
    const hangs = await Effect.runPromise(runCommands(closing("hangs", Effect.never), config, commands, { answerTimeoutMs: 30 }))
    expect(hangs.divergence?.message).toMatch(/^target hangs did not close within 30 ms/)
    expect(hangs.timedOut).toBe(true)
  })
})

/** The model, except that the answer to a `ClockAdvance` is replaced by `nowMs: -1` when `wrong()` says so (at that moment). */
const clockWatching = (name: string, setUp: Effect.Effect<void, never, Scope.Scope>, wrong: (nowMs: number) => boolean, onPoll?: Effect.Effect<void>): Target => ({
  name,
  open: (config) =>
    Effect.andThen(setUp, Effect.map(modelTarget.open(config), (session): TargetSession => ({
      execute: (command) =>
        command._tag === "ConsumerPoll" && onPoll !== undefined
          ? Effect.andThen(onPoll, session.execute(command))
          : command._tag === "ClockAdvance"
          ? Effect.flatMap(session.execute(command), (response) =>
            Effect.map(Clock.currentTimeMillis, (nowMs) => (wrong(nowMs) && response._tag === "ClockAdvanced" ? { ...response, nowMs: -1 } : response)))
          : session.execute(command)
    })))
})

describe("runLockstep's clock", () => {
  const advances = (...ms: ReadonlyArray<number>): ReadonlyArray<Command> => ms.map((ms) => ({ _tag: "ClockAdvance", ms }))

  it("wakes a fiber that sleeps on the TestClock before the ClockAdvance reaches the target, as the TestClock's adjust does", async () => {
    let ticks = 0
    const ticker = Effect.forkScoped(Effect.forever(Effect.andThen(Effect.sleep(1000), Effect.sync(() => ticks++))))
    const target = clockWatching("ticking", Effect.asVoid(ticker), (nowMs) => ticks !== Math.floor(nowMs / 1000))
    const run = await Effect.runPromise(runCommands(target, config, advances(1000, 1000, 500, 500, 2000, 0)))
    expect(run.divergence).toBeUndefined()
    expect(ticks).toBe(5)
  })

  it("moves at once while nothing sleeps, and a sleep begun later counts from the time moved so far", async () => {
    let wokeAtMs: number | undefined
    const sleeper = Effect.asVoid(Effect.forkDetach(Effect.andThen(Effect.sleep(500), Effect.flatMap(Clock.currentTimeMillis, (nowMs) => Effect.sync(() => { wokeAtMs = nowMs })))))
    const target = clockWatching("sleeping", Effect.void, (nowMs) => nowMs >= 2500 && wokeAtMs !== 2500, sleeper)
    const poll: Command = { _tag: "ConsumerPoll", group: "billing", member: "a", recordsMax: 1 }
    const run = await Effect.runPromise(runCommands(target, config, [...advances(1000, 1000), poll, ...advances(499, 1, 100)]))
    expect(run.divergence).toBeUndefined()
    expect(wokeAtMs).toBe(2500)
  })
})
