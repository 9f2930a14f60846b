/**
 * `mutant:no-epoch-check`: the classic "zombie writer" bug (a transaction
 * coordinator that never compares a request's producer epoch with the
 * transactional id's current one). After another instance initialized, or
 * after the coordinator timed the transaction out, the older instance's
 * sends, offsets and commits still take effect. Breaks `ZombiesAreFenced`.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import type { Target } from "../target.ts"
import { makeTransactionCoordinator, TransactionCoordinator } from "../transaction/coordinator.ts"

/** A transaction coordinator whose epoch fence is off. */
export const coordinatorNoEpochCheckLayer = Layer.effect(
  TransactionCoordinator,
  Effect.map(makeTransactionCoordinator, (coordinator) => ({ ...coordinator, checkEpoch: () => undefined }))
)

/** The built-in broker with {@link coordinatorNoEpochCheckLayer}: zombies are not fenced. */
export const noEpochCheck: Target = makeBrokerTarget("mutant:no-epoch-check", {
  transactionCoordinator: coordinatorNoEpochCheckLayer
})
