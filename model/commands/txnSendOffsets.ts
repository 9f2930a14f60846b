/**
 * `TxnSendOffsets`: a transactional producer adds a consumer group's offsets
 * to its transaction, with the group metadata of a member's client (KIP-447),
 * so a zombie consumer's offsets are refused.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { indexOfPartition } from "../assignor.ts"
import { indexOfClient } from "../client.ts"
import { indexOfMember } from "../group.ts"
import { highWatermark } from "../log.ts"
import type { OffsetEntry } from "../offsets.ts"
import { isError, isFencedByCoordinator, learnFenced, transactionalClientOf } from "../producer/checks.ts"
import type { ModelState, Transition } from "../state.ts"
import { withProducers } from "../state.ts"
import { openedAt, withOffsets, withTransaction } from "../transaction/coordinator.ts"

/**
 * Runs `TxnSendOffsets`: `NotTransactional`, `ProducerNotInitialized`,
 * `ProducerFenced` (known), `TransactionNotOpen`, `UnknownGroup`,
 * `UnknownMember` (not running), `ProducerFenced` (the coordinator's epoch is
 * newer), `UnknownMember` (not a broker member), `StaleGeneration`, then per
 * entry `UnknownTopic`, `NotAssigned` (the group's current assignment),
 * `OffsetOutOfRange`; else the coordinator opens the transaction if needed
 * and records the offsets for the group. The session is not refreshed.
 * Answers `TxnOffsetsSent` with the member's generation.
 */
export const txnSendOffsets = (state: ModelState, command: CommandOf<"TxnSendOffsets">): Transition => {
  const { producer, group: name, member } = command
  const checked = transactionalClientOf(state, producer)
  if (isError(checked)) return { state, response: checked }
  const { client, transactionalId } = checked
  if (!client.inTransaction) return { state, response: { _tag: "TransactionNotOpen", producer } }
  const groupIndex = state.world.groupIndex.get(name)
  if (groupIndex === undefined) return { state, response: { _tag: "UnknownGroup", group: name } }
  const group = state.groups[groupIndex]
  const clientIndex = indexOfClient(group.clients, member)
  if (clientIndex < 0) return { state, response: { _tag: "UnknownMember", group: name, member } }
  if (isFencedByCoordinator(state, transactionalId, client)) return learnFenced(state, producer, client)
  const memberIndex = indexOfMember(group.membership, member)
  if (memberIndex < 0) return { state, response: { _tag: "UnknownMember", group: name, member } }
  const generation = group.clients[clientIndex].generation
  const generationCurrent = group.membership.generation
  if (generation < generationCurrent) {
    return { state, response: { _tag: "StaleGeneration", group: name, member, generation, generationCurrent } }
  }
  const owned = group.membership.members[memberIndex].assignment
  const entries: Array<OffsetEntry> = []
  for (const entry of command.offsets) {
    const topicIndex = state.world.topicIndex.get(entry.topic)
    if (topicIndex === undefined) return { state, response: { _tag: "UnknownTopic", topic: entry.topic } }
    if (indexOfPartition(owned, entry.topic, entry.partition) < 0) {
      return { state, response: { _tag: "NotAssigned", group: name, member, topic: entry.topic, partition: entry.partition } }
    }
    const highWatermarkNow = highWatermark(state.topics[topicIndex].partitions[entry.partition])
    if (entry.offset > highWatermarkNow) {
      return {
        state,
        response: { _tag: "OffsetOutOfRange", topic: entry.topic, partition: entry.partition, offset: entry.offset, highWatermark: highWatermarkNow }
      }
    }
    entries.push({ topicIndex, partition: entry.partition, offset: entry.offset })
  }
  const transaction = state.coordinator.transactions.get(transactionalId)!
  const open = withOffsets(openedAt(transaction.open, state.nowMs), groupIndex, entries)
  const coordinator = withTransaction(state.coordinator, transactionalId, { producerId: transaction.producerId, epoch: transaction.epoch, open })
  return {
    state: withProducers(state, state.producers, coordinator),
    response: {
      _tag: "TxnOffsetsSent",
      producer,
      group: name,
      member,
      generation,
      offsets: command.offsets.map(({ offset, partition, topic }) => ({ topic, partition, offset }))
    }
  }
}
