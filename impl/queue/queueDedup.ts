/**
 * FIFO deduplication: per FIFO queue, each deduplication id it enqueued, with
 * the message and the time of the enqueue. An id is remembered for the
 * queue's `dedupWindowMs` from that enqueue (a suppressed duplicate does not
 * extend it; SQS FIFO's five-minute deduplication interval).
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import { isFifo, type QueueConfig, queueDedupWindowMsOf } from "../../spec/config.ts"
import type { RememberedDedupId } from "../../spec/queue.ts"
import { compareCodeUnits } from "../internal/compareCodeUnits.ts"
import { QueueConfigs, type QueueConfigsShape } from "./queueConfigs.ts"

/** The FIFO queues' dedup tables (every method names its queue). */
export interface QueueDedupShape {
  /** The message `queue` enqueued with `dedupId` less than its window before `nowMs`, if any. */
  readonly lookup: (queue: string, dedupId: string, nowMs: number) => number | undefined
  /** Remembers `dedupId` as enqueued at `nowMs` with this message (replacing an expired entry). */
  readonly remember: (queue: string, dedupId: string, messageId: number, nowMs: number) => void
  /** The ids `queue` remembers at `nowMs`, sorted by `atMs`, then id (plain string order). */
  readonly list: (queue: string, nowMs: number) => ReadonlyArray<RememberedDedupId>
}

/** One remembered id: its message and the time of its enqueue. */
interface Remembered {
  readonly messageId: number
  readonly atMs: number
}

const none: ReadonlyMap<string, Remembered> = new Map()

/**
 * Empty dedup tables whose window, for each FIFO queue, is `windowOf` of it
 * (`undefined`: remembered forever). The correct window is the queue's
 * `dedupWindowMs`, else the default (`queueDedupWindowMsOf`).
 */
export const queueDedupOf = (
  { queues }: QueueConfigsShape,
  windowOf: (queue: QueueConfig) => number | undefined = queueDedupWindowMsOf
): QueueDedupShape => {
  const windows = new Map<string, number | undefined>()
  for (const queue of queues) if (isFifo(queue)) windows.set(queue.name, windowOf(queue))
  const tables = new Map<string, Map<string, Remembered>>()

  /** Whether an id enqueued at `atMs` is still remembered at `nowMs`. */
  const live = (queue: string, atMs: number, nowMs: number): boolean => {
    const windowMs = windows.get(queue)
    return windowMs === undefined || nowMs < atMs + windowMs
  }
  const tableOf = (queue: string): ReadonlyMap<string, Remembered> => tables.get(queue) ?? none

  return {
    lookup(queue, dedupId, nowMs) {
      const remembered = tableOf(queue).get(dedupId)
      return remembered !== undefined && live(queue, remembered.atMs, nowMs) ? remembered.messageId : undefined
    },
    remember(queue, dedupId, messageId, nowMs) {
      let table = tables.get(queue)
      if (table === undefined) {
        table = new Map()
        tables.set(queue, table)
      }
      table.set(dedupId, { messageId, atMs: nowMs })
    },
    list(queue, nowMs) {
      const ids: Array<RememberedDedupId> = []
      for (const [dedupId, { atMs, messageId }] of tableOf(queue)) if (live(queue, atMs, nowMs)) ids.push({ dedupId, messageId, atMs })
      return ids.sort((a, b) => a.atMs - b.atMs || compareCodeUnits(a.dedupId, b.dedupId))
    }
  }
}

/** {@link queueDedupOf} the broker's queues, as an Effect. */
export const makeQueueDedupWith = (
  windowOf: (queue: QueueConfig) => number | undefined
): Effect.Effect<QueueDedupShape, never, QueueConfigs> =>
  Effect.gen(function*() {
    return queueDedupOf(yield* QueueConfigs, windowOf)
  })

/** Empty dedup tables with each FIFO queue's own window. */
export const makeQueueDedup: Effect.Effect<QueueDedupShape, never, QueueConfigs> = makeQueueDedupWith(queueDedupWindowMsOf)

/** The FIFO queues' deduplication ids. */
export class QueueDedup extends Context.Service<QueueDedup, QueueDedupShape>()("qsem/impl/QueueDedup") {
  /** Empty tables, each FIFO queue with its own window. */
  static readonly layer: Layer.Layer<QueueDedup, never, QueueConfigs> = Layer.effect(QueueDedup, makeQueueDedup)
}
