/**
 * The configuration a broker was opened with, checked and indexed for
 * lookups.
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
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
  /** The topic with this name; throws `UnknownTopic` (check 1 of a topic-naming command). */
  readonly requireTopic: (name: string) => TopicConfig
  /** The group with this name; throws `UnknownGroup` (check 1 of every group command). */
  readonly requireGroup: (name: string) => GroupConfig
  /** The service with this name; throws `UnknownService` (check 1 of every service command). */
  readonly requireService: (name: string) => ServiceConfig
}

/**
 * Builds the indexes of a well-formed config (see `validateConfig`: names
 * are unique and subscriptions name configured topics).
 */
export const indexConfig = (config: Config): BrokerConfigShape => {
  const topics = new Map<string, TopicConfig>()
  for (const topic of config.topics) topics.set(topic.name, topic)
  const groups = new Map<string, GroupConfig>()
  for (const group of config.groups) groups.set(group.name, group)
  const services = new Map<string, ServiceConfig>()
  for (const service of config.services ?? []) services.set(service.name, service)
  return {
    config,
    transactionTimeoutMs: config.transactionTimeoutMs ?? transactionTimeoutMsDefault,
    producer: producerKindsOf(config),
    topic(name) {
      return topics.get(name)
    },
    group(name) {
      return groups.get(name)
    },
    requireTopic(name) {
      const topic = topics.get(name)
      if (topic === undefined) throw new UnknownTopic({ topic: name })
      return topic
    },
    requireGroup(name) {
      const group = groups.get(name)
      if (group === undefined) throw new UnknownGroup({ group: name })
      return group
    },
    requireService(name) {
      const service = services.get(name)
      if (service === undefined) throw new UnknownService({ service: name })
      return service
    }
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
