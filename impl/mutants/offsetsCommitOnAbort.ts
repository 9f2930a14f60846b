/**
 * `mutant:offsets-commit-on-abort`: the classic "half-aborted transaction"
 * bug (a group coordinator that, on the transaction's end marker, moves the
 * pending offsets into the committed ones without looking at whether the
 * marker says commit or abort). An aborted transaction's records vanish but
 * its consumed offsets stay committed, so its inputs are never processed
 * again. Breaks `TransactionsAreAtomic`.
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { makeOffsetStoreWith, OffsetStore } from "../offsetStore.ts"
import type { Target } from "../target.ts"

/** An offset store that commits a transaction's offsets however it ends. */
export const offsetStoreCommitsOnAbortLayer = Layer.effect(OffsetStore, makeOffsetStoreWith(() => true))

/** The built-in broker with {@link offsetStoreCommitsOnAbortLayer}: aborted transactions' offsets are committed. */
export const offsetsCommitOnAbort: Target = makeBrokerTarget("mutant:offsets-commit-on-abort", {
  offsetStore: offsetStoreCommitsOnAbortLayer
})
