/**
 * The client side of queues: per (queue, consumer), the running consumer's
 * buffer, the receipts it received and has neither processed nor released,
 * in receive order. A crash destroys it; the broker side is untouched.
 *
 * @module
 */
import { Context, Effect, Layer, Ref } from "effect"

/** The queue consumers' buffers (every method names its queue and consumer). */
export interface QueueConsumersShape {
  /** Appends the receipts to the consumer's buffer, starting a client when it has none. */
  readonly hold: (queue: string, consumer: string, receipts: ReadonlyArray<number>) => Effect.Effect<void>
  /** Removes the receipt from the consumer's buffer; whether it was there. */
  readonly take: (queue: string, consumer: string, receipt: number) => Effect.Effect<boolean>
  /** Destroys the consumer's client; the receipts its buffer held, in receive order (none without a client). */
  readonly crash: (queue: string, consumer: string) => Effect.Effect<ReadonlyArray<number>>
  /** Destroys every client of the queue; each consumer with the receipts it held, in the order the clients started. */
  readonly crashAll: (queue: string) => Effect.Effect<ReadonlyArray<readonly [consumer: string, receipts: ReadonlyArray<number>]>>
}

/** One queue's buffers, by consumer. */
type Buffers = ReadonlyMap<string, ReadonlyArray<number>>

const none: Buffers = new Map()

/** No consumer running. */
export const makeQueueConsumers: Effect.Effect<QueueConsumersShape> = Effect.gen(function*() {
  const byQueue = yield* Ref.make<ReadonlyMap<string, Buffers>>(new Map())
  /** Replaces the consumer's buffer with `f` of it (`undefined`: no client), answering what `f` says. */
  const modify = <A>(queue: string, consumer: string, f: (buffer: ReadonlyArray<number> | undefined) => readonly [A, ReadonlyArray<number> | undefined]) =>
    Ref.modify(byQueue, (queues): [A, ReadonlyMap<string, Buffers>] => {
      const buffers = queues.get(queue) ?? none
      const before = buffers.get(consumer)
      const [answer, after] = f(before)
      if (after === before) return [answer, queues]
      const next = new Map(buffers)
      if (after === undefined) next.delete(consumer)
      else next.set(consumer, after)
      return [answer, new Map(queues).set(queue, next)]
    })

  return {
    hold: (queue, consumer, receipts) => modify(queue, consumer, (buffer) => [undefined, [...(buffer ?? []), ...receipts]]),
    take: (queue, consumer, receipt) =>
      modify(queue, consumer, (buffer) => {
        const index = buffer === undefined ? -1 : buffer.indexOf(receipt)
        if (buffer === undefined || index < 0) return [false, buffer]
        return [true, [...buffer.slice(0, index), ...buffer.slice(index + 1)]]
      }),
    crash: (queue, consumer) => modify(queue, consumer, (buffer) => [buffer ?? [], undefined]),
    crashAll: (queue) =>
      Ref.modify(byQueue, (queues): [ReadonlyArray<readonly [string, ReadonlyArray<number>]>, ReadonlyMap<string, Buffers>] => {
        const buffers = queues.get(queue)
        if (buffers === undefined || buffers.size === 0) return [[], queues]
        return [[...buffers], new Map(queues).set(queue, none)]
      })
  }
})

/** The queue consumers' clients. */
export class QueueConsumers extends Context.Service<QueueConsumers, QueueConsumersShape>()("qsem/impl/QueueConsumers") {
  /** No consumer running. */
  static readonly layer: Layer.Layer<QueueConsumers> = Layer.effect(QueueConsumers, makeQueueConsumers)
}
