/**
 * `mutant:dead-letter-drops`: a move to the dead-letter queue drops the
 * message (a redrive policy that names a dead-letter queue the broker
 * cannot write to, or a dead-letter exchange with no queue bound to it, as
 * RabbitMQ does when `x-dead-letter-exchange` routes nowhere): the move is
 * reported, but the dead-letter queue never gets the message, so a poison
 * message is simply gone. Breaks `QueueNoLossUnderAtLeastOnce`.
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { RedrivePolicy, redrivePolicySqs } from "../queue/redrivePolicy.ts"
import type { Target } from "../target.ts"

/** A redrive policy whose moves lose the message on the way. */
export const redrivePolicyDropsLayer = Layer.succeed(RedrivePolicy, { ...redrivePolicySqs, deadLettered: () => undefined })

/** The built-in broker with {@link redrivePolicyDropsLayer}. */
export const deadLetterDrops: Target = makeBrokerTarget("mutant:dead-letter-drops", { redrivePolicy: redrivePolicyDropsLayer })
