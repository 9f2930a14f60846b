/**
 * The world: the static part of a model state, resolved once from a Config
 * and shared by every state of a run (name lookups, each group's
 * subscription in assignor order, isolation and output topic, the kinds
 * of configured producers, the services' topics, and the queues' names,
 * redrive policies, dead-letter queues and bounds). Everything else is read from the config.
 *
 * @module
 */
import type { Config, QueueOverflow } from "../spec/config.ts"
import { isBounded, isFifo, isolationOf, queueDedupWindowMsOf, transactionTimeoutMsDefault, validateConfig } from "../spec/config.ts"
import type { SubscribedTopic } from "./assignor.ts"
import { compareNames, subscribedTopic } from "./assignor.ts"
import type { ProducerKind } from "./producer/kind.ts"

/** The configuration of a run, resolved for fast lookups. */
export interface World {
  readonly config: Config
  /** Topic name to its index in `config.topics`. */
  readonly topicIndex: ReadonlyMap<string, number>
  /** Group name to its index in `config.groups`. */
  readonly groupIndex: ReadonlyMap<string, number>
  /** Per group index: its subscribed topics, sorted by name, each once. */
  readonly subscriptions: ReadonlyArray<ReadonlyArray<SubscribedTopic>>
  /** Per group index: whether it reads `read_committed` (see `isolationOf`). */
  readonly readCommitted: ReadonlyArray<boolean>
  /** Per group index: the topic index of its `outputTopic` (an `exactly-once` group), else -1. */
  readonly outputTopicIndex: ReadonlyArray<number>
  /** The producers `Config.producers` names, by name. */
  readonly producerKinds: ReadonlyMap<string, ProducerKind>
  /** The names of the `exactly-once` groups (their members' producers are transactional). */
  readonly exactlyOnceGroupNames: ReadonlyArray<string>
  /** Service name to its index in `Config.services`. */
  readonly serviceIndex: ReadonlyMap<string, number>
  /** Per service index: the topic index of its topic. */
  readonly serviceTopicIndex: ReadonlyArray<number>
  /** `Config.transactionTimeoutMs`, else `transactionTimeoutMsDefault`. */
  readonly transactionTimeoutMs: number
  /** Queue name to its index in `Config.queues`. */
  readonly queueIndex: ReadonlyMap<string, number>
  /** Per queue index: the index of its dead-letter queue, else -1. */
  readonly deadLetterQueueIndex: ReadonlyArray<number>
  /** Per queue index: its `receiveCountMax`, else 0 (no redrive policy). */
  readonly receiveCountMax: ReadonlyArray<number>
  /** Per queue index: whether some queue names it as its `deadLetterQueue`. */
  readonly isDeadLetterQueue: ReadonlyArray<boolean>
  /** The indexes of the queues with a redrive policy, in configuration order (those a `ClockAdvance` may move messages from). */
  readonly queuesWithPolicy: ReadonlyArray<number>
  /** Per queue index: whether it is FIFO. */
  readonly fifo: ReadonlyArray<boolean>
  /** Per queue index: its deduplication window (see `queueDedupWindowMsOf`; FIFO queues only use it). */
  readonly dedupWindowMs: ReadonlyArray<number>
  /** Per queue index: its `messagesMax` when it is bounded (see `isBounded`), else 0 (no bound). */
  readonly messagesMax: ReadonlyArray<number>
  /** Per queue index: its `overflow` policy when it is bounded, else `undefined`. */
  readonly overflow: ReadonlyArray<QueueOverflow | undefined>
}

/** The world of each well-formed config object resolved so far (configs and worlds are immutable, so runs share them). */
const worlds = new WeakMap<Config, World>()

/**
 * Resolves a config (once per config object: a later call answers the same
 * world). Throws an `Error` with {@link validateConfig}'s message when the
 * config is not well formed (a programming error, not a command).
 */
export const worldOf = (config: Config): World => {
  let world = worlds.get(config)
  if (world === undefined) {
    world = resolve(config)
    worlds.set(config, world)
  }
  return world
}

/** {@link worldOf}, computed. */
const resolve = (config: Config): World => {
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
  const producerKinds = new Map<string, ProducerKind>()
  for (const producer of config.producers ?? []) {
    producerKinds.set(producer.name, { idempotent: producer.idempotent, transactionalId: producer.transactionalId })
  }
  const services = config.services ?? []
  const serviceIndex = new Map<string, number>()
  services.forEach((service, index) => serviceIndex.set(service.name, index))
  const queues = config.queues ?? []
  const queueIndex = new Map<string, number>()
  queues.forEach((queue, index) => queueIndex.set(queue.name, index))
  const deadLetterQueueIndex = queues.map((queue) => (queue.deadLetterQueue === undefined ? -1 : queueIndex.get(queue.deadLetterQueue)!))
  return {
    config,
    topicIndex,
    groupIndex,
    subscriptions,
    readCommitted: config.groups.map((group) => isolationOf(group) === "read_committed"),
    outputTopicIndex: config.groups.map((group) => (group.outputTopic === undefined ? -1 : topicIndex.get(group.outputTopic)!)),
    producerKinds,
    exactlyOnceGroupNames: config.groups.filter((group) => group.mode === "exactly-once").map((group) => group.name),
    serviceIndex,
    serviceTopicIndex: services.map((service) => topicIndex.get(service.topic)!),
    transactionTimeoutMs: config.transactionTimeoutMs ?? transactionTimeoutMsDefault,
    queueIndex,
    deadLetterQueueIndex,
    receiveCountMax: queues.map((queue) => queue.receiveCountMax ?? 0),
    isDeadLetterQueue: queues.map((_, index) => deadLetterQueueIndex.includes(index)),
    queuesWithPolicy: queues.flatMap((queue, index) => (queue.receiveCountMax === undefined ? [] : [index])),
    fifo: queues.map(isFifo),
    dedupWindowMs: queues.map(queueDedupWindowMsOf),
    messagesMax: queues.map((queue) => (isBounded(queue) ? queue.messagesMax! : 0)),
    overflow: queues.map((queue) => (isBounded(queue) ? queue.overflow : undefined))
  }
}
