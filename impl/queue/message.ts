/**
 * A message as a queue stores it, and how it shows in the answers: as a
 * receive delivers it (`ReceivedMessage`) and as a listing shows it
 * (`QueueEntry`). Optional fields are absent, never `undefined`, when they
 * do not apply.
 *
 * @module
 */
import type { QueueEntry, ReceivedMessage } from "../../spec/queue.ts"

/**
 * One message of a queue: its id, body, group and dedup id as sent, its
 * receive count since it was enqueued or last redriven, its latest receipt
 * (none before its first receive since then), the end of its latest
 * visibility timeout (kept once over: the message is in flight while
 * `nowMs < inFlightUntilMs`) and, in a dead-letter queue, the queue it was
 * moved from.
 */
export interface StoredMessage {
  readonly messageId: number
  readonly value: string
  readonly group?: string
  readonly dedupId?: string
  readonly receiveCount: number
  readonly receipt?: number
  readonly inFlightUntilMs?: number
  readonly source?: string
}

/** What a send puts in a message: its body, and on a FIFO queue its group and dedup id. */
export interface MessageSent {
  readonly value: string
  readonly group?: string
  readonly dedupId?: string
}

/** Whether the message is in flight at `nowMs`: received, and its visibility not over. */
export const isInFlight = (message: StoredMessage, nowMs: number): boolean =>
  message.inFlightUntilMs !== undefined && nowMs < message.inFlightUntilMs

/** A fresh message: visible, never received. */
export const messageOf = (messageId: number, sent: MessageSent): StoredMessage => ({
  messageId,
  value: sent.value,
  ...(sent.group === undefined ? {} : { group: sent.group }),
  ...(sent.dedupId === undefined ? {} : { dedupId: sent.dedupId }),
  receiveCount: 0
})

/** The message without a visibility end: visible from now on. */
export const visible = (message: StoredMessage): StoredMessage => {
  if (message.inFlightUntilMs === undefined) return message
  const { inFlightUntilMs: _ended, ...rest } = message
  return rest
}

/** The message as a receive hands it out, with its new receipt and receive count. */
export const receivedOf = (message: StoredMessage, receipt: number): ReceivedMessage => ({
  messageId: message.messageId,
  value: message.value,
  ...(message.group === undefined ? {} : { group: message.group }),
  ...(message.dedupId === undefined ? {} : { dedupId: message.dedupId }),
  receipt,
  receiveCount: message.receiveCount
})

/** The message as `ObserverQueue` lists it at `nowMs` (`inFlightUntilMs` only while it is in flight). */
export const entryOf = (message: StoredMessage, nowMs: number): QueueEntry => ({
  messageId: message.messageId,
  value: message.value,
  ...(message.group === undefined ? {} : { group: message.group }),
  ...(message.dedupId === undefined ? {} : { dedupId: message.dedupId }),
  receiveCount: message.receiveCount,
  ...(message.receipt === undefined ? {} : { receipt: message.receipt }),
  ...(message.inFlightUntilMs !== undefined && nowMs < message.inFlightUntilMs ? { inFlightUntilMs: message.inFlightUntilMs } : {}),
  ...(message.source === undefined ? {} : { source: message.source })
})
