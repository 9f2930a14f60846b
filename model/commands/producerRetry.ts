/**
 * `ProducerRetry`: a producer resends its pending send (the one whose
 * acknowledgement was lost). An idempotent producer's retry is recognised by
 * the broker and appends nothing; a plain producer's retry appends a second
 * copy (the "two generals" duplicate).
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { appendProduced } from "../producer/append.ts"
import { clientsWith, withPending } from "../producer/client.ts"
import { isFencedByCoordinator, learnFenced } from "../producer/checks.ts"
import { producerKindOf } from "../producer/kind.ts"
import type { ModelState, Transition } from "../state.ts"
import { withProducers } from "../state.ts"
import { lastAppendKey } from "../transaction/coordinator.ts"

/**
 * Runs `ProducerRetry`: `NothingToRetry` without a pending send; for a
 * transactional producer `ProducerFenced` (known to the client, or the
 * coordinator's epoch is newer: the pending send is dropped); a recognised
 * duplicate (the broker's last append for the producer id and partition has
 * the retry's epoch and sequence) appends nothing, anything else is appended
 * again at the high watermark. Answers `Sent`, or `SendTimedOut` with
 * `ackLost` (the send stays pending).
 */
export const producerRetry = (state: ModelState, command: CommandOf<"ProducerRetry">): Transition => {
  const producer = command.producer
  const client = state.producers.get(producer)
  const pending = client?.pending
  if (client === undefined || pending === undefined) return { state, response: { _tag: "NothingToRetry", producer } }
  const kind = producerKindOf(state.world, producer)
  const transactionalId = kind.transactionalId
  if (transactionalId !== undefined && (client.fenced || isFencedByCoordinator(state, transactionalId, client))) {
    return learnFenced(state, producer, client)
  }
  const topic = state.world.config.topics[pending.topicIndex].name
  let next = state
  let offset: number
  const last = pending.producerId < 0 ? undefined : state.coordinator.lastAppends.get(lastAppendKey(pending.producerId, pending.topicIndex, pending.partition))
  if (kind.idempotent && last !== undefined && last.epoch === pending.epoch && last.sequence === pending.sequence) {
    offset = last.offset
  } else {
    const appended = appendProduced(
      state,
      {
        producer,
        topicIndex: pending.topicIndex,
        partition: pending.partition,
        key: pending.key,
        value: pending.value,
        producerId: pending.producerId,
        epoch: pending.epoch,
        sequence: pending.sequence,
        transactionalId
      },
      state.topics[pending.topicIndex].counters
    )
    next = appended.state
    offset = appended.offset
  }
  if (command.ackLost === true) {
    return { state: next, response: { _tag: "SendTimedOut", producer, topic, partition: pending.partition } }
  }
  const cleared = withPending(client, undefined)
  const idle = !kind.idempotent && cleared.producerId < 0
  return {
    state: withProducers(next, clientsWith(next.producers, producer, idle ? undefined : cleared), next.coordinator),
    response: { _tag: "Sent", topic, partition: pending.partition, offset }
  }
}
