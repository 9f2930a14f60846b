/**
 * Bounded queues (spec/config.ts `QueueOverflow`; spec/command/queue.ts
 * `QueueSend` rule 5): a queue's depth is the number of its visible messages
 * at `nowMs` (in-flight ones are not counted), and a send that finds the
 * depth at `messagesMax` or more overflows by the queue's policy. The bound
 * is checked at sends only: a message that becomes visible again is never
 * refused or dropped, so the depth may exceed `messagesMax`.
 *
 * @module
 */
import type { QueueOverflow } from "../../spec/config.ts"
import type { World } from "../world.ts"
import type { QueueState } from "./queueState.ts"
import { isInFlight } from "./visibility.ts"

/** Whether the queue holds `messagesMax` or more visible messages at `nowMs` (it stops counting at `messagesMax`). */
export const isFull = (queue: QueueState, messagesMax: number, nowMs: number): boolean => {
  const messages = queue.messages
  if (messages.length < messagesMax) return false
  let visible = 0
  for (let i = 0; i < messages.length; i++) {
    if (!isInFlight(messages[i], nowMs) && ++visible >= messagesMax) return true
  }
  return false
}

/** The position of the queue's first visible message at `nowMs` (in queue order), or -1 when all are in flight. */
export const firstVisiblePosition = (queue: QueueState, nowMs: number): number => {
  const messages = queue.messages
  for (let i = 0; i < messages.length; i++) if (!isInFlight(messages[i], nowMs)) return i
  return -1
}

/**
 * The overflow policy a send to the queue at `queueIndex` meets at `nowMs`:
 * the queue's `overflow` when it is bounded and full, else `undefined` (the
 * send is stored as on an unbounded queue).
 */
export const overflowMet = (world: World, queueIndex: number, queue: QueueState, nowMs: number): QueueOverflow | undefined => {
  const messagesMax = world.messagesMax[queueIndex]
  return messagesMax > 0 && isFull(queue, messagesMax, nowMs) ? world.overflow[queueIndex] : undefined
}
