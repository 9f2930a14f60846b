/**
 * `mutant:dedup-window-expires-early`: the dedup store's TTL is set to half
 * the dedup window (a units or config slip), so an id is forgotten half-way
 * through its window and a redelivery inside the window applies the effect
 * again. Breaks `IdempotencyKeySkipsDuplicatesWithinTheWindow` and, in an
 * `effect-then-key` group with a window, `DedupEffectFirstCanDuplicate`.
 *
 * @module
 */
import { makeBrokerTarget } from "../builtin.ts"
import type { Target } from "../target.ts"
import { effectStoreWindowedLayer } from "./internal/effectStoreWindowed.ts"

/** An effect store that remembers each id for half its group's window (forever stays forever). */
export const effectStoreHalfWindowLayer = effectStoreWindowedLayer((windowMs) => windowMs === undefined ? undefined : windowMs / 2)

/** The built-in broker with {@link effectStoreHalfWindowLayer}. */
export const dedupWindowExpiresEarly: Target = makeBrokerTarget("mutant:dedup-window-expires-early", {
  effectStore: effectStoreHalfWindowLayer
})
