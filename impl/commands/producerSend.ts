/**
 * `ProducerSend`: 1. `UnknownTopic`; 2. the partition (murmur2 for a key,
 * else the producer's round-robin counter); 3. append at the high watermark
 * with `timestampMs = nowMs`; answer `Sent`.
 *
 * @module
 */
import { Effect } from "effect"
import { BrokerClock } from "../brokerClock.ts"
import { BrokerConfig } from "../brokerConfig.ts"
import { LogStore } from "../logStore.ts"
import { Partitioner } from "../partitioner.ts"
import type { Handler } from "./handler.ts"

/** The `ProducerSend` handler. */
export const makeProducerSend = Effect.gen(function*() {
  const config = yield* BrokerConfig
  const clock = yield* BrokerClock
  const partitioner = yield* Partitioner
  const logs = yield* LogStore
  const handler: Handler<"ProducerSend", "Sent"> = (command) =>
    Effect.gen(function*() {
      const topic = yield* config.requireTopic(command.topic)
      const partition = yield* partitioner.partition(command.producer, topic.name, topic.partitions, command.key)
      const record = yield* logs.append(topic.name, partition, {
        producer: command.producer,
        key: command.key,
        value: command.value,
        timestampMs: yield* clock.nowMs
      })
      return { _tag: "Sent", topic: record.topic, partition: record.partition, offset: record.offset }
    })
  return handler
})
