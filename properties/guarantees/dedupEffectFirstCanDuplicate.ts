/**
 * DedupEffectFirstCanDuplicate: an `effect-then-key` consumer applies an
 * effect twice within its window when it crashes between applying the
 * effect and recording the key, and only then.
 *
 * @module
 */
import type { GuaranteeCheck } from "./check.ts"
import { dedupWriteOrderCheck } from "./internal/dedupWriteOrders.ts"

/** The checker of DedupEffectFirstCanDuplicate. */
export const dedupEffectFirstCanDuplicate: GuaranteeCheck = dedupWriteOrderCheck("DedupEffectFirstCanDuplicate", "effect-then-key")
