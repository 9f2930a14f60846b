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
import { NotTransactional } from "../errors.ts"
import { producerClientFresh } from "../producer/producerClients.ts"
import type { Handler } from "./handler.ts"

/** The `ProducerInit` handler. */
export const producerInit: Handler<"ProducerInit", "ProducerInitialized"> = (s, { producer }) => {
  const { clock, config, producerClients: clients, transactionCoordinator: coordinator } = s
  const { transactionalId } = config.producer(producer)
  if (transactionalId === undefined) throw new NotTransactional({ producer })
  const { aborted, epoch, producerId } = coordinator.init(transactionalId, clock.nowMs())
  clients.update(producer, () => ({ ...producerClientFresh, producerId, epoch }))
  return aborted === undefined
    ? { _tag: "ProducerInitialized", producer, producerId, epoch }
    : { _tag: "ProducerInitialized", producer, producerId, epoch, aborted }
}

