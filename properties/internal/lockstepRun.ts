/**
 * One lockstep run as a plain state machine: the run's state in one object,
 * and a loop that issues each command of the program to the model and to the
 * target. A target's effect runs at once on a fiber of its own; when it
 * completes synchronously (the built-in broker's always do) the loop goes
 * straight on to the next command, with no timer, no promise and no
 * continuation. Only an effect that did not complete at once is watched by a
 * real-time timer, and the loop resumes when it completes (or the timer
 * fires). Every {@link yieldEveryMs} of synchronous running the loop gives
 * the event loop a turn, so a target's own timers, I/O callbacks and
 * unhandled rejections are seen while the run goes on.
 *
 * @module
 */
import { Cause, type Effect, Exit, type Fiber, Scope } from "effect"
import type { Target, TargetSession } from "../../impl/target.ts"
import { init, type ModelState, step } from "../../model/index.ts"
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import type { Response } from "../../spec/response.ts"
import { describeDifference } from "../format/difference.ts"
import { answerAgainst, responseOfPlain } from "../plainAnswer.ts"
import type { Program } from "../program.ts"
import type { Run } from "../run.ts"
import type { LockstepClock } from "./lockstepClock.ts"
import { causeLine, describeValue, isEffectSafe, notAnEffect } from "./targetValues.ts"

/** Starts an effect on a fiber of its own in the run's context (the runner's TestClock among its services). */
export type ForkIn = <A, E>(effect: Effect.Effect<A, E>) => Fiber.Fiber<A, E>

/** The watchdog's limits of one run. */
export interface RunTimeouts {
  /** Real milliseconds an open, an answer or a close may take when it does not come at once. */
  readonly timeoutMs: number
  /** How the timeout is said in a message: `within 10 s`, or why it is shorter. */
  readonly within: string
}

const clockHint = "(does it wait on the Clock? the runner's TestClock only moves on ClockAdvance)"

/** Real milliseconds a run's loop goes on synchronously before it gives the event loop a turn: 2. */
export const yieldEveryMs = 2

/**
 * The state of one lockstep run and the loop that drives it; see
 * `runLockstep` (`properties/lockstep.ts`) for what a run does and how a
 * target fails. Call {@link LockstepRun.start} once: `done` gets the run,
 * synchronously when every effect of the target completed at once.
 */
export class LockstepRun {
  private readonly commands: Array<Command> = []
  private readonly expected: Array<Response> = []
  private readonly actual: Array<Response> = []
  private divergence: Run["divergence"] = undefined
  private stopped = false
  private timedOut = false
  private answerMsSlowest = 0
  private model: ModelState
  /** The opened session and its `execute` (read once, when it opened). */
  private session: unknown = undefined
  private execute: TargetSession["execute"] | undefined = undefined
  /** The target's last answer, handed to the program as it asks for the next command. */
  private last: Response | undefined = undefined
  /** The fiber the run waits for, and the removal of its observer (undefined when nothing is in flight). */
  private inFlight: { readonly fiber: Fiber.Fiber<unknown, unknown>; readonly stop: () => void } | undefined = undefined
  private interrupted = false
  /** When the loop last gave the event loop a turn (real milliseconds), and the commands issued since it last looked at the time. */
  private yieldedAtMs = performance.now()
  private issuedSinceLook = 0

  constructor(
    private readonly target: Target,
    private readonly config: Config,
    private readonly program: Program,
    private readonly timeouts: RunTimeouts,
    private readonly fork: ForkIn,
    private readonly clock: LockstepClock,
    private readonly scope: Scope.Closeable,
    private readonly done: (run: Run) => void
  ) {
    this.model = init(config)
  }

  /** Opens the target and runs the program to its end (or the target's failure), then closes the target and hands over the run. */
  start(): void {
    let opening: unknown
    try {
      opening = this.target.open(this.config)
    } catch (error) {
      opening = Exit.die(error)
    }
    if (!isEffectSafe(opening)) {
      this.fail(0, `target ${this.target.name}: open must return an Effect (got ${notAnEffect(opening)})`)
      return this.close()
    }
    const opened = Scope.provide(opening as Effect.Effect<TargetSession, never, Scope.Scope>, this.scope)
    this.await(opened, true, (exit) => {
      if (this.opened(exit)) this.loop()
      else this.close()
    })
  }

  /** Stops the run from outside (its caller was interrupted): whatever is in flight is interrupted and the target closed. */
  interrupt(): void {
    if (this.interrupted) return
    this.interrupted = true
    this.stopped = true
    const inFlight = this.inFlight
    this.inFlight = undefined
    if (inFlight !== undefined) {
      inFlight.stop()
      inFlight.fiber.interruptUnsafe()
    }
    this.fork(Scope.close(this.scope, Exit.void))
  }

  /** Takes the opened session's `execute`, or says why the target failed to open (and answers false). */
  private opened(exit: Exit.Exit<TargetSession> | undefined): boolean {
    const name = this.target.name
    if (exit === undefined) return this.hung(0, "open")
    if (Exit.isFailure(exit)) return this.fail(0, `target ${name} failed to open: ${causeLine(exit.cause)}`)
    const session: unknown = exit.value
    let executeOf: unknown
    try {
      executeOf = typeof session === "object" && session !== null ? (session as TargetSession).execute : undefined
    } catch {
      executeOf = undefined
    }
    if (typeof executeOf !== "function") {
      return this.fail(0, `target ${name}: open must return an Effect of a session with an execute function (got ${describeValue(session)})`)
    }
    this.session = session
    this.execute = executeOf as TargetSession["execute"]
    return true
  }

  /** Issues the program's commands until it is done or the target failed; returns early when an answer is in flight (its completion resumes the loop). */
  private loop(): void {
    while (!this.stopped) {
      // The time is read every 16 commands only.
      if ((++this.issuedSinceLook & 15) === 0 && performance.now() - this.yieldedAtMs >= yieldEveryMs) {
        setImmediate(() => {
          this.yieldedAtMs = performance.now()
          this.loop()
        })
        return
      }
      const next = this.program.next(this.last as Response)
      if (next.done === true) break
      if (!this.issue(next.value)) return
    }
    if (!this.interrupted) this.close()
  }

  /** Runs one command on the model and then on the target; true when the target's answer (or failure) is already recorded, false while it is in flight. */
  private issue(command: Command): boolean {
    const index = this.commands.length
    const transition = step(this.model, command)
    this.model = transition.state
    this.commands.push(command)
    this.expected.push(transition.response)
    let answer: unknown
    try {
      answer = Reflect.apply(this.execute as TargetSession["execute"], this.session, [command])
    } catch (error) {
      this.failed(index, command, Cause.die(error))
      return true
    }
    if (!isEffectSafe(answer)) {
      this.fail(index, `target ${this.target.name}: execute must return an Effect (got ${notAnEffect(answer)}) for ${command._tag}`)
      return true
    }
    const effect = answer as Effect.Effect<unknown>
    if (command._tag !== "ClockAdvance") return this.answer(index, command, effect)
    // The clock moves before the target runs its ClockAdvance: at once, or by the TestClock's adjust (which yields).
    if (this.clock.advanceAtOnce(command.ms)) return this.answer(index, command, effect)
    const adjusting = this.fork(this.clock.adjust(command.ms))
    if (adjusting.pollUnsafe() !== undefined) return this.answer(index, command, effect)
    this.waitFor(adjusting, undefined, () => {
      if (this.answer(index, command, effect)) this.loop()
    })
    return false
  }

  /** Runs the target's answer to the command at `index`; true when it completed at once (and is recorded). */
  private answer(index: number, command: Command, effect: Effect.Effect<unknown>): boolean {
    const fiber = this.fork(effect)
    const exit = fiber.pollUnsafe()
    if (exit !== undefined) {
      this.answered(index, command, exit)
      return true
    }
    this.watch(fiber, true, (late) => {
      this.answered(index, command, late)
      this.loop()
    })
    return false
  }

  /** Records the exit of the target's answer to the command at `index` (`undefined`: it did not come in time). */
  private answered(index: number, command: Command, exit: Exit.Exit<unknown> | undefined): void {
    if (exit === undefined) this.hung(index, `answer ${command._tag}`)
    else if (Exit.isSuccess(exit)) this.record(index, command, exit.value)
    else this.failed(index, command, exit.cause)
  }

  /**
   * Records a target's answer: copied into plain, verified data first (see
   * `plainAnswer.ts`); a copy equal to the model's answer is a Response, any
   * other is checked, and the first one that differs is the divergence.
   */
  private record(index: number, command: Command, answer: unknown): void {
    const wanted = this.expected[index]
    const plain = answerAgainst(answer, wanted)
    switch (plain._tag) {
      case "Same":
        this.actual.push(wanted)
        this.last = wanted
        return
      case "NotPlain":
        this.notAResponse(index, command, plain.reason)
        return
      case "Plain": {
        if (plain.equal) {
          this.actual.push(plain.value as Response)
          this.last = plain.value as Response
          return
        }
        const checked = responseOfPlain(plain.value)
        if (checked._tag === "NotAResponse") {
          this.notAResponse(index, command, checked.reason)
          return
        }
        if (this.divergence === undefined) this.divergence = { step: index, message: describeDifference(wanted, checked.response) }
        this.actual.push(checked.response)
        this.last = checked.response
      }
    }
  }

  /** Closes the target under the watchdog (a close that fails, dies or hangs is the target's failure at the last step), then hands over the run. */
  private close(): void {
    this.await(Scope.close(this.scope, Exit.void), false, (closed) => {
      const last = Math.max(0, this.commands.length - 1)
      if (closed === undefined) this.hung(last, "close")
      else if (Exit.isFailure(closed)) this.fail(last, `target ${this.target.name} failed to close: ${causeLine(closed.cause)}`)
      if (this.interrupted) return
      this.done({
        commands: this.commands,
        expected: this.expected,
        actual: this.actual,
        divergence: this.divergence,
        targetFailed: this.stopped,
        timedOut: this.timedOut,
        answerMsSlowest: this.answerMsSlowest
      })
    })
  }

  /** Runs `effect` and hands its exit to `then`: at once when it completes synchronously, else when it completes or the watchdog fires (`undefined`). */
  private await<A, E>(effect: Effect.Effect<A, E>, timed: boolean, then: (exit: Exit.Exit<A, E> | undefined) => void): void {
    const fiber = this.fork(effect)
    const exit = fiber.pollUnsafe()
    if (exit !== undefined) then(exit)
    else this.watch(fiber, timed, then)
  }

  /**
   * Waits for a fiber that did not complete at once, raced against a
   * real-time watchdog: `then` gets its exit, or `undefined` when the
   * timeout passed first (the fiber is then interrupted). With `timed`, the
   * time it took counts towards the slowest answer.
   */
  private watch<A, E>(fiber: Fiber.Fiber<A, E>, timed: boolean, then: (exit: Exit.Exit<A, E> | undefined) => void): void {
    const started = performance.now()
    const timer = setTimeout(() => {
      this.inFlight?.stop()
      this.inFlight = undefined
      fiber.interruptUnsafe()
      then(undefined)
    }, this.timeouts.timeoutMs)
    this.waitFor(fiber, timer, (exit) => {
      if (timed) {
        const ms = performance.now() - started
        if (ms > this.answerMsSlowest) this.answerMsSlowest = ms
      }
      then(exit)
    })
  }

  /** Waits for a fiber with no watchdog of its own (`timer`, when given, is cleared once it completes). */
  private waitFor<A, E>(fiber: Fiber.Fiber<A, E>, timer: ReturnType<typeof setTimeout> | undefined, then: (exit: Exit.Exit<A, E>) => void): void {
    const stop = fiber.addObserver((exit) => {
      if (timer !== undefined) clearTimeout(timer)
      this.inFlight = undefined
      if (!this.interrupted) then(exit)
    })
    this.inFlight = {
      fiber: fiber as Fiber.Fiber<unknown, unknown>,
      stop: () => {
        if (timer !== undefined) clearTimeout(timer)
        stop()
      }
    }
  }

  /** The run stops at a target failure; the first one is the divergence. Answers false (no answer recorded). */
  private fail(index: number, message: string): false {
    this.stopped = true
    if (this.divergence === undefined) this.divergence = { step: index, message }
    return false
  }

  private hung(index: number, what: string): false {
    this.timedOut = true
    return this.fail(index, `target ${this.target.name} did not ${what} ${this.timeouts.within} ${clockHint}`)
  }

  private notAResponse(index: number, command: Command, reason: string): false {
    return this.fail(index, `target ${this.target.name} answered ${command._tag} with something that is not a Response: ${reason}`)
  }

  private failed(index: number, command: Command, cause: Cause.Cause<unknown>): void {
    this.fail(index, `target failed on ${command._tag}: ${causeLine(cause)}`)
  }
}
