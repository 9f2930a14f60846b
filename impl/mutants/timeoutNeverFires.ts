/**
 * `mutant:timeout-never-fires`: the classic "hanging transaction" bug (a
 * coordinator whose transaction timeout is never enforced). A producer that
 * crashed mid-transaction and never came back leaves its transaction open
 * for ever: the last stable offset of its partitions never moves, so
 * `read_committed` readers stall behind it, and offsets it sent keep a new
 * owner waiting. Breaks `ExactlyOnceWithinTheBroker` (the drain cannot read
 * the inputs after it).
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import type { Target } from "../target.ts"
import { makeTransactionCoordinator, TransactionCoordinator } from "../transaction/coordinator.ts"

/** A transaction coordinator that never times a transaction out. */
export const coordinatorNoTimeoutLayer = Layer.effect(
  TransactionCoordinator,
  Effect.map(makeTransactionCoordinator, (coordinator) => ({ ...coordinator, expire: () => [] }))
)

/** The built-in broker with {@link coordinatorNoTimeoutLayer}: open transactions never time out. */
export const timeoutNeverFires: Target = makeBrokerTarget("mutant:timeout-never-fires", {
  transactionCoordinator: coordinatorNoTimeoutLayer
})
