/**
 * `mutant:dead-letter-attempts-wrong`: an off-by-one in the attempt count a
 * dead-letter header carries (the number of retries written where the
 * number of attempts was meant): the header's `attempts`, and the answer's,
 * are one less than the attempts made (never below 0). Whoever reads the
 * dead-letter topic to decide on a redrive is told the record was tried
 * less than it was. Breaks `DeadLettersAreNeverLost` (its `attempts` must
 * be `attemptsMax`, or the attempts made before an open breaker).
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { DeadLetterPublisher, makeDeadLetterPublisher } from "../failure/deadLetterPublisher.ts"
import type { Target } from "../target.ts"

/** A publisher that writes one attempt too few into the header. */
export const attemptsOffByOneLayer = Layer.effect(
  DeadLetterPublisher,
  Effect.map(makeDeadLetterPublisher, (publisher) => ({
    ...publisher,
    publish: (topic, record, header) => publisher.publish(topic, record, { ...header, attempts: Math.max(0, header.attempts - 1) })
  }))
)

/** The built-in broker with {@link attemptsOffByOneLayer}. */
export const deadLetterAttemptsWrong: Target = makeBrokerTarget("mutant:dead-letter-attempts-wrong", {
  deadLetterPublisher: attemptsOffByOneLayer
})
