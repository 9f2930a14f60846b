/**
 * `mutant:redrive-partial`: a redrive that moves only the first message of
 * the dead-letter queue back to its source (a move task that stops after its
 * first batch, of one): the others stay in the dead-letter queue, and the
 * answer lists only the one it moved, so an operator who redrove believes
 * the dead-letter queue was emptied. Breaks `RedriveReturnsDeadLetters`.
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { RedrivePolicy, redrivePolicySqs } from "../queue/redrivePolicy.ts"
import type { Target } from "../target.ts"

/** A redrive policy whose redrive moves one message at most. */
export const redrivePolicyPartialLayer = Layer.succeed(RedrivePolicy, {
  ...redrivePolicySqs,
  redrivable: (message, movedBefore) => movedBefore === 0 && redrivePolicySqs.redrivable(message, movedBefore)
})

/** The built-in broker with {@link redrivePolicyPartialLayer}. */
export const redrivePartial: Target = makeBrokerTarget("mutant:redrive-partial", { redrivePolicy: redrivePolicyPartialLayer })
