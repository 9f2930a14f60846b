/**
 * `mutant:redrive-drops`: a redrive that reports before it writes (the
 * records marked redriven, their sends never flushed): `DeadLetterRedrive`
 * answers every record as redriven, each with the place a real append
 * would have used (its source partition's high watermark), but appends
 * nothing, and the application forgets them. Breaks
 * `RedrivenDeadLettersAreProcessed`.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { DeadLetterPublisher, makeDeadLetterPublisher } from "../failure/deadLetterPublisher.ts"
import { LogStore } from "../logStore.ts"
import type { Target } from "../target.ts"

/** A publisher whose redrives append nothing. */
export const redriveLostLayer = Layer.effect(
  DeadLetterPublisher,
  Effect.gen(function*() {
    const publisher = yield* makeDeadLetterPublisher
    const logs = yield* LogStore
    return {
      ...publisher,
      redrive: (_group, entry) => ({
        topic: entry.topic,
        partition: entry.partition,
        offset: logs.snapshot().highWatermark(entry.topic, entry.partition)
      })
    }
  })
)

/** The built-in broker with {@link redriveLostLayer}. */
export const redriveDrops: Target = makeBrokerTarget("mutant:redrive-drops", { deadLetterPublisher: redriveLostLayer })
