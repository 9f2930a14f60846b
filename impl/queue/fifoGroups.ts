/**
 * FIFO message groups: which messages a receive of a FIFO queue may hand
 * out. Only a message that is the oldest of its group still in the queue,
 * and visible: a group whose oldest message is in flight is blocked behind
 * it, so each group is delivered one message at a time, in queue order (SQS
 * FIFO's message groups).
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

/** Each group's oldest message still in the queue, when it is visible. */
export const fifoGroupsOldestFirst: FifoGroupsShape = {
  receivable: (messages, nowMs, messagesMax) => {
    const picked: Array<number> = []
    const groupsSeen = new Set<string | undefined>()
    for (let i = 0; i < messages.length && picked.length < messagesMax; i++) {
      const message = messages[i]
      if (groupsSeen.has(message.group)) continue
      groupsSeen.add(message.group)
      if (!isInFlight(message, nowMs)) picked.push(i)
    }
    return picked
  }
}

/** The FIFO queues' receive rule. */
export class FifoGroups extends Context.Service<FifoGroups, FifoGroupsShape>()("qsem/impl/FifoGroups") {
  /** A group is delivered one message at a time, oldest first. */
  static readonly layer: Layer.Layer<FifoGroups> = Layer.succeed(FifoGroups, fifoGroupsOldestFirst)
}
