/**
 * The broker's and the clients' queue state (spec/command/queue.ts): per
 * queue its messages in queue order, its FIFO dedup table and its consumers'
 * buffers, and over all queues the message-id counter and every receipt
 * issued. Persistent like the rest of the state: a step copies only the queue
 * it changes (its message array, copied on write) and the array of queues
 * (O(#queues)); receipts and dedup recordings are O(1) appends.
 *
 * @module
 */
import type { RememberedDedupId } from "../../spec/queue.ts"
import * as Seq from "../internal/seq.ts"
import type { ConsumerBuffers } from "./consumers.ts"
import { consumerBuffersEmpty } from "./consumers.ts"

/** One message of a queue, as the broker keeps it. */
export interface QueueMessage {
  /** The run's n-th enqueued message (0-based, all queues); kept by a move to or from a dead-letter queue. */
  readonly messageId: number
  readonly value: string
  /** Its FIFO message group, as sent. */
  readonly group: string | undefined
  /** Its deduplication id, as sent. */
  readonly dedupId: string | undefined
  /** Its receives since it was enqueued or last redriven. */
  readonly receiveCount: number
  /** Its latest receipt, -1 before its first receive since it was enqueued or redriven. */
  readonly receipt: number
  /** The end of its visibility timeout: it is in flight while `nowMs < inFlightUntilMs` (0 when visible). */
  readonly inFlightUntilMs: number
  /** In a dead-letter queue: the index of the queue it was moved from, else -1. */
  readonly sourceIndex: number
}

/** One queue. */
export interface QueueState {
  /** Its messages, in queue order (never changed in place: copied on write). */
  readonly messages: ReadonlyArray<QueueMessage>
  /** A FIFO queue's dedup recordings, in enqueue order: an id's latest recording is what it remembers. */
  readonly dedup: Seq.Seq<RememberedDedupId>
  /** Its consumers' clients (receipt buffers). */
  readonly consumers: ConsumerBuffers
}

/** A receipt as issued: the queue that issued it and the message it delivered. */
export interface IssuedReceipt {
  readonly queueIndex: number
  readonly messageId: number
}

/** Every queue's state, by configuration index, and the run-wide counters. */
export interface Queues {
  /** Per queue, by index in `Config.queues`. */
  readonly byIndex: ReadonlyArray<QueueState>
  /** Receipt n is at position n: every receipt any receive issued, in order. */
  readonly receipts: Seq.Seq<IssuedReceipt>
  /** The id the next enqueued message gets. */
  readonly messageIdNext: number
}

/** An empty queue without consumers. */
export const queueStateEmpty = (): QueueState => ({ messages: [], dedup: Seq.empty(), consumers: consumerBuffersEmpty })

/** The queues of a config with `count` queues: all empty, no message enqueued, no receipt issued. */
export const queuesEmpty = (count: number): Queues => ({
  byIndex: Array.from({ length: count }, queueStateEmpty),
  receipts: Seq.empty(),
  messageIdNext: 0
})

/** The queues with the queue at `index` replaced. */
export const withQueueState = (queues: Queues, index: number, queue: QueueState): Queues => {
  const byIndex = queues.byIndex.slice()
  byIndex[index] = queue
  return { byIndex, receipts: queues.receipts, messageIdNext: queues.messageIdNext }
}

/** The queue with its messages replaced. */
export const withMessages = (queue: QueueState, messages: ReadonlyArray<QueueMessage>): QueueState => ({
  messages,
  dedup: queue.dedup,
  consumers: queue.consumers
})

/** The position of the message with this id in the queue, or -1. */
export const positionOfMessage = (queue: QueueState, messageId: number): number => {
  const messages = queue.messages
  for (let i = 0; i < messages.length; i++) if (messages[i].messageId === messageId) return i
  return -1
}

/** The messages with the one at `position` replaced (a copy). */
export const messagesWith = (messages: ReadonlyArray<QueueMessage>, position: number, message: QueueMessage): ReadonlyArray<QueueMessage> => {
  const next = messages.slice()
  next[position] = message
  return next
}

/** The messages without the one at `position` (a copy). */
export const messagesWithout = (messages: ReadonlyArray<QueueMessage>, position: number): ReadonlyArray<QueueMessage> => {
  const next = messages.slice()
  next.splice(position, 1)
  return next
}

/** The message with a new receive state: count, latest receipt and visibility end. */
export const messageReceived = (message: QueueMessage, receiveCount: number, receipt: number, inFlightUntilMs: number): QueueMessage => ({
  messageId: message.messageId,
  value: message.value,
  group: message.group,
  dedupId: message.dedupId,
  receiveCount,
  receipt,
  inFlightUntilMs,
  sourceIndex: message.sourceIndex
})

/** The message with its visibility end replaced. */
export const messageVisibleFrom = (message: QueueMessage, inFlightUntilMs: number): QueueMessage =>
  messageReceived(message, message.receiveCount, message.receipt, inFlightUntilMs)

/** The message as it lands in a dead-letter queue: visible, its count and receipt kept, its source remembered. */
export const messageDeadLettered = (message: QueueMessage, sourceIndex: number): QueueMessage => ({
  messageId: message.messageId,
  value: message.value,
  group: message.group,
  dedupId: message.dedupId,
  receiveCount: message.receiveCount,
  receipt: message.receipt,
  inFlightUntilMs: 0,
  sourceIndex
})
