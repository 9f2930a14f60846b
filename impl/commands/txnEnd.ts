/**
 * The common path of `TxnCommit` and `TxnAbort`: 1-3. `NotTransactional`,
 * `ProducerNotInitialized`, `ProducerFenced` (known); 4.
 * `TransactionNotOpen`; 5. the coordinator's fence; 6. the coordinator ends
 * its open transaction, if any (markers, offsets settled); 7. the client has
 * no transaction and no pending send. Answers the markers.
 *
 * @module
 */
import { Effect } from "effect"
import type { PartitionOffset } from "../../spec/record.ts"
import { BrokerClock } from "../brokerClock.ts"
import { BrokerConfig } from "../brokerConfig.ts"
import { type BrokerError, TransactionNotOpen } from "../errors.ts"
import { fenceAtCoordinator, requireInitialized } from "../producer/checks.ts"
import { ProducerClients } from "../producer/producerClients.ts"
import { TransactionCoordinator } from "../transaction/coordinator.ts"

/** Builds the end of a producer's transaction, committed or aborted. */
export const makeTxnEnd = Effect.gen(function*() {
  const config = yield* BrokerConfig
  const clock = yield* BrokerClock
  const clients = yield* ProducerClients
  const coordinator = yield* TransactionCoordinator
  /** Ends the producer's transaction; answers its markers, or throws a {@link BrokerError}. */
  return (producer: string, control: "commit" | "abort"): ReadonlyArray<PartitionOffset> => {
    const { client, epoch, transactionalId } = requireInitialized(config.producer(producer), clients.get(producer), producer)
    if (!client.inTransaction) throw new TransactionNotOpen({ producer })
    fenceAtCoordinator(coordinator, clients, transactionalId, epoch, producer)
    const markers = coordinator.end(transactionalId, control, clock.nowMs())
    clients.update(producer, (current) => ({ ...current, inTransaction: false, pending: undefined }))
    return markers
  }
})
