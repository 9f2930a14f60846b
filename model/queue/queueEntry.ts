/**
 * A queue's messages as `ObserverQueue` lists them (spec/queue.ts
 * `QueueEntry`): optional fields present only when they apply.
 *
 * @module
 */
import type { QueueEntry } from "../../spec/queue.ts"
import type { QueueMessage } from "./queueState.ts"
import { isInFlight } from "./visibility.ts"

/** The message as a listing at `nowMs` shows it, its fields in the order of `QueueEntry`; `queueName` names its source. */
export const queueEntry = (message: QueueMessage, nowMs: number, queueName: (index: number) => string): QueueEntry => ({
  messageId: message.messageId,
  value: message.value,
  ...(message.group === undefined ? {} : { group: message.group }),
  ...(message.dedupId === undefined ? {} : { dedupId: message.dedupId }),
  receiveCount: message.receiveCount,
  ...(message.receipt < 0 ? {} : { receipt: message.receipt }),
  ...(isInFlight(message, nowMs) ? { inFlightUntilMs: message.inFlightUntilMs } : {}),
  ...(message.sourceIndex < 0 ? {} : { source: queueName(message.sourceIndex) })
})
