/**
 * Redrive (spec/command/queue.ts `QueueRedrive`): every message of a
 * dead-letter queue that was moved there from a source queue and is not in
 * flight leaves it, in queue order, and is appended to its source: visible,
 * receive count 0, no receipt (its old receipts are stale), same id, group
 * and dedup id (no deduplication check). Messages without a source, and
 * messages a consumer of the dead-letter queue holds in flight, stay.
 *
 * @module
 */
import type { RedrivenMessage } from "../../spec/queue.ts"
import type { World } from "../world.ts"
import type { QueueMessage, Queues, QueueState } from "./queueState.ts"
import { withMessages } from "./queueState.ts"
import { isInFlight } from "./visibility.ts"

/** The message as a redrive appends it to its source: visible, count 0, no receipt, no source. */
export const messageRedriven = (message: QueueMessage): QueueMessage => ({
  messageId: message.messageId,
  value: message.value,
  group: message.group,
  dedupId: message.dedupId,
  receiveCount: 0,
  receipt: -1,
  inFlightUntilMs: 0,
  sourceIndex: -1
})

/** The queues after redriving the dead-letter queue at `deadLetterIndex` at `nowMs`, and the moved messages in order (same queues when none moved). */
export const redrive = (
  world: World,
  queues: Queues,
  deadLetterIndex: number,
  nowMs: number
): { readonly queues: Queues; readonly redriven: ReadonlyArray<RedrivenMessage> } => {
  const deadLetterQueue = queues.byIndex[deadLetterIndex]
  const kept: Array<QueueMessage> = []
  const redriven: Array<RedrivenMessage> = []
  const appended = new Map<number, Array<QueueMessage>>()
  const names = world.config.queues!
  for (const message of deadLetterQueue.messages) {
    if (message.sourceIndex < 0 || isInFlight(message, nowMs)) {
      kept.push(message)
      continue
    }
    redriven.push({ messageId: message.messageId, source: names[message.sourceIndex].name })
    const list = appended.get(message.sourceIndex)
    if (list === undefined) appended.set(message.sourceIndex, [messageRedriven(message)])
    else list.push(messageRedriven(message))
  }
  if (redriven.length === 0) return { queues, redriven }
  const byIndex: Array<QueueState> = queues.byIndex.slice()
  byIndex[deadLetterIndex] = withMessages(deadLetterQueue, kept)
  for (const [sourceIndex, messages] of appended) byIndex[sourceIndex] = withMessages(byIndex[sourceIndex], byIndex[sourceIndex].messages.concat(messages))
  return { queues: { byIndex, receipts: queues.receipts, messageIdNext: queues.messageIdNext }, redriven }
}
