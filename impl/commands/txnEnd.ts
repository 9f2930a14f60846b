/**
 * The common path of `TxnCommit` and `TxnAbort`: 1-3. `NotTransactional`,
 * `ProducerNotInitialized`, `ProducerFenced` (known); 4.
 * `TransactionNotOpen`; 5. the coordinator's fence; 6. the coordinator ends
 * its open transaction, if any (markers, offsets settled); 7. the client has
 * no transaction and no pending send. Answers the markers.
 *
 * @module
 */
import type { PartitionOffset } from "../../spec/record.ts"
import { type BrokerError, TransactionNotOpen } from "../errors.ts"
import { fenceAtCoordinator, requireInitialized } from "../producer/checks.ts"
import type { Services } from "../services.ts"

/** Ends the producer's transaction, committed or aborted; answers its markers, or throws a {@link BrokerError}. */
export const endTransaction = (s: Services, producer: string, control: "commit" | "abort"): ReadonlyArray<PartitionOffset> => {
  const { clock, config, producerClients: clients, transactionCoordinator: coordinator } = s
  const { client, epoch, transactionalId } = requireInitialized(config.producer(producer), clients.get(producer), producer)
  if (!client.inTransaction) throw new TransactionNotOpen({ producer })
  fenceAtCoordinator(coordinator, clients, transactionalId, epoch, producer)
  const markers = coordinator.end(transactionalId, control, clock.nowMs())
  clients.update(producer, (current) => ({ ...current, inTransaction: false, pending: undefined }))
  return markers
}
