/**
 * Facts read off a history about one queue, for the "Queue vs stream"
 * section of the generated docs: which of its messages were never processed
 * (and are neither held by a running consumer at the end nor in its
 * dead-letter queue's last listing), processed more than once, received more
 * than once, or moved to its dead-letter queue. Message
 * ids are the run's, over all queues, so a message keeps its id through a
 * move and a redrive.
 *
 * @module
 */
import type { Config } from "../../spec/config.ts"
import type { History } from "../../spec/history.ts"

/** What one history shows of one queue's messages: each list holds message ids, in the order first seen. */
export interface QueueFacts {
  /**
   * Enqueued to the queue (a send a FIFO queue deduplicated enqueued nothing), never processed, not in the
   * dead-letter queue's last listing, and not {@link QueueFacts.held}.
   */
  readonly lost: ReadonlyArray<number>
  /**
   * Never processed, and still in a running consumer's buffer when the history ends (received, neither
   * processed nor released, the consumer not crashed since): its consumer has yet to process it, so it
   * is not counted lost. The final drain makes running queue consumers finish their buffers, so only a
   * target that answers the drain oddly leaves any.
   */
  readonly held: ReadonlyArray<number>
  /** Processed more than once (by `QueueProcessed` answers). */
  readonly processedTwice: ReadonlyArray<number>
  /** Received more than once, by any consumer (after a crash, a visibility timeout, a release or a redrive). */
  readonly redelivered: ReadonlyArray<number>
  /** Moved from the queue to its dead-letter queue (by a `ClockAdvanced` or a `Released` answer). */
  readonly deadLettered: ReadonlyArray<number>
}

const countUp = (counts: Map<number, number>, id: number): void => {
  counts.set(id, (counts.get(id) ?? 0) + 1)
}

const moreThanOnce = (counts: ReadonlyMap<number, number>): ReadonlyArray<number> => [...counts].filter(([, n]) => n > 1).map(([id]) => id)

/** The facts of `queue` in `history` (see {@link QueueFacts}). */
export const queueFactsOf = (history: History, config: Config, queue: string): QueueFacts => {
  const deadLetterQueue = (config.queues ?? []).find((q) => q.name === queue)?.deadLetterQueue
  const enqueued = new Set<number>()
  const ofQueue = new Set<number>()
  const processed = new Map<number, number>()
  const received = new Map<number, number>()
  const deadLettered = new Set<number>()
  let lastDeadLetterListing: ReadonlyArray<number> = []
  /** Per consumer of the queue, its buffer: receipt to message id. */
  const buffers = new Map<string, Map<number, number>>()
  const bufferOf = (consumer: string): Map<number, number> => {
    const buffer = buffers.get(consumer) ?? new Map<number, number>()
    buffers.set(consumer, buffer)
    return buffer
  }
  for (const { response } of history) {
    switch (response._tag) {
      case "Enqueued":
        if (response.queue === queue && response.deduplicated !== true) enqueued.add(response.messageId)
        if (response.queue === queue) ofQueue.add(response.messageId)
        break
      case "Received":
        if (response.queue !== queue) break
        for (const message of response.messages) {
          countUp(received, message.messageId)
          bufferOf(response.consumer).set(message.receipt, message.messageId)
        }
        break
      case "QueueProcessed":
        countUp(processed, response.messageId)
        if (response.queue === queue) bufferOf(response.consumer).delete(response.receipt)
        break
      case "Released":
        if (response.queue !== queue) break
        bufferOf(response.consumer).delete(response.receipt)
        if (response.deadLettered) deadLettered.add(response.messageId)
        break
      case "QueueCrashed":
        if (response.queue === queue) buffers.delete(response.consumer)
        break
      case "ClockAdvanced":
        for (const moved of response.deadLettered ?? []) if (moved.queue === queue) deadLettered.add(moved.messageId)
        break
      case "QueueListed":
        if (response.queue === deadLetterQueue) lastDeadLetterListing = response.messages.map((message) => message.messageId)
        break
    }
  }
  const inDeadLetterQueue = new Set(lastDeadLetterListing)
  const held = new Set([...buffers.values()].flatMap((buffer) => [...buffer.values()]))
  const unprocessed = [...enqueued].filter((id) => !processed.has(id))
  return {
    lost: unprocessed.filter((id) => !inDeadLetterQueue.has(id) && !held.has(id)),
    held: unprocessed.filter((id) => held.has(id)),
    processedTwice: moreThanOnce(processed).filter((id) => ofQueue.has(id)),
    redelivered: moreThanOnce(received),
    deadLettered: [...deadLettered]
  }
}
