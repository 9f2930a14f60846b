/**
 * The configuration a broker was opened with, checked and indexed for
 * lookups.
 *
 * @module
 */
import { Context, Effect, Exit, Layer } from "effect"
import {
  type Config,
  type GroupConfig,
  type ServiceConfig,
  type TopicConfig,
  transactionTimeoutMsDefault,
  validateConfig
} from "../spec/config.ts"
import { UnknownGroup, UnknownService, UnknownTopic } from "./errors.ts"
import { type ProducerKind, producerKindsOf } from "./producer/kind.ts"

/** The indexed configuration: the raw config, topics, groups and services by name. */
export interface BrokerConfigShape {
  readonly config: Config
  /** How long a transaction may stay open: `transactionTimeoutMs`, else Kafka's default. */
  readonly transactionTimeoutMs: number
  /** The kind of the producer with this name (plain unless configured or an exactly-once member's; see `producer/kind.ts`). */
  readonly producer: (name: string) => ProducerKind
  /** The topic with this name, if configured. */
  readonly topic: (name: string) => TopicConfig | undefined
  /** The group with this name, if configured. */
  readonly group: (name: string) => GroupConfig | undefined
  /** The topic with this name, or `UnknownTopic` (check 1 of a topic-naming command). */
  readonly requireTopic: (name: string) => Effect.Effect<TopicConfig, UnknownTopic>
  /** The group with this name, or `UnknownGroup` (check 1 of every group command). */
  readonly requireGroup: (name: string) => Effect.Effect<GroupConfig, UnknownGroup>
  /** The service with this name, or `UnknownService` (check 1 of every service command). */
  readonly requireService: (name: string) => Effect.Effect<ServiceConfig, UnknownService>
}

/**
 * Builds the indexes of a well-formed config (see `validateConfig`: names
 * are unique and subscriptions name configured topics). The successful
 * lookups are made once, here, so a check on the hot path allocates nothing.
 */
export const indexConfig = (config: Config): BrokerConfigShape => {
  const topics = new Map<string, TopicConfig>()
  const topicsFound = new Map<string, Exit.Exit<TopicConfig>>()
  for (const topic of config.topics) {
    topics.set(topic.name, topic)
    topicsFound.set(topic.name, Exit.succeed(topic))
  }
  const groups = new Map<string, GroupConfig>()
  const groupsFound = new Map<string, Exit.Exit<GroupConfig>>()
  for (const group of config.groups) {
    groups.set(group.name, group)
    groupsFound.set(group.name, Exit.succeed(group))
  }
  const servicesFound = new Map<string, Exit.Exit<ServiceConfig>>()
  for (const service of config.services ?? []) servicesFound.set(service.name, Exit.succeed(service))
  return {
    config,
    transactionTimeoutMs: config.transactionTimeoutMs ?? transactionTimeoutMsDefault,
    producer: producerKindsOf(config),
    topic: (name) => topics.get(name),
    group: (name) => groups.get(name),
    requireTopic: (name) => topicsFound.get(name) ?? Exit.fail(new UnknownTopic({ topic: name })),
    requireGroup: (name) => groupsFound.get(name) ?? Exit.fail(new UnknownGroup({ group: name })),
    requireService: (name) => servicesFound.get(name) ?? Exit.fail(new UnknownService({ service: name }))
  }
}

/** The configuration of the running broker, read by every other service. */
export class BrokerConfig extends Context.Service<BrokerConfig, BrokerConfigShape>()("qsem/impl/BrokerConfig") {
  /**
   * The layer for one config. A config that breaks a rule of
   * `validateConfig` is a programming error, not a command: building the
   * layer dies with `validateConfig`'s message.
   */
  static readonly layerFor = (config: Config): Layer.Layer<BrokerConfig> =>
    Layer.effect(
      BrokerConfig,
      Effect.suspend(() => {
        const problem = validateConfig(config)
        return problem === undefined
          ? Effect.succeed(indexConfig(config))
          : Effect.die(new Error(`qsem impl: invalid config: ${problem}`))
      })
    )
}
