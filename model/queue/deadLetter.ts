/**
 * Dead-lettering (spec/command/queue.ts): a message whose receive count
 * reached its queue's `receiveCountMax` is moved to the end of the
 * dead-letter queue at the moment its visibility ends (a `ClockAdvance`
 * reaching it, or a `QueueRelease`), instead of becoming visible again. It
 * keeps its id, receive count and latest receipt (stale now: the dead-letter
 * queue did not issue it), lands visible and remembers its source.
 *
 * @module
 */
import type { DeadLettered } from "../../spec/queue.ts"
import type { World } from "../world.ts"
import type { QueueMessage, Queues } from "./queueState.ts"
import { messageDeadLettered, messagesWithout, withMessages } from "./queueState.ts"

/** Whether the queue at `queueIndex` moves the message to its dead-letter queue when its visibility ends. */
export const isExhausted = (world: World, queueIndex: number, message: QueueMessage): boolean => {
  const receiveCountMax = world.receiveCountMax[queueIndex]
  return receiveCountMax > 0 && message.receiveCount >= receiveCountMax
}

/** The queues after the message at `position` of the queue at `queueIndex` moved to the end of its dead-letter queue. */
export const moveToDeadLetterQueue = (world: World, queues: Queues, queueIndex: number, position: number): Queues => {
  const deadLetterIndex = world.deadLetterQueueIndex[queueIndex]
  const source = queues.byIndex[queueIndex]
  const target = queues.byIndex[deadLetterIndex]
  const byIndex = queues.byIndex.slice()
  byIndex[queueIndex] = withMessages(source, messagesWithout(source.messages, position))
  byIndex[deadLetterIndex] = withMessages(target, [...target.messages, messageDeadLettered(source.messages[position], queueIndex)])
  return { byIndex, receipts: queues.receipts, messageIdNext: queues.messageIdNext }
}

/**
 * The moves of a `ClockAdvance` to `nowMs`: queue by queue in configuration
 * order and each queue in queue order, every message whose visibility ended
 * (`inFlightUntilMs <= nowMs`) and whose receive count reached its queue's
 * `receiveCountMax` goes to the end of its dead-letter queue. Returns the
 * queues (the same object when nothing moved) and the moves in order.
 */
export const moveExhausted = (world: World, queues: Queues, nowMs: number): { readonly queues: Queues; readonly moved: ReadonlyArray<DeadLettered> } => {
  const moved: Array<DeadLettered> = []
  let byIndex: Array<(typeof queues.byIndex)[number]> | undefined
  const names = world.config.queues!
  for (const queueIndex of world.queuesWithPolicy) {
    const source = (byIndex ?? queues.byIndex)[queueIndex]
    const messages = source.messages
    let kept: Array<QueueMessage> | undefined
    let leaving: Array<QueueMessage> | undefined
    for (let i = 0; i < messages.length; i++) {
      const message = messages[i]
      if (message.inFlightUntilMs <= nowMs && isExhausted(world, queueIndex, message)) {
        if (kept === undefined) {
          kept = messages.slice(0, i)
          leaving = []
        }
        leaving!.push(messageDeadLettered(message, queueIndex))
        moved.push({ queue: names[queueIndex].name, messageId: message.messageId, deadLetterQueue: names[world.deadLetterQueueIndex[queueIndex]].name })
      } else if (kept !== undefined) kept.push(message)
    }
    if (kept === undefined) continue
    if (byIndex === undefined) byIndex = queues.byIndex.slice()
    const deadLetterIndex = world.deadLetterQueueIndex[queueIndex]
    byIndex[queueIndex] = withMessages(source, kept)
    const target = byIndex[deadLetterIndex]
    byIndex[deadLetterIndex] = withMessages(target, target.messages.concat(leaving!))
  }
  return byIndex === undefined ? { queues, moved } : { queues: { byIndex, receipts: queues.receipts, messageIdNext: queues.messageIdNext }, moved }
}
