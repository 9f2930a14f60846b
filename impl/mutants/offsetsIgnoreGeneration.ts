/**
 * `mutant:offsets-ignore-generation`: the classic "zombie consumer offsets"
 * bug (a group coordinator that accepts a transactional offset commit
 * without the KIP-447 group metadata check: neither the member id nor the
 * generation). A consumer whose session expired, or that missed a
 * rebalance, still adds offsets to its producer's transaction, and its
 * commit moves the offsets of partitions now owned by someone else. Breaks
 * `ZombiesAreFenced` and, through the moved offsets, `ExactlyOnceWithinTheBroker`.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { GroupCoordinator, makeGroupCoordinator } from "../groupCoordinator.ts"
import type { Target } from "../target.ts"

/** A group coordinator whose check of transactional offsets (checks 8 and 9 of `TxnSendOffsets`) is off. */
export const coordinatorTxnOffsetsUncheckedLayer = Layer.effect(
  GroupCoordinator,
  Effect.map(makeGroupCoordinator, (coordinator) => ({ ...coordinator, validateTxnOffsets: () => Effect.void }))
)

/** The built-in broker with {@link coordinatorTxnOffsetsUncheckedLayer}: zombie consumers send offsets. */
export const offsetsIgnoreGeneration: Target = makeBrokerTarget("mutant:offsets-ignore-generation", {
  groupCoordinator: coordinatorTxnOffsetsUncheckedLayer
})
