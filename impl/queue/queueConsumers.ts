/**
 * The client side of queues: per (queue, consumer), the running consumer's
 * buffer, the receipts it received and has neither processed nor released,
 * in receive order. A crash destroys it; the broker side is untouched.
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"

/** The queue consumers' buffers (every method names its queue and consumer). */
export interface QueueConsumersShape {
  /** Appends the receipts to the consumer's buffer, starting a client when it has none. */
  readonly hold: (queue: string, consumer: string, receipts: ReadonlyArray<number>) => void
  /** Removes the receipt from the consumer's buffer; whether it was there. */
  readonly take: (queue: string, consumer: string, receipt: number) => boolean
  /** Destroys the consumer's client; the receipts its buffer held, in receive order (none without a client). */
  readonly crash: (queue: string, consumer: string) => ReadonlyArray<number>
  /** Destroys every client of the queue; each consumer with the receipts it held, in the order the clients started. */
  readonly crashAll: (queue: string) => ReadonlyArray<readonly [consumer: string, receipts: ReadonlyArray<number>]>
}

/** One queue's buffers, by consumer. */
type Buffers = ReadonlyMap<string, ReadonlyArray<number>>

const none: Buffers = new Map()

/** No consumer running. */
export const queueConsumersOf = (): QueueConsumersShape => {
  let byQueue: ReadonlyMap<string, Buffers> = new Map()
  /** Replaces the consumer's buffer with `f` of it (`undefined`: no client), answering what `f` says. */
  const modify = <A>(queue: string, consumer: string, f: (buffer: ReadonlyArray<number> | undefined) => readonly [A, ReadonlyArray<number> | undefined]): A => {
    const buffers = byQueue.get(queue) ?? none
    const before = buffers.get(consumer)
    const [answer, after] = f(before)
    if (after === before) return answer
    const next = new Map(buffers)
    if (after === undefined) next.delete(consumer)
    else next.set(consumer, after)
    byQueue = new Map(byQueue).set(queue, next)
    return answer
  }

  return {
    hold(queue, consumer, receipts) {
      return modify(queue, consumer, (buffer) => [undefined, [...(buffer ?? []), ...receipts]])
    },
    take(queue, consumer, receipt) {
      return modify(queue, consumer, (buffer) => {
        const index = buffer === undefined ? -1 : buffer.indexOf(receipt)
        if (buffer === undefined || index < 0) return [false, buffer]
        return [true, [...buffer.slice(0, index), ...buffer.slice(index + 1)]]
      })
    },
    crash(queue, consumer) {
      return modify(queue, consumer, (buffer) => [buffer ?? [], undefined])
    },
    crashAll(queue) {
      const buffers = byQueue.get(queue)
      if (buffers === undefined || buffers.size === 0) return []
      byQueue = new Map(byQueue).set(queue, none)
      return [...buffers]
    }
  }
}

/** {@link queueConsumersOf}, as an Effect. */
export const makeQueueConsumers: Effect.Effect<QueueConsumersShape> = Effect.sync(queueConsumersOf)

/** The queue consumers' clients. */
export class QueueConsumers extends Context.Service<QueueConsumers, QueueConsumersShape>()("qsem/impl/QueueConsumers") {
  /** No consumer running. */
  static readonly layer: Layer.Layer<QueueConsumers> = Layer.effect(QueueConsumers, makeQueueConsumers)
}
