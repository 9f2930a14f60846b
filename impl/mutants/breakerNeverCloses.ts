/**
 * `mutant:breaker-never-closes`: a breaker without a half-open state (the
 * cool-down restarted by every attempt it holds back, instead of letting one
 * probe through): once open it never lets a call through, answering
 * `BreakerOpen` for ever with an `untilMs` that moves on, so the group stops
 * processing after the downstream came back. Breaks
 * `CircuitBreakerStopsRetryStorms` (a call after the cool-down is the
 * probe).
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { breakerRulesStandard, CircuitBreaker, makeCircuitBreakerWith } from "../failure/circuitBreaker.ts"
import type { Target } from "../target.ts"

/** Breakers that, open, restart their cool-down where the probe was due. */
export const breakerStuckLayer = Layer.effect(
  CircuitBreaker,
  makeCircuitBreakerWith({
    ...breakerRulesStandard,
    admit: (state, breaker, nowMs) =>
      state._tag === "Open" && nowMs >= state.openedAtMs + breaker.coolDownMs
        ? [{ _tag: "Held", untilMs: nowMs + breaker.coolDownMs }, { _tag: "Open", openedAtMs: nowMs }]
        : breakerRulesStandard.admit(state, breaker, nowMs)
  })
)

/** The built-in broker with {@link breakerStuckLayer}. */
export const breakerNeverCloses: Target = makeBrokerTarget("mutant:breaker-never-closes", { circuitBreaker: breakerStuckLayer })
