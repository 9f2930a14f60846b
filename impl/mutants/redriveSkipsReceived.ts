/**
 * `mutant:redrive-skips-received`: a redrive that leaves in the dead-letter
 * queue every message a consumer received there, even one that consumer
 * released since (a move task that reads "delivered before" as "in use", as
 * RabbitMQ's `redelivered` flag would suggest): once someone has triaged a
 * message, redriving the dead-letter queue never returns it, and the answer
 * does not list it. Breaks `RedriveReturnsDeadLetters`.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { QueueConfigs } from "../queue/queueConfigs.ts"
import { RedrivePolicy, redrivePolicySqs } from "../queue/redrivePolicy.ts"
import type { Target } from "../target.ts"

/**
 * A redrive policy whose redrive skips a message received in the dead-letter
 * queue: one whose receive count is above its source's `receiveCountMax`
 * (the count it arrived with, since every receive counts).
 */
export const redrivePolicySkipsReceivedLayer = Layer.effect(
  RedrivePolicy,
  Effect.gen(function*() {
    const configs = yield* QueueConfigs
    return {
      ...redrivePolicySqs,
      redrivable: (message, movedBefore) =>
        redrivePolicySqs.redrivable(message, movedBefore) &&
        message.receiveCount <= (configs.queue(message.source ?? "")?.receiveCountMax ?? 0)
    }
  })
)

/** The built-in broker with {@link redrivePolicySkipsReceivedLayer}. */
export const redriveSkipsReceived: Target = makeBrokerTarget("mutant:redrive-skips-received", { redrivePolicy: redrivePolicySkipsReceivedLayer })
