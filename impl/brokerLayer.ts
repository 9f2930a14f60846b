/**
 * How the broker is assembled from its services, with a seam to swap any one
 * service's layer (that is how the mutants are made). The real services are
 * made by their plain constructors, in one pass; only a replaced service's
 * layer is built, so opening a session costs little more than its state.
 *
 * @module
 */
import { Clock, Context, Effect, Layer, type Scope } from "effect"
import { type Config, validateConfig } from "../spec/config.ts"
import { Assignor, assignorOf } from "./assignor.ts"
import { Broker, brokerOf } from "./broker.ts"
import { BrokerClock, type BrokerClockShape, makeBrokerClockAt } from "./brokerClock.ts"
import { BrokerConfig, type BrokerConfigShape, indexConfig } from "./brokerConfig.ts"
import { ConsumerClients, consumerClientsOf } from "./consumerClients.ts"
import { effectStoreMemoryLayer, effectStoreMemoryOf } from "./effect/effectStoreMemory.ts"
import { EffectStore } from "./effect/effectStoreShape.ts"
import { type MessageVersions, messageVersionsOf } from "./effect/messageVersions.ts"
import { ProcessAttempts, processAttemptsOf } from "./failure/attempts.ts"
import { CircuitBreaker, circuitBreakerOf } from "./failure/circuitBreaker.ts"
import { DeadLetterLedger, deadLetterLedgerOf } from "./failure/deadLetterLedger.ts"
import { DeadLetterPublisher, deadLetterPublisherOf, type DeadLetterPublisherServices } from "./failure/deadLetterPublisher.ts"
import { Downstream, downstreamOf } from "./failure/downstream.ts"
import { PoisonCheck, poisonCheckSpec } from "./failure/poisonCheck.ts"
import { RetryPolicy, retryPolicyOf } from "./failure/retryPolicy.ts"
import { GroupCoordinator, groupCoordinatorOf } from "./groupCoordinator.ts"
import { LogStore, logStoreOf } from "./logStore.ts"
import { OffsetStore, offsetStoreOf } from "./offsetStore.ts"
import { Partitioner, partitionerOf } from "./partitioner.ts"
import { Idempotence, idempotenceOf } from "./producer/idempotence.ts"
import { ProducerClients, producerClientsOf } from "./producer/producerClients.ts"
import { ProducerTransport, producerTransportOf } from "./producer/transport.ts"
import { FifoGroups, fifoGroupsOldestFirst } from "./queue/fifoGroups.ts"
import { overflowConfigured, QueueOverflowPolicy } from "./queue/overflow.ts"
import { indexQueues, QueueConfigs, type QueueConfigsShape } from "./queue/queueConfigs.ts"
import { QueueConsumers, queueConsumersOf } from "./queue/queueConsumers.ts"
import { QueueDedup, queueDedupOf } from "./queue/queueDedup.ts"
import { QueueStore, queueStoreOf } from "./queue/queueStore.ts"
import { RedrivePolicy, redrivePolicySqs } from "./queue/redrivePolicy.ts"
import { QueueVisibility, visibilityWhole } from "./queue/visibility.ts"
import { OutboxRelay, outboxRelayOf, type OutboxRelayServices } from "./service/outboxRelay.ts"
import { serviceStoreMemoryLayer, serviceStoreMemoryOf } from "./service/serviceStoreMemory.ts"
import { ServiceStore } from "./service/serviceStoreShape.ts"
import type { Services } from "./services.ts"
import { TransactionCoordinator, transactionCoordinatorOf } from "./transaction/coordinator.ts"

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

/** The checked, indexed config and queues of each config object seen (both immutable, so sessions share them). */
const indexed = new WeakMap<Config, { readonly config: BrokerConfigShape; readonly queues: QueueConfigsShape }>()

/** The config checked by `validateConfig` and indexed; a malformed config is a defect (it dies with the rule it breaks). */
const indexedConfig = (config: Config): { readonly config: BrokerConfigShape; readonly queues: QueueConfigsShape } => {
  let entry = indexed.get(config)
  if (entry === undefined) {
    const problem = validateConfig(config)
    if (problem !== undefined) throw new Error(`qsem impl: invalid config: ${problem}`)
    entry = { config: indexConfig(config), queues: indexQueues(config.queues ?? []) }
    indexed.set(config, entry)
  }
  return entry
}

/** One replaceable service: its key, its Context tag, and its real constructor over the session's services. */
interface Role {
  readonly key: keyof BrokerLayers
  readonly tag: Context.Key<any, any>
  /** The real service; reads only services of the roles before it (so the order of `roles` is a building order). */
  readonly make: (services: Services) => unknown
}

/** Every replaceable service, in an order where each depends only on services before it. */
const roles: ReadonlyArray<Role> = [
  { key: "logStore", tag: LogStore, make: (s) => logStoreOf(s.config) },
  { key: "partitioner", tag: Partitioner, make: partitionerOf },
  { key: "assignor", tag: Assignor, make: (s) => assignorOf(s.config) },
  { key: "offsetStore", tag: OffsetStore, make: () => offsetStoreOf() },
  { key: "idempotence", tag: Idempotence, make: idempotenceOf },
  { key: "producerClients", tag: ProducerClients, make: producerClientsOf },
  { key: "effectStore", tag: EffectStore, make: (s) => effectStoreMemoryOf(s.config) },
  { key: "serviceStore", tag: ServiceStore, make: serviceStoreMemoryOf },
  { key: "queueVisibility", tag: QueueVisibility, make: () => visibilityWhole },
  { key: "fifoGroups", tag: FifoGroups, make: () => fifoGroupsOldestFirst },
  { key: "redrivePolicy", tag: RedrivePolicy, make: () => redrivePolicySqs },
  { key: "queueDedup", tag: QueueDedup, make: (s) => queueDedupOf(s.queueConfigs) },
  { key: "queueConsumers", tag: QueueConsumers, make: queueConsumersOf },
  { key: "queueOverflow", tag: QueueOverflowPolicy, make: () => overflowConfigured },
  { key: "processAttempts", tag: ProcessAttempts, make: processAttemptsOf },
  { key: "retryPolicy", tag: RetryPolicy, make: (s) => retryPolicyOf(s.config) },
  { key: "circuitBreaker", tag: CircuitBreaker, make: (s) => circuitBreakerOf(s.clock) },
  { key: "downstream", tag: Downstream, make: downstreamOf },
  { key: "poisonCheck", tag: PoisonCheck, make: () => poisonCheckSpec },
  { key: "deadLetterLedger", tag: DeadLetterLedger, make: deadLetterLedgerOf },
  { key: "groupCoordinator", tag: GroupCoordinator, make: (s) => groupCoordinatorOf(s.config, s.assignor) },
  { key: "consumerClients", tag: ConsumerClients, make: (s) => consumerClientsOf(s.config, s.logStore, s.offsetStore) },
  { key: "transactionCoordinator", tag: TransactionCoordinator, make: (s) => transactionCoordinatorOf(s.config, s.logStore, s.offsetStore) },
  { key: "producerTransport", tag: ProducerTransport, make: (s) => producerTransportOf(s.logStore, s.idempotence) },
  {
    key: "queueStore",
    tag: QueueStore,
    make: (s) => queueStoreOf(s.queueConfigs, s.fifoGroups, s.queueVisibility, s.redrivePolicy, s.queueOverflow)
  },
  { key: "deadLetterPublisher", tag: DeadLetterPublisher, make: (s) => deadLetterPublisherOf(s.clock, s.partitioner, s.producerTransport) },
  { key: "outboxRelay", tag: OutboxRelay, make: (s) => outboxRelayOf(s.serviceStore, s) }
]

/** The index of `messageVersions` among a session's lazily built parts (after every role). */
const messageVersionsAt = roles.length

/**
 * The services of one session, each built when first asked for (a session
 * that never touches a queue builds none of the queue services): a replaced
 * service is the one its layer built, any other comes from its plain
 * constructor. Building is pure, so when a service is built does not show.
 */
class SessionServices {
  /** The services built so far, by role index (`messageVersions` last). */
  readonly built: Array<unknown> = new Array(roles.length + 1).fill(undefined)

  constructor(
    readonly config: BrokerConfigShape,
    readonly clock: BrokerClockShape,
    readonly queueConfigs: QueueConfigsShape
  ) {}

  get messageVersions(): MessageVersions {
    let versions = this.built[messageVersionsAt] as MessageVersions | undefined
    if (versions === undefined) {
      versions = messageVersionsOf((this as unknown as Services).logStore)
      this.built[messageVersionsAt] = versions
    }
    return versions
  }
}

// One getter per role on the prototype, defined once: the role's service, built on first use.
roles.forEach((role, index) => {
  Object.defineProperty(SessionServices.prototype, role.key, {
    get(this: SessionServices) {
      let service = this.built[index]
      if (service === undefined) {
        service = role.make(this as unknown as Services)
        this.built[index] = service
      }
      return service
    }
  })
})

/**
 * The services of one session for a config: the real services, each built
 * by its plain constructor when first used, except those `overrides`
 * replaces, whose layers are built at once, in role order (in the caller's
 * scope, one memo map per session), with every service before them. Reads
 * the Clock once: the broker's time origin. Dies with `validateConfig`'s
 * message for a malformed config.
 */
export const buildServices = (config: Config, overrides: Partial<BrokerLayers> = {}): Effect.Effect<Services, never, Scope.Scope> =>
  Effect.gen(function*() {
    const { config: brokerConfig, queues } = yield* Effect.sync(() => indexedConfig(config))
    const clock = makeBrokerClockAt(yield* Clock.currentTimeMillis)
    const session = new SessionServices(brokerConfig, clock, queues)
    const services = session as unknown as Services & Record<string, unknown>
    let context = Context.make(BrokerConfig, brokerConfig).pipe(Context.add(BrokerClock, clock), Context.add(QueueConfigs, queues)) as Context.Context<never>
    /** The roles `[0, inContext)` are in `context`. */
    let inContext = 0
    let memoMap: Layer.MemoMap | undefined
    for (let index = 0; index < roles.length; index++) {
      const role = roles[index]
      const layer = overrides[role.key]
      if (layer === undefined) continue
      // The layer may read any service before it: they are all built, in order, into its context.
      for (; inContext < index; inContext++) context = Context.add(context, roles[inContext].tag, services[roles[inContext].key]) as Context.Context<never>
      memoMap ??= yield* Layer.makeMemoMap
      const scope = yield* Effect.scope
      const built: Context.Context<unknown> = yield* Layer.buildWithMemoMap(layer as Layer.Layer<unknown>, memoMap, scope).pipe(
        Effect.provideContext(context)
      )
      const service: unknown = Context.get(built, role.tag)
      session.built[index] = service
      context = Context.add(context, role.tag, service) as Context.Context<never>
      inContext = index + 1
    }
    return services
  })

/**
 * The broker for a config, built from the real services with any of them
 * replaced by `overrides` (see {@link buildServices}). Its clock origin is
 * read when the layer is built.
 *
 * @example
 * ```ts
 * const layer = brokerLayer(configDefault, { offsetStore: offsetStoreSharedLayer })
 * ```
 */
export const brokerLayer = (config: Config, overrides: Partial<BrokerLayers> = {}): Layer.Layer<Broker> =>
  Layer.effect(Broker, Effect.map(buildServices(config, overrides), brokerOf))
