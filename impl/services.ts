/**
 * The services of one broker session as one plain record, by role: what the
 * command handlers read. The broker builds it once per session (see
 * `brokerLayer.ts`) and hands it to every handler, so a command looks up no
 * service in a Context and builds no closure.
 *
 * @module
 */
import type { AssignorShape } from "./assignor.ts"
import type { BrokerClockShape } from "./brokerClock.ts"
import type { BrokerConfigShape } from "./brokerConfig.ts"
import type { ConsumerClientsShape } from "./consumerClients.ts"
import type { EffectStoreShape } from "./effect/effectStoreShape.ts"
import type { MessageVersions } from "./effect/messageVersions.ts"
import type { ProcessAttemptsShape } from "./failure/attempts.ts"
import type { CircuitBreakerShape } from "./failure/circuitBreaker.ts"
import type { DeadLetterLedgerShape } from "./failure/deadLetterLedger.ts"
import type { DeadLetterPublisherShape } from "./failure/deadLetterPublisher.ts"
import type { DownstreamShape } from "./failure/downstream.ts"
import type { PoisonCheckShape } from "./failure/poisonCheck.ts"
import type { RetryPolicyShape } from "./failure/retryPolicy.ts"
import type { GroupCoordinatorShape } from "./groupCoordinator.ts"
import type { LogStoreShape } from "./logStore.ts"
import type { OffsetStoreShape } from "./offsetStore.ts"
import type { PartitionerShape } from "./partitioner.ts"
import type { IdempotenceShape } from "./producer/idempotence.ts"
import type { ProducerClientsShape } from "./producer/producerClients.ts"
import type { ProducerTransportShape } from "./producer/transport.ts"
import type { FifoGroupsShape } from "./queue/fifoGroups.ts"
import type { QueueOverflowPolicyShape } from "./queue/overflow.ts"
import type { QueueConfigsShape } from "./queue/queueConfigs.ts"
import type { QueueConsumersShape } from "./queue/queueConsumers.ts"
import type { QueueDedupShape } from "./queue/queueDedup.ts"
import type { QueueStoreShape } from "./queue/queueStore.ts"
import type { RedrivePolicyShape } from "./queue/redrivePolicy.ts"
import type { QueueVisibilityShape } from "./queue/visibility.ts"
import type { OutboxRelayShape } from "./service/outboxRelay.ts"
import type { ServiceStoreShape } from "./service/serviceStoreShape.ts"
import type { TransactionCoordinatorShape } from "./transaction/coordinator.ts"

/**
 * Every service of one broker session: the config, the clock and the queue
 * index, each replaceable service under its `BrokerLayers` key, and the
 * session's index of message versions.
 */
export interface Services {
  readonly config: BrokerConfigShape
  readonly clock: BrokerClockShape
  readonly queueConfigs: QueueConfigsShape
  readonly logStore: LogStoreShape
  readonly partitioner: PartitionerShape
  readonly assignor: AssignorShape
  readonly offsetStore: OffsetStoreShape
  readonly idempotence: IdempotenceShape
  readonly producerClients: ProducerClientsShape
  readonly groupCoordinator: GroupCoordinatorShape
  readonly consumerClients: ConsumerClientsShape
  readonly transactionCoordinator: TransactionCoordinatorShape
  readonly producerTransport: ProducerTransportShape
  readonly effectStore: EffectStoreShape
  readonly serviceStore: ServiceStoreShape
  readonly outboxRelay: OutboxRelayShape
  readonly queueVisibility: QueueVisibilityShape
  readonly fifoGroups: FifoGroupsShape
  readonly redrivePolicy: RedrivePolicyShape
  readonly queueDedup: QueueDedupShape
  readonly queueConsumers: QueueConsumersShape
  readonly queueOverflow: QueueOverflowPolicyShape
  readonly queueStore: QueueStoreShape
  readonly processAttempts: ProcessAttemptsShape
  readonly retryPolicy: RetryPolicyShape
  readonly circuitBreaker: CircuitBreakerShape
  readonly downstream: DownstreamShape
  readonly poisonCheck: PoisonCheckShape
  readonly deadLetterLedger: DeadLetterLedgerShape
  readonly deadLetterPublisher: DeadLetterPublisherShape
  readonly messageVersions: MessageVersions
}
