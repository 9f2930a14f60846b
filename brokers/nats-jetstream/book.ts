/**
 * What the JetStream adapter remembers of a session, beside the broker: the
 * run's numbering (message ids, receipts) mapped onto JetStream's (stream
 * sequences, ack subjects), each consumer client's buffer, and the logical
 * times of deliveries and dedup ids.
 *
 * The broker decides what is delivered, deleted and deduplicated; this book
 * only names it in the run's terms. Two answers come from the book alone,
 * because JetStream does not expose them per message: whether a message's
 * latest delivery is still in flight (its logical receive time plus the
 * queue's visibility timeout, or the end a `working()` set; the server's ack
 * timer runs half a quantum earlier in real time), and the dedup ids a
 * stream remembers (the server keeps them in a map it does not list).
 *
 * @module
 */
import type { QueueConfig } from "../../spec/config.ts"

/** One delivery of a message: what a receipt stands for. */
export interface Delivery {
  readonly queueIndex: number
  readonly messageId: number
  readonly streamSeq: number
  /** The ack subject of this delivery: `+ACK`, `-NAK` and `+WPI` go there. */
  readonly ackSubject: string
  /** JetStream's delivery count for this delivery (1 on the first). */
  readonly receiveCount: number
}

/** A message the session enqueued, as the book knows it. */
export interface MessageRecord {
  readonly messageId: number
  readonly queueIndex: number
  /** Its stream sequence (a send after a restart that lost the stream may reuse a sequence: the latest owner wins in `bySeq`). */
  readonly streamSeq: number
  readonly value: string
  readonly group: string | undefined
  readonly dedupId: string | undefined
  /** The receipt of its latest delivery, or -1 before its first. */
  latestReceipt: number
  /** The delivery count of its latest delivery (0 before its first). */
  receiveCount: number
  /** The logical end of its latest delivery's visibility (0 before its first). */
  inFlightUntilMs: number
  /** Whether an acknowledgement deleted it from its stream (the ack answered `deleted: true`). */
  deleted: boolean
}

/** A dedup id a FIFO queue enqueued, and when (logical ms). */
export interface DedupRecord {
  readonly dedupId: string
  readonly messageId: number
  readonly atMs: number
}

/** The book of one queue. */
export class QueueBook {
  /** Each consumer with a running client: its buffer of receipts, in receive order; clients in the order they started. */
  readonly consumers = new Map<string, Array<number>>()
  /** The message id that last got each stream sequence. */
  readonly bySeq = new Map<number, number>()
  /** Per dedup id, its latest enqueue. */
  readonly dedup = new Map<string, DedupRecord>()

  constructor(readonly config: QueueConfig, readonly index: number) {}

  /** The dedup ids enqueued less than the window before `nowMs`, by `atMs`, then id (plain string order). */
  remembered(nowMs: number, windowMs: number): Array<DedupRecord> {
    return [...this.dedup.values()]
      .filter((record) => nowMs < record.atMs + windowMs)
      .sort((a, b) => a.atMs - b.atMs || (a.dedupId < b.dedupId ? -1 : a.dedupId > b.dedupId ? 1 : 0))
  }
}

/** The book of a session: every queue's, and the run's counters. */
export class SessionBook {
  readonly queues: ReadonlyArray<QueueBook>
  readonly queueIndex: ReadonlyMap<string, number>
  readonly messages = new Map<number, MessageRecord>()
  /** Receipt n is `deliveries[n]`. */
  readonly deliveries: Array<Delivery> = []
  messageIdNext = 0

  constructor(queues: ReadonlyArray<QueueConfig>) {
    this.queues = queues.map((queue, index) => new QueueBook(queue, index))
    this.queueIndex = new Map(queues.map((queue, index) => [queue.name, index]))
  }

  /** The queue's book, or `undefined` for a queue the config does not have. */
  queue(name: string): QueueBook | undefined {
    const index = this.queueIndex.get(name)
    return index === undefined ? undefined : this.queues[index]
  }

  /** The delivery behind a receipt the queue issued, or `undefined` (`UnknownReceipt`). */
  delivery(queue: QueueBook, receipt: number): Delivery | undefined {
    const delivery = Number.isSafeInteger(receipt) ? this.deliveries[receipt] : undefined
    return delivery !== undefined && delivery.queueIndex === queue.index ? delivery : undefined
  }

  /** Records a message the broker stored, with the next message id. */
  enqueued(queue: QueueBook, streamSeq: number, value: string, group: string | undefined, dedupId: string | undefined, nowMs: number): MessageRecord {
    const record: MessageRecord = {
      messageId: this.messageIdNext++,
      queueIndex: queue.index,
      streamSeq,
      value,
      group,
      dedupId,
      latestReceipt: -1,
      receiveCount: 0,
      inFlightUntilMs: 0,
      deleted: false
    }
    this.messages.set(record.messageId, record)
    queue.bySeq.set(streamSeq, record.messageId)
    if (dedupId !== undefined) queue.dedup.set(dedupId, { dedupId, messageId: record.messageId, atMs: nowMs })
    return record
  }

  /**
   * Records a delivery and gives it the next receipt; the consumer's buffer
   * gets it. A delivered message is in its queue again even if an ack had
   * deleted it (a SIGKILL can undo a deletion: see the profile).
   */
  delivered(queue: QueueBook, consumer: string, record: MessageRecord, streamSeq: number, ackSubject: string, receiveCount: number, inFlightUntilMs: number): number {
    const receipt = this.deliveries.length
    this.deliveries.push({ queueIndex: queue.index, messageId: record.messageId, streamSeq, ackSubject, receiveCount })
    record.deleted = false
    record.latestReceipt = receipt
    record.receiveCount = receiveCount
    record.inFlightUntilMs = inFlightUntilMs
    this.buffer(queue, consumer).push(receipt)
    return receipt
  }

  /** The consumer's buffer, starting its client if it has none. */
  buffer(queue: QueueBook, consumer: string): Array<number> {
    let buffer = queue.consumers.get(consumer)
    if (buffer === undefined) {
      buffer = []
      queue.consumers.set(consumer, buffer)
    }
    return buffer
  }

  /** Takes the receipt out of the consumer's buffer; whether it was there. */
  takeFromBuffer(queue: QueueBook, consumer: string, receipt: number): boolean {
    const buffer = queue.consumers.get(consumer)
    const at = buffer === undefined ? -1 : buffer.indexOf(receipt)
    if (at < 0) return false
    buffer!.splice(at, 1)
    return true
  }

  /**
   * Whether the delivery's message is in flight at `nowMs`: not deleted, and
   * its latest delivery (this one or a later one) not past its visibility
   * (the book's view: see the module comment).
   */
  messageInFlight(delivery: Delivery, nowMs: number): boolean {
    const record = this.messages.get(delivery.messageId)
    return record !== undefined && !record.deleted && nowMs < record.inFlightUntilMs
  }
}
