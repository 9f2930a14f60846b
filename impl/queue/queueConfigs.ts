/**
 * The queues of the running broker's config, indexed for the queue commands'
 * first checks. Queues live in memory for every built-in target, `builtin`
 * and `builtin-sql` alike: the SQL layers hold the systems outside the broker
 * (effect stores, services' tables), and a queue is the broker's own.
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import type { QueueConfig } from "../../spec/config.ts"
import { BrokerConfig } from "../brokerConfig.ts"
import { NotADeadLetterQueue, UnknownQueue } from "../errors.ts"

/** The configured queues, by name and in configuration order. */
export interface QueueConfigsShape {
  /** Every queue, in configuration order. */
  readonly queues: ReadonlyArray<QueueConfig>
  /** The queue with this name, if configured. */
  readonly queue: (name: string) => QueueConfig | undefined
  /** The queue with this name; throws `UnknownQueue` (check 1 of every queue command). */
  readonly requireQueue: (name: string) => QueueConfig
  /** Passes when some queue names this one as its `deadLetterQueue`; throws `NotADeadLetterQueue` otherwise. */
  readonly requireDeadLetterQueue: (name: string) => void
}

/** Indexes the queues of a well-formed config (see `validateConfig`). */
export const indexQueues = (queues: ReadonlyArray<QueueConfig>): QueueConfigsShape => {
  const byName = new Map<string, QueueConfig>()
  const deadLetterQueues = new Set<string>()
  for (const queue of queues) {
    byName.set(queue.name, queue)
    if (queue.deadLetterQueue !== undefined) deadLetterQueues.add(queue.deadLetterQueue)
  }
  return {
    queues,
    queue(name) {
      return byName.get(name)
    },
    requireQueue(name) {
      const queue = byName.get(name)
      if (queue === undefined) throw new UnknownQueue({ queue: name })
      return queue
    },
    requireDeadLetterQueue(name) {
      if (!deadLetterQueues.has(name)) throw new NotADeadLetterQueue({ queue: name })
    }
  }
}

/** The configured queues of the running broker (none when the config leaves `queues` out). */
export class QueueConfigs extends Context.Service<QueueConfigs, QueueConfigsShape>()("qsem/impl/QueueConfigs") {
  /** The queues of the broker's config. */
  static readonly layer: Layer.Layer<QueueConfigs, never, BrokerConfig> = Layer.effect(
    QueueConfigs,
    Effect.gen(function*() {
      const { config } = yield* BrokerConfig
      return indexQueues(config.queues ?? [])
    })
  )
}
