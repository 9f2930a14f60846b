/**
 * The visibility timeout: how long a received message stays in flight
 * (invisible to other receives). A message received at `nowMs` is in flight
 * until `nowMs + visibilityTimeoutMs` (SQS's visibility timeout, JetStream's
 * `AckWait`); it is visible again from that moment on (see `isInFlight` in
 * `message.ts`).
 *
 * @module
 */
import { Context, Layer } from "effect"

/** When a receive's visibility ends. */
export interface QueueVisibilityShape {
  /** The end of the visibility of a message received at `nowMs` from a queue with this timeout. */
  readonly inFlightUntilMs: (nowMs: number, visibilityTimeoutMs: number) => number
}

/** The visibility a receive starts: the queue's whole timeout. */
export const visibilityWhole: QueueVisibilityShape = {
  inFlightUntilMs: (nowMs, visibilityTimeoutMs) => nowMs + visibilityTimeoutMs
}

/** The queues' visibility timeouts. */
export class QueueVisibility extends Context.Service<QueueVisibility, QueueVisibilityShape>()("qsem/impl/QueueVisibility") {
  /** A receive's message is in flight for the queue's whole `visibilityTimeoutMs`. */
  static readonly layer: Layer.Layer<QueueVisibility> = Layer.succeed(QueueVisibility, visibilityWhole)
}
