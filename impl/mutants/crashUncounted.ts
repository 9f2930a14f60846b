/**
 * `mutant:crash-uncounted`: a crashed consumer's receives do not count
 * (RabbitMQ classic queues, before quorum queues' `delivery-limit`: a
 * message requeued because its consumer's channel closed is not counted as
 * a delivery): each message whose latest receipt the crashed consumer held
 * gets its receive count back down by one, so a poison message that crashes
 * every consumer that takes it is redelivered forever and never reaches the
 * dead-letter queue; the next `Received` shows the count not going up.
 * Breaks `PoisonMessagesEndInTheDeadLetterQueue`.
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { RedrivePolicy, redrivePolicySqs } from "../queue/redrivePolicy.ts"
import type { Target } from "../target.ts"

/** A redrive policy that takes a crashed consumer's receives back. */
export const redrivePolicyCrashUncountedLayer = Layer.succeed(RedrivePolicy, {
  ...redrivePolicySqs,
  crashed: (message) => ({ ...message, receiveCount: Math.max(0, message.receiveCount - 1) })
})

/** The built-in broker with {@link redrivePolicyCrashUncountedLayer}. */
export const crashUncounted: Target = makeBrokerTarget("mutant:crash-uncounted", { redrivePolicy: redrivePolicyCrashUncountedLayer })
