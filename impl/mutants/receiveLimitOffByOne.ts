/**
 * `mutant:receive-limit-off-by-one`: the redrive check compares with `>`
 * where it needs `>=` (`receiveCount > receiveCountMax`), so a message moves
 * to the dead-letter queue only after `receiveCountMax + 1` receives: a
 * poison message is delivered once more than configured, and a `Received`
 * reports a receive count above `receiveCountMax`. Breaks
 * `PoisonMessagesEndInTheDeadLetterQueue`.
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { RedrivePolicy, redrivePolicySqs } from "../queue/redrivePolicy.ts"
import type { Target } from "../target.ts"

/** A redrive policy that lets one receive more through. */
export const redrivePolicyOffByOneLayer = Layer.succeed(RedrivePolicy, {
  ...redrivePolicySqs,
  exhausted: (queue, receiveCount) => queue.receiveCountMax !== undefined && receiveCount > queue.receiveCountMax
})

/** The built-in broker with {@link redrivePolicyOffByOneLayer}. */
export const receiveLimitOffByOne: Target = makeBrokerTarget("mutant:receive-limit-off-by-one", { redrivePolicy: redrivePolicyOffByOneLayer })
