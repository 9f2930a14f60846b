/**
 * `mutant:markers-take-no-offset`: the classic "invisible control record"
 * bug (a log that treats a transaction marker as metadata beside the log
 * instead of a record in it). Commit and abort answer the offset the marker
 * would have had, but nothing is stored there, so the next record takes that
 * offset and no reader can find where the transaction ended. Breaks
 * `TransactionsAreAtomic`.
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { LogStore, makeLogStoreWith } from "../logStore.ts"
import type { Target } from "../target.ts"

/** Logs whose markers end transactions but take no offset. */
export const logStoreMarkersUnstoredLayer = Layer.effect(LogStore, makeLogStoreWith("takes-no-offset"))

/** The built-in broker with {@link logStoreMarkersUnstoredLayer}: markers take no offset. */
export const markersTakeNoOffset: Target = makeBrokerTarget("mutant:markers-take-no-offset", {
  logStore: logStoreMarkersUnstoredLayer
})
