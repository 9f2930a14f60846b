/**
 * How a group's application writes to the log on its failures' behalf, as
 * the producer `dead-letter:<group>`: publishing a record to the group's
 * dead-letter topic exactly as a plain `ProducerSend` appends (Kafka's
 * partitioner: murmur2 of the key, else the producer's round-robin counter;
 * never with a lost acknowledgement), with the dead-letter header; and
 * redriving one back to its source partition (not re-partitioned), as a
 * plain record. Both go through the producers' transport to the log, at the
 * broker's clock.
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import type { TopicConfig } from "../../spec/config.ts"
import { type DeadLetterHeader, deadLetterProducerName } from "../../spec/failure.ts"
import type { LogRecord, PartitionOffset } from "../../spec/record.ts"
import { BrokerClock, type BrokerClockShape } from "../brokerClock.ts"
import type { LogStore } from "../logStore.ts"
import { Partitioner, type PartitionerShape } from "../partitioner.ts"
import { ProducerTransport, type ProducerTransportShape } from "../producer/transport.ts"
import type { DeadLetterEntry } from "./deadLetterLedger.ts"

/** A dead-letter record as published: where it went and the header it carries. */
export interface DeadLetterPublished {
  readonly deadLetter: PartitionOffset
  readonly header: DeadLetterHeader
}

/** The writes of the groups' applications to the log. */
export interface DeadLetterPublisherShape {
  /** Publishes `record` (its key and value) to `topic` with `header`, by `dead-letter:<header.group>`. */
  readonly publish: (topic: TopicConfig, record: LogRecord, header: DeadLetterHeader) => DeadLetterPublished
  /** Appends a dead-lettered record (its key and value, no header) to its source partition, by `dead-letter:<group>`; answers the new place. */
  readonly redrive: (group: string, entry: DeadLetterEntry) => PartitionOffset
}

/** Every service a publisher (or a mutant's) may use. */
export type DeadLetterPublisherServices = BrokerClock | Partitioner | ProducerTransport | LogStore

/** The publisher of the spec: plain sends through the producers' transport. */
export const deadLetterPublisherOf = (
  clock: BrokerClockShape,
  partitioner: PartitionerShape,
  transport: ProducerTransportShape
): DeadLetterPublisherShape => {
  /** A plain send of `key` and `value` to one partition, now. */
  const append = (
    producer: string,
    topic: string,
    partition: number,
    key: string | undefined,
    value: string,
    deadLetter?: DeadLetterHeader
  ): PartitionOffset => {
    const timestampMs = clock.nowMs()
    const answer = transport.send({ producer, topic, partition, key, value, timestampMs, stamp: undefined, transactional: false, deadLetter }, false)
    return { topic, partition, offset: answer.offset }
  }
  return {
    publish(topic, record, header) {
      const producer = deadLetterProducerName(header.group)
      const partition = partitioner.partition(producer, topic.name, topic.partitions, record.key)
      const deadLetter = append(producer, topic.name, partition, record.key, record.value, header)
      return { deadLetter, header }
    },
    redrive(group, entry) {
      return append(deadLetterProducerName(group), entry.topic, entry.partition, entry.key, entry.value)
    }
  }
}

/** {@link deadLetterPublisherOf} the broker's clock, partitioner and transport, as an Effect. */
export const makeDeadLetterPublisher: Effect.Effect<DeadLetterPublisherShape, never, BrokerClock | Partitioner | ProducerTransport> =
  Effect.gen(function*() {
    return deadLetterPublisherOf(yield* BrokerClock, yield* Partitioner, yield* ProducerTransport)
  })

/** The groups' applications writing to the log. */
export class DeadLetterPublisher extends Context.Service<DeadLetterPublisher, DeadLetterPublisherShape>()("qsem/impl/DeadLetterPublisher") {
  /** Plain sends through the producers' transport. */
  static readonly layer: Layer.Layer<DeadLetterPublisher, never, BrokerClock | Partitioner | ProducerTransport> = Layer.effect(
    DeadLetterPublisher,
    makeDeadLetterPublisher
  )
}
