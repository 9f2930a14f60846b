/**
 * The configs the MQTT target cannot run, and why, in one line each: MQTT
 * has topics without a log (no offsets, no consumer groups with committed
 * positions), and none of SQS's queue features besides delivery itself.
 *
 * @module
 */
import type { Config } from "../../spec/config.ts"

/** Why the MQTT target cannot run `config`, or `undefined` when it can. */
export const mqttRefusalOf = (config: Config): string | undefined => {
  const lead = "the mqtt target cannot run this config:"
  if (config.topics.length > 0 || config.groups.length > 0) {
    return `${lead} it runs queues only (MQTT keeps no log to read from offsets and has no consumer groups with committed positions); give "topics": [] and "groups": []`
  }
  if ((config.services ?? []).length > 0) return `${lead} services publish to topics, which it does not run`
  if ((config.producers ?? []).length > 0) return `${lead} configured producers (idempotent, transactional) belong to topics, which it does not run`
  const queues = config.queues ?? []
  if (queues.length === 0) return `${lead} it has no queue`
  for (const queue of queues) {
    const name = JSON.stringify(queue.name)
    if (queue.fifo === true || queue.dedupWindowMs !== undefined) {
      return `${lead} queue ${name} is FIFO, but MQTT has no message groups and no deduplication ids (a shared subscription orders nothing across its members)`
    }
    if (queue.receiveCountMax !== undefined || queue.deadLetterQueue !== undefined) {
      return `${lead} queue ${name} has a redrive policy, but MQTT counts no deliveries and has no dead-letter queue`
    }
    if (queue.messagesMax !== undefined || queue.overflow !== undefined) {
      return `${lead} queue ${name} is bounded, but MQTT has no bounded queue that answers the producer (Mosquitto's max_queued_messages drops silently, per session)`
    }
  }
  return undefined
}
