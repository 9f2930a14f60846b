/**
 * The model state: everything `step` reads and writes. States are immutable
 * and share structure: a step copies only the path it changes, and every
 * state ever returned stays valid (stepping it again gives the same answer).
 *
 * @module
 */
import type { Config } from "../spec/config.ts"
import type { LogRecord } from "../spec/record.ts"
import type { Response } from "../spec/response.ts"
import type { Clients } from "./client.ts"
import type { Membership } from "./group.ts"
import { membershipEmpty } from "./group.ts"
import * as Seq from "./internal/seq.ts"
import type { TopicLog } from "./log.ts"
import { topicLogEmpty } from "./log.ts"
import type { Offsets } from "./offsets.ts"
import { offsetsEmpty } from "./offsets.ts"
import type { ProducerClients } from "./producer/producerClients.ts"
import { producerClientsEmpty } from "./producer/producerClients.ts"
import type { EffectStore } from "./effect/effectStore.ts"
import { effectStoreEmpty } from "./effect/effectStore.ts"
import type { ServiceTables } from "./service/serviceTables.ts"
import { serviceTablesEmpty } from "./service/serviceTables.ts"
import type { Coordinator } from "./transaction/coordinator.ts"
import { coordinatorEmpty } from "./transaction/coordinator.ts"
import type { Queues } from "./queue/queueState.ts"
import { queuesEmpty } from "./queue/queueState.ts"
import type { FailureState } from "./failure/failureState.ts"
import { failureStateFresh } from "./failure/failureState.ts"
import type { World } from "./world.ts"
import { worldOf } from "./world.ts"

/** One consumer group: its membership, committed offsets, running clients and sink. */
export interface GroupState {
  readonly membership: Membership
  readonly committed: Offsets
  readonly clients: Clients
  /** Every record a member of the group processed, in processing order. */
  readonly sink: Seq.Seq<LogRecord>
}

/**
 * The state of the modelled system: the clock, the topics (logs and
 * round-robin counters, by configuration index), the groups (by
 * configuration index), the producer clients and the broker's producer and
 * transaction coordinator state, and the systems outside the broker: each
 * group's effect store and each service's tables, and the queues (their
 * messages, dedup tables, consumers' buffers and the run's receipts), and
 * each group's failure state (downstream, breaker, dead-letterings). Read it
 * through the query helpers of `model/query.ts`.
 */
export interface ModelState {
  readonly world: World
  readonly nowMs: number
  readonly topics: ReadonlyArray<TopicLog>
  readonly groups: ReadonlyArray<GroupState>
  readonly producers: ProducerClients
  readonly coordinator: Coordinator
  /** Per group (by configuration index): its effect store, `undefined` for a group without an effect. */
  readonly effects: ReadonlyArray<EffectStore | undefined>
  /** Per service (by configuration index): its tables. */
  readonly services: ReadonlyArray<ServiceTables>
  /** The queues (by configuration index) and the run's message-id and receipt counters. */
  readonly queues: Queues
  /** Per group (by configuration index): its failure state, `undefined` for a group without a `failure` config. */
  readonly failures: ReadonlyArray<FailureState | undefined>
}

/**
 * The initial state for a config: time 0, empty logs, every group at
 * generation 0 with no members, no commits and an empty sink, no producer
 * clients, a coordinator that handed out no producer id, empty effect stores,
 * empty service tables, empty queues, and for each group with a `failure`
 * config its downstream up, its breaker closed and nothing dead-lettered. Throws an
 * `Error` when the config is not well formed (see `validateConfig`).
 */
export const init = (config: Config): ModelState => {
  const world = worldOf(config)
  const partitionCounts = config.topics.map((topic) => topic.partitions)
  return {
    world,
    nowMs: 0,
    topics: partitionCounts.map(topicLogEmpty),
    groups: config.groups.map(() => ({
      membership: membershipEmpty,
      committed: offsetsEmpty(partitionCounts),
      clients: [],
      sink: Seq.empty()
    })),
    producers: producerClientsEmpty,
    coordinator: coordinatorEmpty,
    effects: config.groups.map((group) => (group.effect === undefined ? undefined : effectStoreEmpty())),
    services: (config.services ?? []).map(serviceTablesEmpty),
    queues: queuesEmpty((config.queues ?? []).length),
    failures: config.groups.map((group) => (group.failure === undefined ? undefined : failureStateFresh()))
  }
}

/** The state with the topic at `index` replaced. */
export const withTopic = (state: ModelState, index: number, topic: TopicLog): ModelState => {
  const topics = state.topics.slice()
  topics[index] = topic
  return { world: state.world, nowMs: state.nowMs, topics, groups: state.groups, producers: state.producers, coordinator: state.coordinator, effects: state.effects, services: state.services, queues: state.queues, failures: state.failures }
}

/** The state with the group at `index` replaced. */
export const withGroup = (state: ModelState, index: number, group: GroupState): ModelState => {
  const groups = state.groups.slice()
  groups[index] = group
  return { world: state.world, nowMs: state.nowMs, topics: state.topics, groups, producers: state.producers, coordinator: state.coordinator, effects: state.effects, services: state.services, queues: state.queues, failures: state.failures }
}

/** The state with the producer clients and the coordinator replaced. */
export const withProducers = (state: ModelState, producers: ProducerClients, coordinator: Coordinator): ModelState =>
  producers === state.producers && coordinator === state.coordinator
    ? state
    : {
        world: state.world,
        nowMs: state.nowMs,
        topics: state.topics,
        groups: state.groups,
        producers,
        coordinator,
        effects: state.effects,
        services: state.services,
        queues: state.queues,
        failures: state.failures
      }

/** The state with the effect store of the group at `index` replaced. */
export const withEffectStore = (state: ModelState, index: number, store: EffectStore): ModelState => {
  const effects = state.effects.slice()
  effects[index] = store
  return { ...state, effects }
}

/** The state with the tables of the service at `index` replaced. */
export const withService = (state: ModelState, index: number, tables: ServiceTables): ModelState => {
  const services = state.services.slice()
  services[index] = tables
  return { ...state, services }
}

/** The state with the queues replaced. */
export const withQueues = (state: ModelState, queues: Queues): ModelState => ({
  world: state.world,
  nowMs: state.nowMs,
  topics: state.topics,
  groups: state.groups,
  producers: state.producers,
  coordinator: state.coordinator,
  effects: state.effects,
  services: state.services,
  queues,
  failures: state.failures
})

/** The state with the failure state of the group at `index` replaced (the state itself when it is the same). */
export const withFailure = (state: ModelState, index: number, failure: FailureState): ModelState => {
  if (state.failures[index] === failure) return state
  const failures = state.failures.slice()
  failures[index] = failure
  return {
    world: state.world,
    nowMs: state.nowMs,
    topics: state.topics,
    groups: state.groups,
    producers: state.producers,
    coordinator: state.coordinator,
    effects: state.effects,
    services: state.services,
    queues: state.queues,
    failures
  }
}

/** What one step produced: the next state and the response to the command. */
export interface Transition {
  readonly state: ModelState
  readonly response: Response
}
