/**
 * The checks of a transactional producer's calls, in the spec's order, each
 * failing with its typed error; the coordinator's fence also tells the client
 * it is fenced.
 *
 * @module
 */
import type { ProducerKind } from "./kind.ts"
import { isBrokerError, NotTransactional, ProducerFenced, ProducerNotInitialized, TransactionNotOpen } from "../errors.ts"
import type { TransactionCoordinatorShape } from "../transaction/coordinator.ts"
import type { ProducerClientsShape, ProducerClientState } from "./producerClients.ts"

/** A transactional producer's client that holds an epoch. */
export interface ClientInitialized {
  readonly transactionalId: string
  readonly epoch: number
  readonly client: ProducerClientState
}

/**
 * Checks 1-3 of every transaction command: throws `NotTransactional`,
 * `ProducerNotInitialized` (the client holds no epoch), `ProducerFenced`
 * (the client knows it is fenced).
 */
export const requireInitialized = (kind: ProducerKind, client: ProducerClientState, producer: string): ClientInitialized => {
  if (kind.transactionalId === undefined) throw new NotTransactional({ producer })
  if (client.epoch === undefined) throw new ProducerNotInitialized({ producer })
  if (client.fenced) throw new ProducerFenced({ producer })
  return { transactionalId: kind.transactionalId, epoch: client.epoch, client }
}

/**
 * Check 2 of a transactional send (client-side): throws
 * `ProducerNotInitialized`, `ProducerFenced` (known), `TransactionNotOpen`.
 * Plain and idempotent producers pass.
 */
export const requireSendable = (kind: ProducerKind, client: ProducerClientState, producer: string): void => {
  if (kind.transactionalId === undefined) return
  if (client.epoch === undefined) throw new ProducerNotInitialized({ producer })
  if (client.fenced) throw new ProducerFenced({ producer })
  if (!client.inTransaction) throw new TransactionNotOpen({ producer })
}

/**
 * The coordinator's fence: throws `ProducerFenced` when the transactional id
 * has a newer epoch than the client's; the client then knows it is fenced
 * and its transaction is over, and with it any pending send (a
 * transactional producer's pending send belongs to its transaction:
 * `TxnCommit` and `TxnAbort` clear it too).
 */
export const fenceAtCoordinator = (
  coordinator: TransactionCoordinatorShape,
  clients: ProducerClientsShape,
  transactionalId: string,
  epoch: number,
  producer: string
): void => {
  try {
    coordinator.checkEpoch(transactionalId, epoch, producer)
  } catch (error) {
    if (isBrokerError(error)) clients.update(producer, (client) => ({ ...client, fenced: true, inTransaction: false, pending: undefined }))
    throw error
  }
}
