/**
 * A group's circuit breaker on its downstream (spec/config.ts
 * `BreakerConfig`): closed with a count of consecutive failed downstream
 * calls, or open since a clock. Open, it holds attempts back until its
 * cool-down has passed; the next call after that is the half-open probe,
 * decided within that one `ConsumerProcess`: its failure opens the breaker
 * again from then, its success closes it.
 *
 * @module
 */
import type { BreakerConfig } from "../../spec/config.ts"

/** A breaker: `Closed` with the consecutive failed calls so far, or `Open` since `openedAtMs`. */
export type Breaker =
  | { readonly _tag: "Closed"; readonly failures: number }
  | { readonly _tag: "Open"; readonly openedAtMs: number }

/** A closed breaker with no failed call counted: where every breaker starts, and where a successful call leaves it. */
export const breakerClosed: Breaker = { _tag: "Closed", failures: 0 }

/**
 * When the breaker holds attempts back at `nowMs` (open and its cool-down
 * not passed: `nowMs < openedAtMs + coolDownMs`), the end of its cool-down
 * (`BreakerOpen`'s `untilMs`); otherwise -1 (the attempt may call the
 * downstream, as the probe when the breaker is open).
 */
export const breakerHeldUntilMs = (breaker: Breaker, config: BreakerConfig, nowMs: number): number => {
  if (breaker._tag === "Closed") return -1
  const untilMs = breaker.openedAtMs + config.coolDownMs
  return nowMs < untilMs ? untilMs : -1
}

/**
 * The breaker after a downstream call at `nowMs` (never made while it holds
 * attempts back): a success closes it with the count reset; a failure of the
 * probe opens it again at `nowMs`; a failure while closed counts, and the
 * `failuresMax`-th consecutive one opens it at `nowMs`.
 */
export const breakerAfterCall = (breaker: Breaker, config: BreakerConfig, succeeded: boolean, nowMs: number): Breaker => {
  if (succeeded) return breaker._tag === "Closed" && breaker.failures === 0 ? breaker : breakerClosed
  if (breaker._tag === "Open") return { _tag: "Open", openedAtMs: nowMs }
  const failures = breaker.failures + 1
  return failures >= config.failuresMax ? { _tag: "Open", openedAtMs: nowMs } : { _tag: "Closed", failures }
}
