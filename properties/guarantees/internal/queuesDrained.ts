/**
 * Drain completeness, per queue, as the history itself shows it (the
 * queues' counterpart of `drainedGroups.ts`). For a config with queues, the
 * final drain moves the clock past every visibility end, lets a consumer
 * `drainer` empty every queue that is no queue's dead-letter queue (receive,
 * process, acknowledge), then lists every queue with `ObserverQueue`; the
 * checkers that judge a queue's drained history judge only the queues this
 * module calls drained.
 *
 * @module
 */
import type { Config, History, QueueConfig } from "../../../spec/index.ts"
import { isDeadLetterQueueOf } from "./queueConfigs.ts"
import { queueReplayOf, type QueueReplay } from "./queueReplay.ts"

/** Why the queue's last listing is not after its last change, or `undefined` when it is. */
const unlistedReason = (replay: QueueReplay, queue: string, role: string): string | undefined => {
  const changed = replay.changedLast.get(queue) ?? -1
  const listing = replay.listings.get(queue)
  if (listing !== undefined && listing.step > changed) return undefined
  return `no ObserverQueue lists ${role}${changed >= 0 ? ` after its last change (step ${changed + 1})` : ""}`
}

/** Why the queue's drain is not shown complete, or `undefined` when it is. */
const undrainedReason = (replay: QueueReplay, config: Config, queue: QueueConfig): string | undefined => {
  const unlisted = unlistedReason(replay, queue.name, queue.name)
  if (unlisted !== undefined) return unlisted
  const listing = replay.listings.get(queue.name)!
  if (!isDeadLetterQueueOf(config, queue.name) && listing.response.messages.length > 0) {
    return `the last listing of ${queue.name} (step ${listing.step + 1}) still holds message ${listing.response.messages[0].messageId}`
  }
  if (queue.deadLetterQueue === undefined) return undefined
  return unlistedReason(replay, queue.deadLetterQueue, `${queue.deadLetterQueue} (${queue.name}'s dead-letter queue)`)
}

/**
 * The queues among `queues` whose drain the history does not show complete,
 * each with the reason in one line. A queue is drained when:
 *
 * 1. a `QueueListed` answer lists it after its last change (an append, a
 *    receive of one of its messages, a deletion, a visibility change, a move
 *    out of it or into it, a redrive);
 * 2. that listing holds no message, unless the queue is a dead-letter queue
 *    (the drain does not empty those);
 * 3. its dead-letter queue, if it has one, is listed after its own last
 *    change.
 */
export const undrainedQueuesOf = (history: History, config: Config, queues: ReadonlyArray<QueueConfig>): ReadonlyMap<string, string> => {
  const undrained = new Map<string, string>()
  if (queues.length === 0) return undrained
  const replay = queueReplayOf(history, config)
  for (const queue of queues) {
    const reason = undrainedReason(replay, config, queue)
    if (reason !== undefined) undrained.set(queue.name, reason)
  }
  return undrained
}
