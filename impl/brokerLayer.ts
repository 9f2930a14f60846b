/**
 * How the broker is assembled from its services, with a seam to swap any one
 * service's layer (that is how the mutants are made).
 *
 * @module
 */
import { Layer } from "effect"
import type { Config } from "../spec/config.ts"
import { Assignor } from "./assignor.ts"
import { Broker } from "./broker.ts"
import { BrokerClock } from "./brokerClock.ts"
import { BrokerConfig } from "./brokerConfig.ts"
import { ConsumerClients } from "./consumerClients.ts"
import { effectStoreMemoryLayer } from "./effect/effectStoreMemory.ts"
import type { EffectStore } from "./effect/effectStoreShape.ts"
import { ProcessAttempts } from "./failure/attempts.ts"
import { CircuitBreaker } from "./failure/circuitBreaker.ts"
import { DeadLetterLedger } from "./failure/deadLetterLedger.ts"
import { DeadLetterPublisher, type DeadLetterPublisherServices } from "./failure/deadLetterPublisher.ts"
import { Downstream } from "./failure/downstream.ts"
import { PoisonCheck } from "./failure/poisonCheck.ts"
import { RetryPolicy } from "./failure/retryPolicy.ts"
import { GroupCoordinator } from "./groupCoordinator.ts"
import { LogStore } from "./logStore.ts"
import { OffsetStore } from "./offsetStore.ts"
import { Partitioner } from "./partitioner.ts"
import { Idempotence } from "./producer/idempotence.ts"
import { ProducerClients } from "./producer/producerClients.ts"
import { ProducerTransport } from "./producer/transport.ts"
import { FifoGroups } from "./queue/fifoGroups.ts"
import { QueueOverflowPolicy } from "./queue/overflow.ts"
import { QueueConfigs } from "./queue/queueConfigs.ts"
import { QueueConsumers } from "./queue/queueConsumers.ts"
import { QueueDedup } from "./queue/queueDedup.ts"
import { QueueStore } from "./queue/queueStore.ts"
import { RedrivePolicy } from "./queue/redrivePolicy.ts"
import { QueueVisibility } from "./queue/visibility.ts"
import { OutboxRelay, type OutboxRelayServices } from "./service/outboxRelay.ts"
import { serviceStoreMemoryLayer } from "./service/serviceStoreMemory.ts"
import type { ServiceStore } from "./service/serviceStoreShape.ts"
import { TransactionCoordinator } from "./transaction/coordinator.ts"

/** The layer of each replaceable service, with what it may depend on. */
export interface BrokerLayers {
  readonly logStore: Layer.Layer<LogStore, never, BrokerConfig>
  readonly partitioner: Layer.Layer<Partitioner, never, BrokerConfig>
  readonly assignor: Layer.Layer<Assignor, never, BrokerConfig>
  readonly offsetStore: Layer.Layer<OffsetStore, never, BrokerConfig>
  readonly idempotence: Layer.Layer<Idempotence, never, BrokerConfig>
  readonly producerClients: Layer.Layer<ProducerClients, never, BrokerConfig>
  readonly groupCoordinator: Layer.Layer<GroupCoordinator, never, BrokerConfig | Assignor>
  readonly consumerClients: Layer.Layer<ConsumerClients, never, BrokerConfig | LogStore | OffsetStore>
  readonly transactionCoordinator: Layer.Layer<TransactionCoordinator, never, BrokerConfig | LogStore | OffsetStore>
  readonly producerTransport: Layer.Layer<ProducerTransport, never, LogStore | Idempotence>
  /** The groups' effect stores, outside the broker (in memory by default; `effectStoreSqlLayer` in SQL). */
  readonly effectStore: Layer.Layer<EffectStore, never, BrokerConfig>
  /** The services' databases, outside the broker (in memory by default; `serviceStoreSqlLayer` in SQL). */
  readonly serviceStore: Layer.Layer<ServiceStore, never, BrokerConfig>
  /** The outbox relay of `outbox` services (`RelayPublish`). */
  readonly outboxRelay: Layer.Layer<OutboxRelay, never, OutboxRelayServices>
  /** How long a received queue message stays in flight. */
  readonly queueVisibility: Layer.Layer<QueueVisibility, never, QueueConfigs>
  /** Which messages a receive of a FIFO queue may hand out. */
  readonly fifoGroups: Layer.Layer<FifoGroups, never, QueueConfigs>
  /** When a queue message moves to its dead-letter queue, and what the move and a redrive make of it. */
  readonly redrivePolicy: Layer.Layer<RedrivePolicy, never, QueueConfigs>
  /** The FIFO queues' deduplication ids. */
  readonly queueDedup: Layer.Layer<QueueDedup, never, QueueConfigs>
  /** The queue consumers' buffers. */
  readonly queueConsumers: Layer.Layer<QueueConsumers, never, QueueConfigs>
  /** What a send to a full bounded queue does. */
  readonly queueOverflow: Layer.Layer<QueueOverflowPolicy, never, QueueConfigs>
  /** The queues' messages and receipts (in memory for every built-in target). */
  readonly queueStore: Layer.Layer<QueueStore, never, QueueConfigs | QueueVisibility | FifoGroups | RedrivePolicy | QueueOverflowPolicy>
  /** The member clients' attempt counts and retry times at records they failed to process. */
  readonly processAttempts: Layer.Layer<ProcessAttempts, never, BrokerConfig>
  /** The groups' retry policies: backoff, and when to dead-letter. */
  readonly retryPolicy: Layer.Layer<RetryPolicy, never, BrokerConfig>
  /** The groups' circuit breakers. */
  readonly circuitBreaker: Layer.Layer<CircuitBreaker, never, BrokerConfig | BrokerClock>
  /** The groups' downstream dependencies, up or down. */
  readonly downstream: Layer.Layer<Downstream, never, BrokerConfig>
  /** Which records the groups' applications cannot process at all (poison). */
  readonly poisonCheck: Layer.Layer<PoisonCheck, never, BrokerConfig>
  /** What each group's application remembers of the records it dead-lettered, for a redrive. */
  readonly deadLetterLedger: Layer.Layer<DeadLetterLedger, never, BrokerConfig>
  /** How the groups' applications publish dead-letter records and redrive them. */
  readonly deadLetterPublisher: Layer.Layer<DeadLetterPublisher, never, DeadLetterPublisherServices>
}

/** The real services. */
export const brokerLayersDefault: BrokerLayers = {
  logStore: LogStore.layer,
  partitioner: Partitioner.layer,
  assignor: Assignor.layer,
  offsetStore: OffsetStore.layer,
  idempotence: Idempotence.layer,
  producerClients: ProducerClients.layer,
  groupCoordinator: GroupCoordinator.layer,
  consumerClients: ConsumerClients.layer,
  transactionCoordinator: TransactionCoordinator.layer,
  producerTransport: ProducerTransport.layer,
  effectStore: effectStoreMemoryLayer,
  serviceStore: serviceStoreMemoryLayer,
  outboxRelay: OutboxRelay.layer,
  queueVisibility: QueueVisibility.layer,
  fifoGroups: FifoGroups.layer,
  redrivePolicy: RedrivePolicy.layer,
  queueDedup: QueueDedup.layer,
  queueConsumers: QueueConsumers.layer,
  queueOverflow: QueueOverflowPolicy.layer,
  queueStore: QueueStore.layer,
  processAttempts: ProcessAttempts.layer,
  retryPolicy: RetryPolicy.layer,
  circuitBreaker: CircuitBreaker.layer,
  downstream: Downstream.layer,
  poisonCheck: PoisonCheck.layer,
  deadLetterLedger: DeadLetterLedger.layer,
  deadLetterPublisher: DeadLetterPublisher.layer
}

/**
 * The broker for a config, built from the real services with any of them
 * replaced by `overrides`. Its clock origin is read when the layer is built.
 *
 * @example
 * ```ts
 * const layer = brokerLayer(configDefault, { offsetStore: offsetStoreSharedLayer })
 * ```
 */
export const brokerLayer = (config: Config, overrides: Partial<BrokerLayers> = {}): Layer.Layer<Broker> => {
  const layers: BrokerLayers = { ...brokerLayersDefault, ...overrides }
  const base = Layer.merge(QueueConfigs.layer, BrokerClock.layer).pipe(Layer.provideMerge(BrokerConfig.layerFor(config)))
  const storage = Layer.mergeAll(
    layers.logStore,
    layers.partitioner,
    layers.assignor,
    layers.offsetStore,
    layers.idempotence,
    layers.producerClients,
    layers.effectStore,
    layers.serviceStore,
    layers.queueVisibility,
    layers.fifoGroups,
    layers.redrivePolicy,
    layers.queueDedup,
    layers.queueConsumers,
    layers.queueOverflow,
    layers.processAttempts,
    layers.retryPolicy,
    layers.circuitBreaker,
    layers.downstream,
    layers.poisonCheck,
    layers.deadLetterLedger
  ).pipe(Layer.provideMerge(base))
  const coordination = Layer.mergeAll(
    layers.groupCoordinator,
    layers.consumerClients,
    layers.transactionCoordinator,
    layers.producerTransport,
    layers.queueStore
  ).pipe(Layer.provideMerge(storage))
  const publishing = layers.deadLetterPublisher.pipe(Layer.provideMerge(coordination))
  const relay = layers.outboxRelay.pipe(Layer.provideMerge(publishing))
  return Broker.layer.pipe(Layer.provide(relay))
}
