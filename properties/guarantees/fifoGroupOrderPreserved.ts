/**
 * FifoGroupOrderPreserved: within a message group of a FIFO queue, messages
 * are received in queue order (a redrive re-enqueues at the end), none while
 * an earlier receive of the group is in flight (one receive may return
 * several consecutive messages of a group), and at-least-once consumers first process
 * each after every earlier one of its group that did not move to the
 * dead-letter queue.
 *
 * @module
 */
import type { Config, History } from "../../spec/index.ts"
import { isFifo } from "../../spec/index.ts"
import { needs } from "./applicability.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { fifoQueuesOf, showReceive } from "./internal/queueConfigs.ts"
import { type QueueMessage, QueueReplay, type QueueStay } from "./internal/queueReplay.ts"

const showStay = (stay: QueueStay): string => `${stay.via === "send" ? "sent" : stay.via === "redrive" ? "redriven" : "moved"} at step ${stay.step + 1}`

/**
 * Why a FIFO receive of `message` (of `group`) at `nowMs` breaks the group's
 * order, or `undefined` when it does not. `answered`: the messages the same
 * answer returned before it (a receive may return several consecutive
 * messages of a group; they are in flight by now, and count as passed).
 */
const receiveReason = (
  replay: QueueReplay,
  queue: string,
  group: string,
  message: QueueMessage | undefined,
  messageId: number,
  nowMs: number,
  answered: ReadonlySet<number>
): string | undefined => {
  const line = replay.groupLine(queue, group)
  let oldest: QueueStay | undefined = undefined
  for (const stay of line.live()) {
    if (stay.messageId === messageId || answered.has(stay.messageId)) continue
    oldest ??= stay
    const other = replay.messages.get(stay.messageId)!
    if (!other.inFlightAt(nowMs) || other.latest === undefined) continue
    return `message ${stay.messageId} of its group is in flight until ${other.visibleFromMs} ms (${showReceive(other.latest)})`
  }
  if (message === undefined || message.queue !== queue || message.deleted !== undefined) return undefined
  if (oldest === undefined || oldest.seq > message.stay.seq) return undefined
  return `message ${oldest.messageId} of its group, ${showStay(oldest)} before it (${showStay(message.stay)}), is still in ${queue}: neither deleted nor moved out${answered.size > 0 ? " nor returned before it in this answer" : ""}`
}

/**
 * The first, in history order, of: a `Received` of a FIFO queue that returns
 * a message while another of its group is in flight from an earlier receive,
 * or while a message of its group enqueued before it is still in the queue
 * and not returned before it in the same answer; in an at-least-once FIFO queue, the first `QueueProcessed` of a
 * message before any `QueueProcessed` of a message of its group enqueued
 * before it (in the queue that delivered it) that did not leave that queue
 * by a move, a redrive or a bound's drop.
 */
const always = (history: History, config: Config): Violation | undefined => {
  if (fifoQueuesOf(config).length === 0) return undefined
  const replay = new QueueReplay(config)
  /** Per (queue, group), how many stays of its line are known cleared (processed, or left by a move or a redrive). */
  const cleared = new Map<string, number>()
  /** The messages the answer being walked returned so far. */
  let answered = new Set<number>()
  for (const moment of replay.walk(history)) {
    const response = moment.entry.response
    if (response._tag === "Received") {
      const received = moment.received
      if (received === undefined) continue
      const queue = replay.queue(response.queue)
      if (queue === undefined || !isFifo(queue)) continue
      if (moment.index === 0) answered = new Set()
      const message = replay.messages.get(received.messageId)
      const group = message?.group ?? received.group
      const reason = group === undefined ? undefined : receiveReason(replay, queue.name, group, message, received.messageId, replay.nowMs, answered)
      answered.add(received.messageId)
      if (group === undefined) continue
      const here = `FIFO queue ${queue.name} gave message ${received.messageId} of group ${group} (receipt ${received.receipt}, consumer ${response.consumer}) at ${replay.nowMs} ms`
      if (reason !== undefined) return { step: moment.step, message: `${here}, but ${reason}` }
      continue
    }
    if (response._tag !== "QueueProcessed") continue
    const queue = replay.queue(response.queue)
    if (queue === undefined || !isFifo(queue) || queue.mode !== "at-least-once") continue
    const message = replay.messages.get(response.messageId)
    const receive = replay.receipts.get(response.receipt)
    if (message === undefined || message.processedFirstStep !== undefined || message.group === undefined || receive === undefined) continue
    const stay = receive.stay
    if (stay.queue !== queue.name) continue
    const line = replay.groupLine(stay.queue, message.group)
    const lineKey = `${stay.queue}\u0000${message.group}`
    let index = cleared.get(lineKey) ?? 0
    for (; index < line.stays.length; index++) {
      const earlier = line.stays[index]
      const owner = replay.messages.get(earlier.messageId)!
      if (owner.processedFirstStep === undefined && owner.stay === earlier && owner.dropped === undefined) break
    }
    cleared.set(lineKey, index)
    const blocking = line.stays[index]
    if (blocking === undefined || blocking.seq >= stay.seq) continue
    return {
      step: moment.step,
      message: `at-least-once FIFO queue ${queue.name}'s consumer ${response.consumer} first processed message ${response.messageId} of group ${message.group} (receipt ${response.receipt}) at ${replay.nowMs} ms, but message ${blocking.messageId} of its group, ${showStay(blocking)} before it (${showStay(stay)}), was never processed and did not move to the dead-letter queue`
    }
  }
  return undefined
}

/**
 * A receive from a FIFO queue, with room for more messages, while a message
 * of a group was in flight and another of the group was visible: the group
 * was blocked behind its in-flight message.
 */
const sometimes = (history: History, config: Config): boolean => {
  if (fifoQueuesOf(config).length === 0) return false
  const replay = new QueueReplay(config)
  for (const moment of replay.walk(history)) {
    const { command, response } = moment.entry
    if (response._tag !== "Received" || command._tag !== "QueueReceive" || moment.index !== 0) continue
    const queue = replay.queue(response.queue)
    if (queue === undefined || !isFifo(queue) || response.messages.length >= command.messagesMax) continue
    for (const group of replay.groupsOf(queue.name)) {
      let inFlight = false
      let visible = false
      for (const stay of replay.groupLine(queue.name, group).live()) {
        if (replay.messages.get(stay.messageId)!.inFlightAt(replay.nowMs)) inFlight = true
        else visible = true
        if (inFlight && visible) return true
      }
    }
  }
  return false
}

/** The checker of FifoGroupOrderPreserved. */
export const fifoGroupOrderPreserved: GuaranteeCheck = {
  id: "FifoGroupOrderPreserved",
  always,
  sometimes,
  notApplicableReason: needs.fifoQueue
}
