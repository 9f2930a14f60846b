/**
 * The configuration a broker was opened with, indexed for lookups.
 *
 * @module
 */
import { Context, Layer } from "effect"
import type { Config, GroupConfig, TopicConfig } from "../spec/config.ts"

/** The indexed configuration: the raw config, topics by name and groups by name. */
export interface BrokerConfigShape {
  readonly config: Config
  /** The topic with this name, if configured. */
  readonly topic: (name: string) => TopicConfig | undefined
  /** The group with this name, if configured. */
  readonly group: (name: string) => GroupConfig | undefined
}

/** Builds the indexes of a config (the first declaration of a name wins). */
export const indexConfig = (config: Config): BrokerConfigShape => {
  const topics = new Map<string, TopicConfig>()
  for (const topic of config.topics) if (!topics.has(topic.name)) topics.set(topic.name, topic)
  const groups = new Map<string, GroupConfig>()
  for (const group of config.groups) if (!groups.has(group.name)) groups.set(group.name, group)
  return {
    config,
    topic: (name) => topics.get(name),
    group: (name) => groups.get(name)
  }
}

/** The configuration of the running broker, read by every other service. */
export class BrokerConfig extends Context.Service<BrokerConfig, BrokerConfigShape>()("qsem/impl/BrokerConfig") {
  /** The layer for one config. */
  static readonly layerFor = (config: Config): Layer.Layer<BrokerConfig> =>
    Layer.succeed(BrokerConfig, indexConfig(config))
}
