/**
 * The redrive policy's bookkeeping: when a message has been received too
 * often (`receiveCountMax`), what a move to the dead-letter queue and a
 * redrive back make of it, and what a consumer's crash does to the receive
 * counts of the messages it held (nothing: every receive counts, as in SQS
 * and RabbitMQ quorum queues).
 *
 * @module
 */
import { Context, Layer } from "effect"
import type { QueueConfig } from "../../spec/config.ts"
import { messageOf, type StoredMessage, visible } from "./message.ts"

/** How receive counts move messages to the dead-letter queue and back. */
export interface RedrivePolicyShape {
  /** Whether a message of `queue` with this receive count moves to the dead-letter queue when its visibility ends. */
  readonly exhausted: (queue: QueueConfig, receiveCount: number) => boolean
  /** The message as the dead-letter queue gets it from `source` (`undefined`: it never arrives). */
  readonly deadLettered: (message: StoredMessage, source: string) => StoredMessage | undefined
  /**
   * Whether a redrive moves this message of the dead-letter queue back to its
   * source, given how many it moved before it in this redrive (the spec:
   * every message moved there from a source).
   */
  readonly redrivable: (message: StoredMessage, movedBefore: number) => boolean
  /** The message as its source queue gets it back from a redrive. */
  readonly redriven: (message: StoredMessage) => StoredMessage
  /** A message still in the queue whose latest receipt a crashed consumer held. */
  readonly crashed: (message: StoredMessage) => StoredMessage
}

/** The policy of the spec (see spec/command/queue.ts). */
export const redrivePolicySqs: RedrivePolicyShape = {
  exhausted: (queue, receiveCount) => queue.receiveCountMax !== undefined && receiveCount >= queue.receiveCountMax,
  // Visible in the dead-letter queue, with its receive count and latest receipt, and where it came from.
  deadLettered: (message, source) => ({ ...visible(message), source }),
  redrivable: (message) => message.source !== undefined,
  // Visible, receive count 0, no receipt, no source: as if sent again, with its id, group and dedup id.
  redriven: (message) => messageOf(message.messageId, message),
  crashed: (message) => message
}

/** The queues' redrive policy. */
export class RedrivePolicy extends Context.Service<RedrivePolicy, RedrivePolicyShape>()("qsem/impl/RedrivePolicy") {
  /** The spec's policy. */
  static readonly layer: Layer.Layer<RedrivePolicy> = Layer.succeed(RedrivePolicy, redrivePolicySqs)
}
