/**
 * The client side of a queue: per consumer, its running client's buffer, the
 * receipts of the messages it received and has neither processed nor
 * released, in receive order (spec/command/queue.ts). A consumer without a
 * client has no entry; `QueueCrash` removes it. Persistent: every change
 * copies the (small) map and the one buffer it touches.
 *
 * @module
 */

/** Per consumer with a running client: its buffer of receipts, in receive order. */
export type ConsumerBuffers = ReadonlyMap<string, ReadonlyArray<number>>

/** No consumer has a client. Shared: never changed. */
export const consumerBuffersEmpty: ConsumerBuffers = new Map()

/** The consumer's buffer, or `undefined` when it has no client. */
export const bufferOf = (consumers: ConsumerBuffers, consumer: string): ReadonlyArray<number> | undefined => consumers.get(consumer)

/** The buffers after the consumer received `receipts` (a consumer without a client starts one). */
export const buffersReceived = (consumers: ConsumerBuffers, consumer: string, receipts: ReadonlyArray<number>): ConsumerBuffers => {
  const buffer = consumers.get(consumer)
  if (buffer !== undefined && receipts.length === 0) return consumers
  const next = new Map(consumers)
  next.set(consumer, buffer === undefined ? receipts : buffer.concat(receipts))
  return next
}

/** Whether the consumer's buffer holds the receipt. */
export const holdsReceipt = (consumers: ConsumerBuffers, consumer: string, receipt: number): boolean =>
  consumers.get(consumer)?.includes(receipt) === true

/** The buffers with the receipt gone from the consumer's buffer (the same buffers when it was not there). */
export const buffersWithout = (consumers: ConsumerBuffers, consumer: string, receipt: number): ConsumerBuffers => {
  const buffer = consumers.get(consumer)
  if (buffer === undefined) return consumers
  const index = buffer.indexOf(receipt)
  if (index < 0) return consumers
  const next = new Map(consumers)
  next.set(consumer, buffer.filter((_, i) => i !== index))
  return next
}

/** The buffers without the consumer's client (the same buffers when it had none). */
export const buffersCrashed = (consumers: ConsumerBuffers, consumer: string): ConsumerBuffers => {
  if (!consumers.has(consumer)) return consumers
  const next = new Map(consumers)
  next.delete(consumer)
  return next
}
