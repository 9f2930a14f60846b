/**
 * `mutant:ignore-unstable-offsets`: the classic "zombie commits after the new
 * owner" bug, a broker from before KIP-447 whose `read_committed` fetch does
 * not wait on pending transactional offsets. A member z processes an input in
 * a transaction and sends its offsets; a rebalance hands the partition to a
 * member a, whose first poll should wait while z's transaction is open (its
 * offsets are unstable). This broker lets a read from the last committed
 * offset at once: a processes the same input and commits its own
 * transaction; then z (now a zombie, whose producer nobody fenced) commits
 * too, and the input has two committed results. Breaks
 * `ExactlyOnceWithinTheBroker`.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { makeOffsetStore, OffsetStore } from "../offsetStore.ts"
import type { Target } from "../target.ts"

/** An offset store that reports no unstable offsets: open transactions' offsets never hold a `read_committed` poll. */
export const offsetStoreNoUnstableLayer = Layer.effect(
  OffsetStore,
  Effect.map(makeOffsetStore, (store) => ({ ...store, unstableOf: () => () => false }))
)

/** The built-in broker with {@link offsetStoreNoUnstableLayer}: a new owner reads past an open transaction's offsets. */
export const ignoreUnstableOffsets: Target = makeBrokerTarget("mutant:ignore-unstable-offsets", {
  offsetStore: offsetStoreNoUnstableLayer
})
