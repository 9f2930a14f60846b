/**
 * `ProducerInit`: 1. `NotTransactional`; 2. the coordinator gives the
 * transactional id its producer id (first init) or its next epoch, aborting
 * an open transaction first, which fences every other client of the id;
 * 3. the client holds the producer id and new epoch, is not fenced, has no
 * transaction, no pending send and fresh sequences. Answer
 * `ProducerInitialized` (with `aborted` when a transaction was aborted).
 *
 * @module
 */
import { Effect } from "effect"
import { BrokerClock } from "../brokerClock.ts"
import { BrokerConfig } from "../brokerConfig.ts"
import { NotTransactional } from "../errors.ts"
import { producerClientFresh, ProducerClients } from "../producer/producerClients.ts"
import { TransactionCoordinator } from "../transaction/coordinator.ts"
import type { Handler } from "./handler.ts"

/** The `ProducerInit` handler. */
export const makeProducerInit = Effect.gen(function*() {
  const config = yield* BrokerConfig
  const clock = yield* BrokerClock
  const coordinator = yield* TransactionCoordinator
  const clients = yield* ProducerClients
  const handler: Handler<"ProducerInit", "ProducerInitialized"> = ({ producer }) => {
    const { transactionalId } = config.producer(producer)
    if (transactionalId === undefined) throw new NotTransactional({ producer })
    const { aborted, epoch, producerId } = coordinator.init(transactionalId, clock.nowMs())
    clients.update(producer, () => ({ ...producerClientFresh, producerId, epoch }))
    return aborted === undefined
      ? { _tag: "ProducerInitialized", producer, producerId, epoch }
      : { _tag: "ProducerInitialized", producer, producerId, epoch, aborted }
  }
  return handler
})
