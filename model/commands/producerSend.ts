/**
 * `ProducerSend`: a producer appends one record to a topic, on the partition
 * its key hashes to (murmur2) or, without a key, on the next partition of the
 * producer's round-robin counter for the topic. Idempotent producers number
 * their sends; transactional ones send only inside a transaction; a lost
 * acknowledgement (`ackLost`) leaves the send pending for a retry.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { isRefused, sendRecord } from "../producer/send.ts"
import type { ModelState, Transition } from "../state.ts"

/**
 * Runs `ProducerSend`: `UnknownTopic`; the transactional checks and the send
 * pipeline of `model/producer/send.ts`; answers `Sent`, or `SendTimedOut`
 * with `ackLost` (the record was appended all the same).
 */
export const producerSend = (state: ModelState, command: CommandOf<"ProducerSend">): Transition => {
  const topicIndex = state.world.topicIndex.get(command.topic)
  if (topicIndex === undefined) return { state, response: { _tag: "UnknownTopic", topic: command.topic } }
  const ackLost = command.ackLost === true
  const produced = sendRecord(state, command.producer, topicIndex, command.key, command.value, ackLost)
  if (isRefused(produced)) return produced
  return {
    state: produced.state,
    response: ackLost
      ? { _tag: "SendTimedOut", producer: command.producer, topic: command.topic, partition: produced.partition }
      : { _tag: "Sent", topic: command.topic, partition: produced.partition, offset: produced.offset }
  }
}
