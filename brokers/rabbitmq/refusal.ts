/**
 * Which configs the RabbitMQ target can run under a setting, and why not the
 * others: a one-line reason the session dies with at open.
 *
 * @module
 */
import type { Config } from "../../spec/config.ts"
import { isFifo } from "../../spec/config.ts"
import type { RabbitmqSetting } from "./settings.ts"

/**
 * Why the RabbitMQ target cannot run `config` under `setting`, in one line,
 * or `undefined` when it can. It runs queues only (no topics, groups,
 * configured producers or services); no FIFO queue (RabbitMQ has no message
 * groups and, without a plugin, no deduplication); a bound only with overflow
 * `reject` (`x-overflow: reject-publish`, a nack the producer sees: `block`
 * has no per-queue counterpart, and `drop-head` does not say which message it
 * dropped, which the answer must); a redrive policy only on quorum queues
 * (`x-delivery-limit` exists only there).
 */
export const rabbitmqRefusalOf = (config: Config, setting: RabbitmqSetting): string | undefined => {
  const refuse = (why: string) => `RabbitMQ target (setting ${setting.name}) cannot run this config: ${why}`
  if (config.topics.length > 0) return refuse("it has topics; the RabbitMQ target runs queues only")
  if (config.groups.length > 0) return refuse("it has consumer groups; the RabbitMQ target runs queues only")
  if ((config.producers ?? []).length > 0) return refuse("it configures producers; queue sends have no producer state")
  if ((config.services ?? []).length > 0) return refuse("it has services; the RabbitMQ target runs queues only")
  const queues = config.queues ?? []
  if (queues.length === 0) return refuse("it has no queue")
  for (const queue of queues) {
    const name = JSON.stringify(queue.name)
    if (isFifo(queue)) return refuse(`queue ${name} is fifo, and RabbitMQ has no FIFO message groups or deduplication ids`)
    if (queue.overflow !== undefined && queue.overflow !== "reject") {
      return refuse(`queue ${name} has overflow ${queue.overflow}; only reject (x-overflow reject-publish) maps onto RabbitMQ with an answer qsem can check`)
    }
    if (queue.receiveCountMax !== undefined && setting.queueType !== "quorum") {
      return refuse(`queue ${name} has a redrive policy, which needs a quorum queue's x-delivery-limit; classic queues count no deliveries (use setting quorum)`)
    }
  }
  return undefined
}
