/**
 * `mutant:queue-dedup-ignored`: the FIFO queue records deduplication ids but
 * never checks them (a producer-side id the broker stores as a plain
 * attribute): a retried send within the window is enqueued again under a
 * fresh message id, so the consumers get the duplicate the id was meant to
 * suppress. Breaks `DeduplicationWindowSuppresses`.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { makeQueueDedup, QueueDedup } from "../queue/queueDedup.ts"
import type { Target } from "../target.ts"

/** Dedup tables whose lookups never find an id. */
export const queueDedupUncheckedLayer = Layer.effect(
  QueueDedup,
  Effect.map(makeQueueDedup, (dedup) => ({ ...dedup, lookup: () => undefined }))
)

/** The built-in broker with {@link queueDedupUncheckedLayer}. */
export const queueDedupIgnored: Target = makeBrokerTarget("mutant:queue-dedup-ignored", { queueDedup: queueDedupUncheckedLayer })
