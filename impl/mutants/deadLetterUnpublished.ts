/**
 * `mutant:dead-letter-unpublished`: a dead-letter publish whose send is
 * never awaited (fire and forget, and the producer closed before it
 * flushed): the application believes the record went to the dead-letter
 * topic, answers `ProcessDeadLettered` with the place a real publish would
 * have used (the partition its partitioner chose, the partition's high
 * watermark), commits past the original, and the record is gone. Breaks
 * `DeadLettersAreNeverLost`.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { deadLetterProducerName } from "../../spec/failure.ts"
import { makeBrokerTarget } from "../builtin.ts"
import { DeadLetterPublisher, makeDeadLetterPublisher } from "../failure/deadLetterPublisher.ts"
import { LogStore } from "../logStore.ts"
import { Partitioner } from "../partitioner.ts"
import type { Target } from "../target.ts"

/** A publisher whose dead-letter publishes append nothing (redrives still append). */
export const publishLostLayer = Layer.effect(
  DeadLetterPublisher,
  Effect.gen(function*() {
    const publisher = yield* makeDeadLetterPublisher
    const partitioner = yield* Partitioner
    const logs = yield* LogStore
    return {
      ...publisher,
      publish: (topic, record, header) => {
        const partition = partitioner.partition(deadLetterProducerName(header.group), topic.name, topic.partitions, record.key)
        const offset = logs.snapshot().highWatermark(topic.name, partition)
        return { deadLetter: { topic: topic.name, partition, offset }, header }
      }
    }
  })
)

/** The built-in broker with {@link publishLostLayer}. */
export const deadLetterUnpublished: Target = makeBrokerTarget("mutant:dead-letter-unpublished", { deadLetterPublisher: publishLostLayer })
