/**
 * How a session's qsem queues become RabbitMQ queues: one queue each, named
 * with the session's prefix, declared with the arguments of the setting and
 * of the queue's config.
 *
 * A redrive policy (`receiveCountMax` R, `deadLetterQueue` D) becomes, on a
 * quorum queue, `x-delivery-limit` R - 1 with D's queue as the dead-letter
 * target through the default exchange: RabbitMQ 3.10 counts *returns* of a
 * message (a `basic.nack`/`basic.reject` with requeue, or its channel or
 * connection closing with it unacknowledged) in `x-delivery-count`, and
 * dead-letters it when a return takes the count above the limit; every
 * delivery but an acknowledged one ends in a return, so a message is
 * delivered R times and dead-lettered at its R-th return (verified against
 * the broker: limit 1 delivers twice, limit 0 once). The dead-letter
 * strategy is `at-least-once` (RabbitMQ 3.10: the message leaves the source
 * only once the dead-letter queue confirmed it; the default `at-most-once`
 * may lose it), which requires `x-overflow: reject-publish` on the source.
 *
 * A bound (`messagesMax`, overflow `reject`) becomes `x-max-length` with
 * `x-overflow: reject-publish`: a send that finds the queue full is nacked.
 *
 * @module
 */
import type { Config, QueueConfig } from "../../spec/config.ts"
import type { RabbitmqSetting } from "./settings.ts"

/** One qsem queue as the session declared it. */
export interface RabbitmqQueue {
  /** The qsem name, as commands name it. */
  readonly name: string
  /** The RabbitMQ queue's name: the session prefix and the qsem name. */
  readonly brokerName: string
  readonly config: QueueConfig
  /** Its index in the config (answers list queues in configuration order). */
  readonly index: number
  /** The qsem queues that name this one as their dead-letter queue (empty: it is no dead-letter queue). */
  readonly sources: ReadonlyArray<string>
  /** `x-delivery-limit`: R - 1 for a redrive policy of `receiveCountMax` R; undefined without one. */
  readonly deliveryLimit: number | undefined
  /** The `queue.declare` arguments. */
  readonly durable: boolean
  readonly arguments: Readonly<Record<string, unknown>>
}

/**
 * The queues of `config` under `setting`, with the broker names `prefix` +
 * qsem name, in an order they can be declared in (dead-letter queues before
 * their sources) — see {@link RabbitmqQueue.index} for configuration order.
 */
export const rabbitmqQueuesOf = (config: Config, setting: RabbitmqSetting, prefix: string): ReadonlyArray<RabbitmqQueue> => {
  const configs = config.queues ?? []
  const brokerNameOf = (name: string) => `${prefix}${name}`
  const queues = configs.map((queue, index): RabbitmqQueue => {
    const args: Record<string, unknown> = { "x-queue-type": setting.queueType }
    const deliveryLimit = queue.receiveCountMax === undefined ? undefined : queue.receiveCountMax - 1
    if (deliveryLimit !== undefined && queue.deadLetterQueue !== undefined) {
      args["x-delivery-limit"] = deliveryLimit
      args["x-dead-letter-exchange"] = ""
      args["x-dead-letter-routing-key"] = brokerNameOf(queue.deadLetterQueue)
      args["x-dead-letter-strategy"] = "at-least-once"
      args["x-overflow"] = "reject-publish"
    }
    if (queue.messagesMax !== undefined && queue.overflow === "reject") {
      args["x-max-length"] = queue.messagesMax
      args["x-overflow"] = "reject-publish"
    }
    return {
      name: queue.name,
      brokerName: brokerNameOf(queue.name),
      config: queue,
      index,
      sources: configs.filter((source) => source.deadLetterQueue === queue.name).map((source) => source.name),
      deliveryLimit,
      durable: setting.durable,
      arguments: args
    }
  })
  return [...queues.filter((queue) => queue.sources.length > 0), ...queues.filter((queue) => queue.sources.length === 0)]
}
