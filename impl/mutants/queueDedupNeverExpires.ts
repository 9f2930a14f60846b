/**
 * `mutant:queue-dedup-never-expires`: the FIFO deduplication table is kept
 * without its interval (a dedup cache with no TTL): an id is suppressed
 * forever, so a legitimate resend after the window is acknowledged as a
 * duplicate and never enqueued, and listings remember ids long expired.
 * Breaks `DeduplicationWindowSuppresses`.
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { makeQueueDedupWith, QueueDedup } from "../queue/queueDedup.ts"
import type { Target } from "../target.ts"

/** Dedup tables that remember every id forever. */
export const queueDedupForeverLayer = Layer.effect(QueueDedup, makeQueueDedupWith(() => undefined))

/** The built-in broker with {@link queueDedupForeverLayer}. */
export const queueDedupNeverExpires: Target = makeBrokerTarget("mutant:queue-dedup-never-expires", { queueDedup: queueDedupForeverLayer })
