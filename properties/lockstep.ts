/**
 * The lockstep runner: every command goes to the model and to the target,
 * and the two answers are compared. The target runs in a scope under a
 * TestClock, which moves by `ms` before each `ClockAdvance` reaches it.
 *
 * @module
 */
import { Cause, Effect, Exit, Scheduler, Scope } from "effect"
import { TestClock } from "effect/testing"
import type { Target, TargetSession } from "../impl/target.ts"
import { init, step } from "../model/index.ts"
import type { Command } from "../spec/command.ts"
import type { Config } from "../spec/config.ts"
import type { Response } from "../spec/response.ts"
import { equalJson } from "./equal.ts"
import { describeDifference } from "./format/difference.ts"
import { safeText } from "./internal/safeText.ts"
import { plainData, responseOfPlain } from "./plainAnswer.ts"
import type { Run } from "./run.ts"

/**
 * Runs one command in lockstep and answers with the target's response, or
 * `undefined` when the target failed on it (the run then stops: the
 * divergence says why).
 */
export type LockstepExecute = (command: Command) => Effect.Effect<Response | undefined>

/** The first line of a target's failure, even when the failure itself cannot be printed. */
const causeLine = (cause: Cause.Cause<unknown>): string => {
  try {
    return safeText(Cause.pretty(cause))
  } catch {
    const reason = cause.reasons[0]
    return reason === undefined ? "an empty failure" : safeText(Cause.isDieReason(reason) ? reason.defect : Cause.isFailReason(reason) ? reason.error : "an interruption")
  }
}

/** How long the runner waits for a target's answer that did not come at once; 10 s. */
export const answerTimeoutMsDefault = 10_000

/**
 * The least time the runner waits for an answer once the same target hung
 * before (`LockstepOptions.hungBefore`): 100 ms. A check that saw one hang
 * reruns and shrinks the failing program, and each of those runs would
 * otherwise wait the full timeout again.
 */
export const answerTimeoutAfterHangMs = 100

/**
 * How long an answer may take once the target hung before: four times the
 * slowest answer it gave in time so far (so a slow but working target is not
 * taken for a hanging one while shrinking), at least
 * {@link answerTimeoutAfterHangMs}, at most the answer timeout.
 *
 * @example
 * ```ts
 * answerTimeoutAfterHang(10_000, 0) // 100
 * answerTimeoutAfterHang(10_000, 150) // 600
 * answerTimeoutAfterHang(50, 0) // 50
 * ```
 */
export const answerTimeoutAfterHang = (answerTimeoutMs: number, answerMsSlowest: number): number =>
  Math.min(answerTimeoutMs, Math.max(answerTimeoutAfterHangMs, Math.ceil(4 * answerMsSlowest)))

/** How the runner treats the target. */
export interface LockstepOptions {
  /**
   * Real (wall-clock) milliseconds the runner waits for `open`, for one
   * `execute` that did not complete synchronously, or for the target to
   * close, before it calls the target failed; default
   * {@link answerTimeoutMsDefault}.
   */
  readonly answerTimeoutMs?: number | undefined
  /**
   * Whether this target already did not answer in time (in an earlier run of
   * the same check, `Run.timedOut`): each answer then gets
   * {@link answerTimeoutAfterHang} of `answerMsSlowest`.
   */
  readonly hungBefore?: boolean | undefined
  /** The slowest answer the target gave in time in earlier runs (`Run.answerMsSlowest`), in real milliseconds. */
  readonly answerMsSlowest?: number | undefined
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === "object" || typeof value === "function") && value !== null &&
  typeof (value as { then?: unknown }).then === "function"

/** What a value that should have been an Effect is, in a few words; never throws. */
const describeValue = (value: unknown): string => {
  try {
    return describeValueUnsafe(value)
  } catch {
    return "a value that cannot be inspected"
  }
}

const describeValueUnsafe = (value: unknown): string => {
  if (isThenable(value)) return "a Promise"
  if (value === null) return "null"
  if (Array.isArray(value)) return "an array"
  switch (typeof value) {
    case "undefined":
      return "undefined"
    case "function":
      return "a function"
    case "object": {
      const plain = plainData(value)
      if (plain._tag === "NotPlain") return `an object (${plain.reason})`
      const json = JSON.stringify(plain.value)
      return `an object ${json.length > 80 ? `${json.slice(0, 77)}...` : json}`
    }
    default:
      return `a ${typeof value} ${String(value).slice(0, 40)}`
  }
}

/** A value that is not an Effect: a Promise among them is silenced, so its rejection prints no stack trace. */
const notAnEffect = (value: unknown): string => {
  try {
    if (isThenable(value)) value.then(undefined, () => undefined)
  } catch {
    // a hostile thenable: nothing to silence
  }
  return describeValue(value)
}

/** `Effect.isEffect`, for a value whose inspection may throw (a Proxy). */
const isEffectSafe = (value: unknown): boolean => {
  try {
    return Effect.isEffect(value)
  } catch {
    return false
  }
}

const showMs = (ms: number): string => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`)

/**
 * Runs `effect` at once on a fiber of its own: when it completes
 * synchronously (the usual case) its exit comes back with no timer set;
 * otherwise it is raced against a real-time watchdog of `timeoutMs`, and
 * `undefined` means it did not complete in time (the fiber is then
 * interrupted). `onTime` gets the real milliseconds an effect took that
 * completed in time but not at once.
 */
const awaitExit = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  timeoutMs: number,
  onTime?: (ms: number) => void
): Effect.Effect<Exit.Exit<A, E> | undefined, never, R> =>
  Effect.flatMap(Effect.forkDetach(effect, { startImmediately: true }), (fiber) => {
    const done = fiber.pollUnsafe()
    if (done !== undefined) return Effect.succeed(done)
    const started = performance.now()
    return Effect.callback<Exit.Exit<A, E> | undefined>((resume) => {
      const timer = setTimeout(() => {
        removeObserver()
        fiber.interruptUnsafe()
        resume(Effect.succeed(undefined))
      }, timeoutMs)
      const removeObserver = fiber.addObserver((exit) => {
        clearTimeout(timer)
        onTime?.(performance.now() - started)
        resume(Effect.succeed(exit))
      })
      return Effect.sync(() => {
        clearTimeout(timer)
        removeObserver()
        fiber.interruptUnsafe()
      })
    })
  })

const clockHint = "(does it wait on the Clock? the runner's TestClock only moves on ClockAdvance)"

/**
 * Opens the target for `config` and lets `drive` issue commands through
 * `execute`, one at a time, until it is done; then closes the target and
 * returns the run. Every command runs on both sides even after a
 * divergence, so the target's own history can be checked.
 *
 * A target that fails to open, fails or dies in `execute`, answers something
 * that is not a Response (see `plainAnswer.ts`: every answer is copied into
 * plain, verified data before anything reads it), returns something that is
 * not an Effect from `open` or `execute`, or does not answer within
 * `answerTimeoutMs` of real time has failed: that is a divergence at that
 * step, the run ends there (its `actual` then lacks that step's answer, and
 * `targetFailed` is true). A close that fails or hangs is a failure at the
 * last step. The runner itself never fails.
 */
export const runLockstep = (
  target: Target,
  config: Config,
  drive: (execute: LockstepExecute) => Effect.Effect<void>,
  options?: LockstepOptions
): Effect.Effect<Run> =>
  Effect.gen(function*() {
    const timeoutGiven = options?.answerTimeoutMs ?? answerTimeoutMsDefault
    const timeoutMs = options?.hungBefore === true ? answerTimeoutAfterHang(timeoutGiven, options.answerMsSlowest ?? 0) : timeoutGiven
    const within = timeoutMs === timeoutGiven
      ? `within ${showMs(timeoutMs)}`
      : `within ${showMs(timeoutMs)} (it hung before, so it no longer gets ${showMs(timeoutGiven)})`
    const commands: Array<Command> = []
    const expected: Array<Response> = []
    const actual: Array<Response> = []
    let divergence: Run["divergence"] = undefined
    let stopped = false
    let timedOut = false
    let answerMsSlowest = 0
    const timed = (ms: number): void => {
      if (ms > answerMsSlowest) answerMsSlowest = ms
    }

    const fail = (index: number, message: string): undefined => {
      stopped = true
      if (divergence === undefined) divergence = { step: index, message }
      return undefined
    }
    const hung = (index: number, what: string): undefined => {
      timedOut = true
      return fail(index, `target ${target.name} did not ${what} ${within} ${clockHint}`)
    }

    /** Opens the session, or says why it could not (and returns undefined). */
    const open = (scope: Scope.Scope): Effect.Effect<((command: Command) => unknown) | undefined> =>
      Effect.gen(function*() {
        let opening: unknown
        try {
          opening = target.open(config)
        } catch (error) {
          opening = Effect.die(error)
        }
        if (!isEffectSafe(opening)) {
          return fail(0, `target ${target.name}: open must return an Effect (got ${notAnEffect(opening)})`)
        }
        const opened = yield* awaitExit(Scope.provide(opening as Effect.Effect<TargetSession, never, Scope.Scope>, scope), timeoutMs, timed)
        if (opened === undefined) return hung(0, "open")
        if (Exit.isFailure(opened)) return fail(0, `target ${target.name} failed to open: ${causeLine(opened.cause)}`)
        const session: unknown = opened.value
        let executeOf: unknown
        try {
          executeOf = typeof session === "object" && session !== null ? (session as TargetSession).execute : undefined
        } catch {
          executeOf = undefined
        }
        if (typeof executeOf !== "function") {
          return fail(0, `target ${target.name}: open must return an Effect of a session with an execute function (got ${describeValue(session)})`)
        }
        return (command: Command) => Reflect.apply(executeOf as TargetSession["execute"], session, [command])
      })

    const record = (index: number, command: Command, answer: unknown): Response | undefined => {
      const plain = plainData(answer)
      if (plain._tag === "NotPlain") return notAResponse(index, command, plain.reason)
      const wanted = expected[index]
      // A copy equal to the model's answer is a Response; any other is checked.
      if (equalJson(wanted, plain.value)) {
        actual.push(plain.value as Response)
        return plain.value as Response
      }
      const checked = responseOfPlain(plain.value)
      if (checked._tag === "NotAResponse") return notAResponse(index, command, checked.reason)
      if (divergence === undefined) divergence = { step: index, message: describeDifference(wanted, checked.response) }
      actual.push(checked.response)
      return checked.response
    }

    const notAResponse = (index: number, command: Command, reason: string): undefined =>
      fail(index, `target ${target.name} answered ${command._tag} with something that is not a Response: ${reason}`)

    const failed = (index: number, command: Command, cause: Cause.Cause<unknown>): undefined =>
      fail(index, `target failed on ${command._tag}: ${causeLine(cause)}`)

    // The answer to the command in flight (always the last one recorded).
    const answered = (exit: Exit.Exit<unknown> | undefined): Response | undefined => {
      const index = commands.length - 1
      const command = commands[index]
      if (exit === undefined) return hung(index, `answer ${command._tag}`)
      return Exit.isSuccess(exit) ? record(index, command, exit.value) : failed(index, command, exit.cause)
    }

    const executeWith = (call: (command: Command) => unknown): LockstepExecute => (command) =>
      Effect.suspend(() => {
        if (stopped) return Effect.succeed(undefined)
        const index = commands.length
        const transition = step(model, command)
        model = transition.state
        commands.push(command)
        expected.push(transition.response)
        let answer: unknown
        try {
          answer = call(command)
        } catch (error) {
          return Effect.succeed(failed(index, command, Cause.die(error)))
        }
        if (!isEffectSafe(answer)) {
          return Effect.succeed(
            fail(index, `target ${target.name}: execute must return an Effect (got ${notAnEffect(answer)}) for ${command._tag}`)
          )
        }
        const handled = Effect.map(awaitExit(answer as Effect.Effect<unknown>, timeoutMs, timed), answered)
        return command._tag === "ClockAdvance" ? Effect.andThen(TestClock.adjust(command.ms), handled) : handled
      })

    let model = init(config)
    const scope = yield* Scope.make()
    const call = yield* open(scope)
    if (call !== undefined) yield* drive(executeWith(call))
    // The target is closed under the same watchdog: a close that fails, dies
    // or hangs is the target's failure, not the runner's.
    const closed = yield* awaitExit(Scope.close(scope, Exit.void), timeoutMs)
    const last = Math.max(0, commands.length - 1)
    if (closed === undefined) hung(last, "close")
    else if (Exit.isFailure(closed)) fail(last, `target ${target.name} failed to close: ${causeLine(closed.cause)}`)
    const run: Run = { commands, expected, actual, divergence, targetFailed: stopped, timedOut, answerMsSlowest }
    return run
  }).pipe(
    Effect.provide(TestClock.layer()),
    // One run is one tight loop: no cooperative yield every 2048 operations
    // (explicit yields, such as the TestClock's, still happen).
    Effect.provideService(Scheduler.PreventSchedulerYield, true)
  )
