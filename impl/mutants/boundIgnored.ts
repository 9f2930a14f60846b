/**
 * `mutant:bound-ignored`: the bound never applies. In RabbitMQ a queue's
 * `max-length` and `overflow` usually come from a policy, matched to queue
 * names by a regular expression; a pattern that does not match the queue's
 * name (`^orders\.` for a queue named `orders-in`) leaves the queue
 * unbounded, and nobody notices until the backlog fills the broker's memory.
 * Every send is stored: a full `block` or `reject` queue never tells its
 * producer to wait or that it refused, so the backpressure the config asked
 * for never reaches the producer (and a `drop-*` queue drops nothing).
 * Breaks `OverflowIsKnownToTheProducer`.
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { QueueOverflowPolicy } from "../queue/overflow.ts"
import type { Target } from "../target.ts"

/** An overflow rule under which no queue is ever full. */
export const overflowIgnoredLayer = Layer.succeed(QueueOverflowPolicy, {
  overflowOf: () => ({ _tag: "Store" })
})

/** The built-in broker with {@link overflowIgnoredLayer}. */
export const boundIgnored: Target = makeBrokerTarget("mutant:bound-ignored", { queueOverflow: overflowIgnoredLayer })
