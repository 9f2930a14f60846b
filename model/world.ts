/**
 * The world: the static part of a model state, resolved once from a Config
 * and shared by every state of a run (name lookups and each group's
 * subscription in assignor order). Everything else is read from the config.
 *
 * @module
 */
import type { Config } from "../spec/config.ts"
import { validateConfig } from "../spec/config.ts"
import type { SubscribedTopic } from "./assignor.ts"
import { compareNames, subscribedTopic } from "./assignor.ts"

/** The configuration of a run, resolved for fast lookups. */
export interface World {
  readonly config: Config
  /** Topic name to its index in `config.topics`. */
  readonly topicIndex: ReadonlyMap<string, number>
  /** Group name to its index in `config.groups`. */
  readonly groupIndex: ReadonlyMap<string, number>
  /** Per group index: its subscribed topics, sorted by name, each once. */
  readonly subscriptions: ReadonlyArray<ReadonlyArray<SubscribedTopic>>
}

/**
 * Resolves a config. Throws an `Error` with {@link validateConfig}'s message
 * when the config is not well formed (a programming error, not a command).
 */
export const worldOf = (config: Config): World => {
  const problem = validateConfig(config)
  if (problem !== undefined) throw new Error(`qsem model: invalid config: ${problem}`)
  const topicIndex = new Map<string, number>()
  config.topics.forEach((topic, index) => topicIndex.set(topic.name, index))
  const groupIndex = new Map<string, number>()
  config.groups.forEach((group, index) => groupIndex.set(group.name, index))
  const subscriptions = config.groups.map((group) =>
    [...new Set(group.topics)].sort(compareNames).map((name): SubscribedTopic => {
      const index = topicIndex.get(name)!
      return subscribedTopic(name, config.topics[index].partitions, index)
    })
  )
  return { config, topicIndex, groupIndex, subscriptions }
}
