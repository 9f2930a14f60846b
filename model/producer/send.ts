/**
 * The send pipeline of one record by one producer (checks 2 to 7 of
 * `ProducerSend`), shared by `ProducerSend`, by `ConsumerProcess` in an
 * `exactly-once` group and by the services' sends.
 *
 * @module
 */
import type { DeadLetterHeader } from "../../spec/failure.ts"
import type { Response } from "../../spec/response.ts"
import { choosePartition } from "../partitioner.ts"
import type { ModelState } from "../state.ts"
import { withProducers } from "../state.ts"
import { appendProduced } from "./append.ts"
import type { ProducerClient } from "./producerClients.ts"
import { clientsWith, producerClientBlank, producerClientInitialized, sequenceNext, withPending, withSequence } from "./producerClients.ts"
import { isError, isFencedByCoordinator, learnFenced, transactionalClientOf } from "./checks.ts"
import type { ProducerKind } from "./kind.ts"
import { resolveProducerKind } from "./kind.ts"

/** A send that was appended: the next state, where the record went. */
export interface Produced {
  readonly state: ModelState
  readonly partition: number
  readonly offset: number
}

/** A send that was refused: the state (changed only by a `ProducerFenced` the client learned) and the error. */
export interface Refused {
  readonly state: ModelState
  readonly response: Response
}

/** Whether the send was refused. */
export const isRefused = (value: Produced | Refused): value is Refused => "response" in value

/** Check 2 of `ProducerSend` for a transactional producer: `ProducerNotInitialized`, `ProducerFenced` (known to the client), `TransactionNotOpen`. */
const clientRefusal = (state: ModelState, producer: string, kind: ProducerKind): Refused | undefined => {
  const checked = transactionalClientOf(state, producer, kind)
  if (isError(checked)) return { state, response: checked }
  if (!checked.client.inTransaction) return { state, response: { _tag: "TransactionNotOpen", producer } }
  return undefined
}

/**
 * Checks 2 and 4 of `ProducerSend` alone, for a caller that must know before
 * it writes anything whether a send of `producer` would be refused (an
 * `exactly-once` `ConsumerProcess`): the refusal (with the state where the
 * client learned it is fenced, for check 4), or `undefined` when a send would
 * pass them (a producer that is not transactional always does).
 */
export const sendRefusal = (state: ModelState, producer: string): Refused | undefined => {
  const kind = resolveProducerKind(state.world, producer)
  const transactionalId = kind.transactionalId
  if (transactionalId === undefined) return undefined
  const refused = clientRefusal(state, producer, kind)
  if (refused !== undefined) return refused
  const client = state.producers.get(producer)!
  return isFencedByCoordinator(state, transactionalId, client) ? learnFenced(state, producer, client) : undefined
}

/**
 * Sends one record of `producer` to the topic at `topicIndex`: the
 * transactional checks (`ProducerNotInitialized`, `ProducerFenced`,
 * `TransactionNotOpen`), the partition (key hash or round-robin), the
 * coordinator's fencing check, an implicit producer id for an idempotent
 * producer without one, the client's next sequence, the append, and the
 * pending send (kept with `ackLost`, else dropped). `deadLetter`, for a
 * group's dead-letter publish by `dead-letter:<group>`, is the header the
 * appended record carries.
 */
export const sendRecord = (
  state: ModelState,
  producer: string,
  topicIndex: number,
  key: string | undefined,
  value: string,
  ackLost: boolean,
  deadLetter?: DeadLetterHeader
): Produced | Refused => {
  const kind = resolveProducerKind(state.world, producer)
  let client: ProducerClient | undefined = state.producers.get(producer)
  const transactionalId = kind.transactionalId
  if (transactionalId !== undefined) {
    const refused = clientRefusal(state, producer, kind)
    if (refused !== undefined) return refused
  }
  const topic = state.topics[topicIndex]
  const choice = choosePartition(topic.counters, producer, key, topic.partitions.length)
  const partition = choice.partition
  if (transactionalId !== undefined && isFencedByCoordinator(state, transactionalId, client!)) return learnFenced(state, producer, client!)
  let coordinator = state.coordinator
  let producerId = -1
  let epoch = 0
  let sequence = -1
  if (kind.idempotent) {
    if (client === undefined || client.producerId < 0) {
      client = { ...producerClientInitialized(coordinator.producerIdNext, 0), pending: client?.pending }
      coordinator = { producerIdNext: coordinator.producerIdNext + 1, transactions: coordinator.transactions, lastAppends: coordinator.lastAppends }
    }
    producerId = client.producerId
    epoch = client.epoch
    sequence = sequenceNext(client, topicIndex, partition)
    client = withSequence(client, topicIndex, partition, sequence)
  }
  const appended = appendProduced(
    coordinator === state.coordinator ? state : withProducers(state, state.producers, coordinator),
    { producer, topicIndex, partition, key, value, producerId, epoch, sequence, transactionalId, deadLetter },
    choice.counters
  )
  let next = appended.state
  if (ackLost) {
    const pending = { topicIndex, partition, key, value, producerId, epoch, sequence }
    next = withProducers(next, clientsWith(next.producers, producer, withPending(client ?? producerClientBlank, pending)), next.coordinator)
  } else if (client !== undefined) {
    const cleared = withPending(client, undefined)
    const plainAndIdle = !kind.idempotent && cleared.producerId < 0
    next = withProducers(next, clientsWith(next.producers, producer, plainAndIdle ? undefined : cleared), next.coordinator)
  }
  return { state: next, partition, offset: appended.offset }
}
