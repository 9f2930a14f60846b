/**
 * DedupKeyFirstCanLoseEffects: a `key-then-effect` consumer loses an effect
 * when it crashes between recording the key and applying the effect (the
 * redelivery is skipped), and only then.
 *
 * @module
 */
import type { GuaranteeCheck } from "./check.ts"
import { dedupWriteOrderCheck } from "./internal/dedupWriteOrders.ts"

/** The checker of DedupKeyFirstCanLoseEffects. */
export const dedupKeyFirstCanLoseEffects: GuaranteeCheck = dedupWriteOrderCheck("DedupKeyFirstCanLoseEffects", "key-then-effect")
