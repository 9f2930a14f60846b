/**
 * QueueNoLossUnderAtLeastOnce: after the final drain, every message sent to
 * an at-least-once queue (that is no queue's dead-letter queue) was
 * processed, or sits in the queue's dead-letter queue, or a bound dropped it
 * (an `Enqueued` names it as `dropped`: DropOverflowLosesSilently counts that
 * loss). Judged on the queues whose drain the history shows complete (see
 * `internal/queuesDrained.ts`).
 *
 * @module
 */
import type { Config, History } from "../../spec/index.ts"
import { needs } from "./applicability.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { queuesOf, sourceQueuesOfMode, showReceive } from "./internal/queueConfigs.ts"
import { type QueueMessage, QueueReplay, queueReplayOf } from "./internal/queueReplay.ts"
import { undrainedQueuesOf } from "./internal/queuesDrained.ts"

const judgedQueuesOf = (config: Config) => sourceQueuesOfMode(config, "at-least-once")

/** What became of a lost message, for messages. */
const fateOf = (message: QueueMessage): string => {
  if (message.deleted !== undefined) {
    return `receipt ${message.deleted.receipt} of consumer ${message.deleted.consumer} deleted it from ${message.deleted.queue} at step ${message.deleted.step + 1}`
  }
  if (message.latest === undefined) return `it was never received, and it is in ${message.queue}`
  return `its last receive was ${showReceive(message.latest)} from ${message.latest.queue}, and it is in ${message.queue}`
}

/**
 * The first message id (in enqueue order) that an `Enqueued` answer of a
 * drained at-least-once queue gave, that no `QueueProcessed` answer names and
 * that the final listing of the queue's dead-letter queue does not hold;
 * reported at the last step. A message an `Acknowledged` deleted from an
 * at-most-once dead-letter queue is not judged: that queue's consumers
 * acknowledge before they process. Nor is a message an `Enqueued` names as
 * `dropped` (a `drop-oldest` or `drop-newest` bound discarded it).
 */
const always = (history: History, config: Config): Violation | undefined => {
  const queues = judgedQueuesOf(config)
  if (queues.length === 0) return undefined
  const undrained = undrainedQueuesOf(history, config, queues)
  const judged = new Map(queues.filter((queue) => !undrained.has(queue.name)).map((queue) => [queue.name, queue]))
  if (judged.size === 0) return undefined
  const replay = queueReplayOf(history, config)
  const seen = new Set<number>()
  for (let step = 0; step < history.length; step++) {
    const response = history[step].response
    if (response._tag !== "Enqueued" || seen.has(response.messageId)) continue
    seen.add(response.messageId)
    if (replay.drops.has(response.messageId)) continue
    const queue = judged.get(response.queue)
    const message = replay.messages.get(response.messageId)
    if (queue === undefined || message === undefined || message.processedFirstStep !== undefined) continue
    const deadLetterQueue = queue.deadLetterQueue
    if (deadLetterQueue !== undefined) {
      if (replay.listings.get(deadLetterQueue)?.response.messages.some((entry) => entry.messageId === response.messageId) === true) continue
      if (message.deleted?.queue === deadLetterQueue && replay.queue(deadLetterQueue)?.mode === "at-most-once") continue
    }
    return {
      step: history.length - 1,
      message: `at-least-once queue ${queue.name} enqueued message ${response.messageId} at step ${step + 1}, but no QueueProcessed names it by the end of the history${
        deadLetterQueue === undefined ? "" : ` and the final listing of ${deadLetterQueue} does not hold it`
      }: ${fateOf(message)}`
    }
  }
  return undefined
}

/**
 * In an at-least-once queue, a message was received again after the
 * visibility of its previous receive ran out (it was not released: its
 * consumer crashed or was too slow), and the receipt of that redelivery was
 * processed.
 */
const sometimes = (history: History, config: Config): boolean => {
  const queues = new Set(judgedQueuesOf(config).map((queue) => queue.name))
  if (queues.size === 0) return false
  const replay = new QueueReplay(config)
  const redelivered = new Set<number>()
  for (const moment of replay.walk(history)) {
    const response = moment.entry.response
    if (response._tag === "QueueProcessed") {
      if (redelivered.has(response.receipt)) return true
      continue
    }
    const received = moment.received
    if (received === undefined || response._tag !== "Received" || !queues.has(response.queue)) continue
    const message = replay.messages.get(received.messageId)
    const previous = message?.latest
    if (message === undefined || previous === undefined || message.receives === 0) continue
    if (previous.queue === response.queue && message.queue === response.queue && message.visibilityEnd !== "released" && previous.step > message.leftStep()) {
      redelivered.add(received.receipt)
    }
  }
  return false
}

/** The checker of QueueNoLossUnderAtLeastOnce. */
export const queueNoLossUnderAtLeastOnce: GuaranteeCheck = {
  id: "QueueNoLossUnderAtLeastOnce",
  always,
  sometimes,
  judgesDrainedHistory: true,
  undrainedOf: (history, config) => undrainedQueuesOf(history, config, judgedQueuesOf(config)),
  notApplicableReason: needs.atLeastOnceQueue
}
