/**
 * `mutant:visibility-expires-early`: a received message becomes visible
 * again after half its visibility timeout (a lease whose renewal point, at
 * half its time to live, is taken for its expiry): a slow consumer still
 * working on a message sees another consumer receive it, so two consumers
 * hold it in flight at once. Breaks `VisibilityTimeoutRedelivers`.
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { QueueVisibility } from "../queue/visibility.ts"
import type { Target } from "../target.ts"

/** Visibility that ends halfway through the timeout (at least 1 ms after the receive). */
export const visibilityHalfLayer = Layer.succeed(QueueVisibility, {
  inFlightUntilMs: (nowMs, visibilityTimeoutMs) => nowMs + Math.max(1, Math.floor(visibilityTimeoutMs / 2))
})

/** The built-in broker with {@link visibilityHalfLayer}. */
export const visibilityExpiresEarly: Target = makeBrokerTarget("mutant:visibility-expires-early", { queueVisibility: visibilityHalfLayer })
