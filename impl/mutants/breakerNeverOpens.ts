/**
 * `mutant:breaker-never-opens`: a breaker whose failure counter is never
 * fed (the failures counted on another instance, or the threshold
 * compared the wrong way): it stays closed whatever fails, so every attempt
 * calls the dead downstream and the retry storm goes on. Breaks
 * `CircuitBreakerStopsRetryStorms`.
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { breakerRulesStandard, CircuitBreaker, makeCircuitBreakerWith } from "../failure/circuitBreaker.ts"
import type { Target } from "../target.ts"

/** Breakers that ignore failed calls. */
export const breakerBlindLayer = Layer.effect(
  CircuitBreaker,
  makeCircuitBreakerWith({ ...breakerRulesStandard, failed: (state) => state })
)

/** The built-in broker with {@link breakerBlindLayer}. */
export const breakerNeverOpens: Target = makeBrokerTarget("mutant:breaker-never-opens", { circuitBreaker: breakerBlindLayer })
