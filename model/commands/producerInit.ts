/**
 * `ProducerInit`: a transactional producer initializes (Kafka's
 * `initTransactions`): a new epoch for its transactional id, the previous
 * epoch's open transaction aborted, every older instance fenced.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import type { ResponseOf } from "../../spec/response.ts"
import { clientsWith, producerClientInitialized } from "../producer/client.ts"
import { producerKindOf } from "../producer/kind.ts"
import type { ModelState, Transition } from "../state.ts"
import { withProducers } from "../state.ts"
import { withTransaction } from "../transaction/coordinator.ts"
import { endTransaction } from "../transaction/end.ts"

/**
 * Runs `ProducerInit`: `NotTransactional`; else the transactional id gets a
 * producer id at its first init (epoch 0) or its epoch goes up by 1; an open
 * transaction is aborted (abort markers written with the new epoch, as
 * Kafka's coordinator writes them with the bumped, fencing epoch; offsets
 * discarded); the client holds the producer id and new epoch, unfenced, with
 * no transaction, no pending send and sequences from 0. Answers
 * `ProducerInitialized` (with `aborted` when a transaction was aborted).
 */
export const producerInit = (state: ModelState, command: CommandOf<"ProducerInit">): Transition => {
  const producer = command.producer
  const transactionalId = producerKindOf(state.world, producer).transactionalId
  if (transactionalId === undefined) return { state, response: { _tag: "NotTransactional", producer } }
  const known = state.coordinator.transactions.get(transactionalId)
  let next: ModelState
  let producerId: number
  let epoch: number
  let aborted: ReadonlyArray<{ readonly topic: string; readonly partition: number; readonly offset: number }> | undefined
  if (known === undefined) {
    producerId = state.coordinator.producerIdNext
    epoch = 0
    const coordinator = withTransaction(
      { producerIdNext: producerId + 1, transactions: state.coordinator.transactions, lastAppends: state.coordinator.lastAppends },
      transactionalId,
      { producerId, epoch, open: undefined }
    )
    next = withProducers(state, state.producers, coordinator)
  } else {
    producerId = known.producerId
    epoch = known.epoch + 1
    const ended = endTransaction(state, transactionalId, "abort", epoch, epoch)
    next = ended.state
    if (known.open !== undefined) aborted = ended.markers
  }
  next = withProducers(next, clientsWith(next.producers, producer, producerClientInitialized(producerId, epoch)), next.coordinator)
  const response: ResponseOf<"ProducerInitialized"> =
    aborted === undefined
      ? { _tag: "ProducerInitialized", producer, producerId, epoch }
      : { _tag: "ProducerInitialized", producer, producerId, epoch, aborted }
  return { state: next, response }
}
