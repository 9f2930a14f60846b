/**
 * FIFO message groups: which messages a receive of a FIFO queue may hand
 * out. Only messages of a group none of whose messages is in flight: a group
 * with a message in flight is blocked behind it, and a receive may hand out
 * several consecutive messages of one group, in queue order (SQS FIFO's
 * message groups: "as many messages with the same message group ID as
 * possible", none while one of the group is in flight).
 *
 * @module
 */
import { Context, Layer } from "effect"
import { isInFlight, type StoredMessage } from "./message.ts"

/** The receive rule of FIFO queues. */
export interface FifoGroupsShape {
  /**
   * The positions (in `messages`, queue order) of the messages a receive at
   * `nowMs` hands out: at most `messagesMax`, in queue order.
   */
  readonly receivable: (messages: ReadonlyArray<StoredMessage>, nowMs: number, messagesMax: number) => ReadonlyArray<number>
}

/** The messages, in queue order, of the groups with no message in flight. */
export const fifoGroupsOldestFirst: FifoGroupsShape = {
  receivable: (messages, nowMs, messagesMax) => {
    const blocked = new Set<string | undefined>()
    for (const message of messages) if (isInFlight(message, nowMs)) blocked.add(message.group)
    const picked: Array<number> = []
    for (let i = 0; i < messages.length && picked.length < messagesMax; i++) if (!blocked.has(messages[i].group)) picked.push(i)
    return picked
  }
}

/** The FIFO queues' receive rule. */
export class FifoGroups extends Context.Service<FifoGroups, FifoGroupsShape>()("qsem/impl/FifoGroups") {
  /** A group is delivered in queue order, blocked while one of its messages is in flight. */
  static readonly layer: Layer.Layer<FifoGroups> = Layer.succeed(FifoGroups, fifoGroupsOldestFirst)
}
