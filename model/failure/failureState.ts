/**
 * What the model holds per group with a `failure` config (spec/config.ts
 * `FailureConfig`) outside its members' processes: its downstream, its
 * circuit breaker and the ledger of its dead-letterings. A group without a
 * `failure` config has none (`undefined` in `ModelState.failures`), so its
 * steps never touch any of it. The attempts at records live in the members'
 * clients instead (see ./attempts.ts).
 *
 * @module
 */
import type { Breaker } from "./breaker.ts"
import { breakerClosed } from "./breaker.ts"
import type { DeadLetterLedger } from "./redrive.ts"
import { deadLetterLedgerEmpty } from "./redrive.ts"

/** One group's failure state. */
export interface FailureState {
  /** Whether the group's downstream is up (see ./downstream.ts). */
  readonly downstreamUp: boolean
  /** The group's breaker (it stays closed, count 0, in a group without a breaker). */
  readonly breaker: Breaker
  /** The records the group dead-lettered, in publish order, and how many of them it redrove. */
  readonly deadLetters: DeadLetterLedger
}

/** A group's failure state at init: downstream up, breaker closed, nothing dead-lettered. */
export const failureStateFresh = (): FailureState => ({ downstreamUp: true, breaker: breakerClosed, deadLetters: deadLetterLedgerEmpty() })
