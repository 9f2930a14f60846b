/**
 * `mutant:bound-counts-in-flight`: the bound counts every message the queue
 * holds, those in flight with a consumer included, where the spec (after
 * RabbitMQ, whose `x-max-length` counts ready messages only) counts visible
 * ones. It is the bound one writes to protect the broker's memory, and it
 * turns slow consumers into refused producers: while consumers hold
 * messages, a queue with room blocks or rejects sends (and a drop queue
 * drops, starting with a message a consumer is working on). Breaks
 * `OverflowIsKnownToTheProducer` (a refusal while the queue had room).
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { overflowConfigured, QueueOverflowPolicy } from "../queue/overflow.ts"
import type { Target } from "../target.ts"

/** The configured overflow rule, judged as if no message were in flight (every held message counts). */
export const boundCountsInFlightLayer = Layer.succeed(QueueOverflowPolicy, {
  overflowOf: (queue, messages) => overflowConfigured.overflowOf(queue, messages, Number.MAX_SAFE_INTEGER)
})

/** The built-in broker with {@link boundCountsInFlightLayer}. */
export const boundCountsInFlight: Target = makeBrokerTarget("mutant:bound-counts-in-flight", { queueOverflow: boundCountsInFlightLayer })
