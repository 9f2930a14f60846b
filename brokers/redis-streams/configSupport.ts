/**
 * Which configs the Redis Streams target runs: queues only, without the
 * queue features Redis Streams 7.0 does not have, and with a clock quantum
 * (its visibility is real time). Anything else is refused at `open` with
 * one line naming what is wrong.
 *
 * @module
 */
import type { Config } from "../../spec/config.ts"

/** Why the Redis Streams target cannot run `config`, in one clause; `undefined` when it can. */
export const configProblemOf = (config: Config): string | undefined => {
  if (config.topics.length > 0 || config.groups.length > 0) return "it has topics or consumer groups (the adapter translates queue commands only)"
  if ((config.producers ?? []).length > 0 || (config.services ?? []).length > 0) return "it has producers or services (the adapter translates queue commands only)"
  const queues = config.queues ?? []
  if (queues.length === 0) return "it has no queue"
  if (config.clockQuantumMs === undefined) return "it has no clockQuantumMs (Redis measures idle time in real time: every timeout must sit half a quantum away from the times a run reaches)"
  for (const queue of queues) {
    if (queue.receiveCountMax !== undefined || queue.deadLetterQueue !== undefined) {
      return `queue ${JSON.stringify(queue.name)} has a redrive policy (Redis Streams has no dead-letter queue and no delivery limit)`
    }
    if (queue.fifo === true) return `queue ${JSON.stringify(queue.name)} is FIFO (Redis Streams 7.0 has no message groups and no deduplication)`
    if (queue.messagesMax !== undefined || queue.overflow !== undefined) {
      return `queue ${JSON.stringify(queue.name)} is bounded (XADD MAXLEN trims the oldest entries, delivered or not, and tells nobody: not the model's overflow)`
    }
  }
  return undefined
}
