/**
 * `ProducerSend`: a producer appends one record to a topic, on the partition
 * its key hashes to (murmur2) or, without a key, on the next partition of the
 * producer's round-robin counter for the topic.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import type { LogRecord } from "../../spec/record.ts"
import { appendRecord, highWatermark } from "../log.ts"
import { choosePartition } from "../partitioner.ts"
import type { ModelState, Transition } from "../state.ts"
import { withTopic } from "../state.ts"

/** Runs `ProducerSend`: `UnknownTopic`, else the record is appended; answers `Sent`. */
export const producerSend = (state: ModelState, command: CommandOf<"ProducerSend">): Transition => {
  const topicIndex = state.world.topicIndex.get(command.topic)
  if (topicIndex === undefined) return { state, response: { _tag: "UnknownTopic", topic: command.topic } }
  const topic = state.topics[topicIndex]
  const key = command.key
  const choice = choosePartition(topic.counters, command.producer, key, topic.partitions.length)
  const partition = choice.partition
  const log = topic.partitions[partition]
  const offset = highWatermark(log)
  const record: LogRecord =
    key === undefined
      ? { topic: command.topic, partition, offset, producer: command.producer, value: command.value, timestampMs: state.nowMs }
      : { topic: command.topic, partition, offset, producer: command.producer, key, value: command.value, timestampMs: state.nowMs }
  const partitions = topic.partitions.slice()
  partitions[partition] = appendRecord(log, record)
  return {
    state: withTopic(state, topicIndex, { partitions, counters: choice.counters }),
    response: { _tag: "Sent", topic: command.topic, partition, offset }
  }
}
