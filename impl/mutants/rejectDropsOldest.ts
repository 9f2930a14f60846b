/**
 * `mutant:reject-drops-oldest`: a `reject` queue behaves as `drop-oldest`.
 * RabbitMQ's `x-overflow` defaults to `drop-head`: a queue declared with
 * `x-max-length` whose `x-overflow: reject-publish` was lost on the way (a
 * policy that sets only the length, an argument misspelled) silently
 * discards its oldest ready message to make room, and the publisher, which
 * expected a nack, gets a confirm. A send to a full `reject` queue is
 * answered `Enqueued` with the first visible message `dropped` instead of
 * `SendRejected`: a loss the producer never hears of. Breaks
 * `OverflowIsKnownToTheProducer`.
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { overflowConfigured, QueueOverflowPolicy } from "../queue/overflow.ts"
import type { Target } from "../target.ts"

/** The configured overflow rule, with `reject` read as `drop-oldest`. */
export const rejectAsDropOldestLayer = Layer.succeed(QueueOverflowPolicy, {
  overflowOf: (queue, messages, nowMs) =>
    overflowConfigured.overflowOf(queue.overflow === "reject" ? { ...queue, overflow: "drop-oldest" } : queue, messages, nowMs)
})

/** The built-in broker with {@link rejectAsDropOldestLayer}. */
export const rejectDropsOldest: Target = makeBrokerTarget("mutant:reject-drops-oldest", { queueOverflow: rejectAsDropOldestLayer })
