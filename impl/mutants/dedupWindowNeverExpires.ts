/**
 * `mutant:dedup-window-never-expires`: the dedup store is created without
 * its TTL, so ids are remembered forever: a redelivery after the window is
 * still skipped, and the store lists ids long expired. Breaks
 * `DedupWindowExpiryReapplies`.
 *
 * @module
 */
import { makeBrokerTarget } from "../builtin.ts"
import type { Target } from "../target.ts"
import { effectStoreWindowedLayer } from "./internal/effectStoreWindowed.ts"

/** An effect store that ignores the dedup windows. */
export const effectStoreNoWindowLayer = effectStoreWindowedLayer(() => undefined)

/** The built-in broker with {@link effectStoreNoWindowLayer}. */
export const dedupWindowNeverExpires: Target = makeBrokerTarget("mutant:dedup-window-never-expires", {
  effectStore: effectStoreNoWindowLayer
})
