/**
 * Bounded queues: what a send does to a queue that is full. A queue's depth
 * is its visible messages (in flight ones are not counted, as RabbitMQ counts
 * ready messages); a send to a bounded queue whose depth is at `messagesMax`
 * or more is blocked, rejected, or stored with the oldest visible message
 * dropped, or dropped itself, by the queue's `overflow` (RabbitMQ's
 * `x-max-length` with `x-overflow`). The bound is checked at sends only, so
 * messages that become visible again can take the depth past `messagesMax`.
 *
 * @module
 */
import { Context, Layer } from "effect"
import type { QueueConfig } from "../../spec/config.ts"
import { isInFlight, type StoredMessage } from "./message.ts"

/** What a send to a queue does about its bound. */
export type Overflow =
  /** Room (or no bound): the message is appended. */
  | { readonly _tag: "Store" }
  /** Full, `block`: nothing is stored; the producer is told to wait. */
  | { readonly _tag: "Block" }
  /** Full, `reject`: nothing is stored; the producer is told so. */
  | { readonly _tag: "Reject" }
  /** Full, `drop-oldest`: the message at `index` is discarded, then the new one is appended. */
  | { readonly _tag: "DropOldest"; readonly index: number }
  /** Full, `drop-newest`: the new message takes its id and is discarded. */
  | { readonly _tag: "DropNewest" }

/** The overflow rule of bounded queues. */
export interface QueueOverflowPolicyShape {
  /** What a send at `nowMs` to `queue`, holding `messages` (queue order), does about the queue's bound. */
  readonly overflowOf: (queue: QueueConfig, messages: ReadonlyArray<StoredMessage>, nowMs: number) => Overflow
}

const store: Overflow = { _tag: "Store" }
const block: Overflow = { _tag: "Block" }
const reject: Overflow = { _tag: "Reject" }
const dropNewest: Overflow = { _tag: "DropNewest" }

/** The number of messages visible at `nowMs`, counted no further than `atMost`. */
const visibleCount = (messages: ReadonlyArray<StoredMessage>, nowMs: number, atMost: number): number => {
  let count = 0
  for (const message of messages) if (!isInFlight(message, nowMs) && ++count >= atMost) break
  return count
}

/** The index of the first message visible at `nowMs`, in queue order (-1: all in flight). */
export const firstVisibleIndex = (messages: ReadonlyArray<StoredMessage>, nowMs: number): number =>
  messages.findIndex((message) => !isInFlight(message, nowMs))

/** The queue's configured bound, applied as the spec says (spec/command/queue.ts `QueueSend` rule 5). */
export const overflowConfigured: QueueOverflowPolicyShape = {
  overflowOf: (queue, messages, nowMs) => {
    const { messagesMax, overflow } = queue
    if (messagesMax === undefined || overflow === undefined || visibleCount(messages, nowMs, messagesMax) < messagesMax) return store
    switch (overflow) {
      case "block":
        return block
      case "reject":
        return reject
      case "drop-oldest":
        return { _tag: "DropOldest", index: firstVisibleIndex(messages, nowMs) }
      case "drop-newest":
        return dropNewest
    }
  }
}

/** The queues' overflow rule. */
export class QueueOverflowPolicy extends Context.Service<QueueOverflowPolicy, QueueOverflowPolicyShape>()("qsem/impl/QueueOverflowPolicy") {
  /** Each queue's configured `messagesMax` and `overflow`. */
  static readonly layer: Layer.Layer<QueueOverflowPolicy> = Layer.succeed(QueueOverflowPolicy, overflowConfigured)
}
