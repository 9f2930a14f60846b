/**
 * `mutant:redrive-keeps-count`: a redriven message keeps its receive count
 * (a move task that copies the message's attributes along with its body):
 * back in its source it is already at `receiveCountMax`, so its first
 * receive there reports a count above 1 and one failure sends it straight
 * back to the dead-letter queue. Breaks `RedriveReturnsDeadLetters`.
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { RedrivePolicy, redrivePolicySqs } from "../queue/redrivePolicy.ts"
import type { Target } from "../target.ts"

/** A redrive policy whose redrive resets everything but the receive count. */
export const redrivePolicyKeepsCountLayer = Layer.succeed(RedrivePolicy, {
  ...redrivePolicySqs,
  redriven: (message) => ({ ...redrivePolicySqs.redriven(message), receiveCount: message.receiveCount })
})

/** The built-in broker with {@link redrivePolicyKeepsCountLayer}. */
export const redriveKeepsCount: Target = makeBrokerTarget("mutant:redrive-keeps-count", { redrivePolicy: redrivePolicyKeepsCountLayer })
