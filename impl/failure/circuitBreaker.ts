/**
 * The circuit breaker on each group's downstream (spec/config.ts
 * `BreakerConfig`): one per group, shared by its members and kept outside
 * their processes, so a crash does not reset it. Closed, every attempt calls
 * the downstream, and `failuresMax` consecutive failed calls open it at the
 * clock of the last one; open, attempts do not call until `coolDownMs` has
 * passed since it opened; then the next call is the half-open probe, whose
 * success closes it (count 0) and whose failure opens it again from then.
 * Time is the broker's clock.
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import type { BreakerConfig } from "../../spec/config.ts"
import { BrokerClock, type BrokerClockShape } from "../brokerClock.ts"

/** A group's breaker: closed with its count of consecutive failed calls, or open since a clock. */
export type BreakerState =
  | { readonly _tag: "Closed"; readonly failures: number }
  | { readonly _tag: "Open"; readonly openedAtMs: number }

/** Whether an attempt may call the downstream now (closed, or the half-open probe), or is held back until `untilMs`. */
export type Admission =
  | { readonly _tag: "Call" }
  | { readonly _tag: "Held"; readonly untilMs: number }

/**
 * How a breaker moves: pure functions of its state, its config and the
 * clock. The correct rules are {@link breakerRulesStandard}; mutants swap in
 * broken ones.
 */
export interface BreakerRules {
  /** Whether an attempt at `nowMs` may call the downstream, and the breaker afterwards. */
  readonly admit: (state: BreakerState, breaker: BreakerConfig, nowMs: number) => readonly [Admission, BreakerState]
  /** The breaker after a failed call at `nowMs` (the call was admitted). */
  readonly failed: (state: BreakerState, breaker: BreakerConfig, nowMs: number) => BreakerState
  /** The breaker after a successful call (the call was admitted). */
  readonly succeeded: (state: BreakerState, breaker: BreakerConfig) => BreakerState
}

/** A closed breaker that counted no failure. */
export const breakerClosed: BreakerState = { _tag: "Closed", failures: 0 }

const call: Admission = { _tag: "Call" }

/** The rules of the spec (see spec/config.ts `BreakerConfig` and spec/command/consumer.ts step 3a). */
export const breakerRulesStandard: BreakerRules = {
  admit(state, breaker, nowMs) {
    return state._tag === "Open" && nowMs < state.openedAtMs + breaker.coolDownMs
      ? [{ _tag: "Held", untilMs: state.openedAtMs + breaker.coolDownMs }, state]
      : [call, state]
  },
  failed(state, breaker, nowMs) {
    // Open here means the call was the half-open probe: its failure opens the breaker again.
    if (state._tag === "Open") return { _tag: "Open", openedAtMs: nowMs }
    const failures = state.failures + 1
    return failures >= breaker.failuresMax ? { _tag: "Open", openedAtMs: nowMs } : { _tag: "Closed", failures }
  },
  succeeded() {
    return breakerClosed
  }
}

/** The groups' breakers (every method names a group and its breaker config; a group never touched is closed). */
export interface CircuitBreakerShape {
  /** Whether an attempt now may call the group's downstream (closed, or the half-open probe), or is held back. */
  readonly admit: (group: string, breaker: BreakerConfig) => Admission
  /** Counts a failed downstream call made now. */
  readonly failed: (group: string, breaker: BreakerConfig) => void
  /** Counts a successful downstream call: the breaker closes. */
  readonly succeeded: (group: string, breaker: BreakerConfig) => void
}

/** Breakers (all closed) that move by `rules`, on the broker's clock. */
export const circuitBreakerOf = (clock: BrokerClockShape, rules: BreakerRules = breakerRulesStandard): CircuitBreakerShape => {
  const states = new Map<string, BreakerState>()
  const stateOf = (group: string): BreakerState => states.get(group) ?? breakerClosed
  return {
    admit(group, breaker) {
      const [admission, after] = rules.admit(stateOf(group), breaker, clock.nowMs())
      states.set(group, after)
      return admission
    },
    failed(group, breaker) {
      states.set(group, rules.failed(stateOf(group), breaker, clock.nowMs()))
    },
    succeeded(group, breaker) {
      states.set(group, rules.succeeded(stateOf(group), breaker))
    }
  }
}

/** {@link circuitBreakerOf} the broker's clock, as an Effect. */
export const makeCircuitBreakerWith = (rules: BreakerRules): Effect.Effect<CircuitBreakerShape, never, BrokerClock> =>
  Effect.gen(function*() {
    return circuitBreakerOf(yield* BrokerClock, rules)
  })

/** The groups' circuit breakers. */
export class CircuitBreaker extends Context.Service<CircuitBreaker, CircuitBreakerShape>()("qsem/impl/CircuitBreaker") {
  /** Breakers that follow the spec's rules, on the broker's clock. */
  static readonly layer: Layer.Layer<CircuitBreaker, never, BrokerClock> = Layer.effect(
    CircuitBreaker,
    makeCircuitBreakerWith(breakerRulesStandard)
  )
}
