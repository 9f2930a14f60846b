/**
 * FifoGroupOrderPreserved: within a message group of a FIFO queue, messages
 * are received in queue order (a redrive re-enqueues at the end) with at
 * most one of the group in flight, and at-least-once consumers first process
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

/** Why a FIFO receive of `message` (of `group`) at `nowMs` breaks the group's order, or `undefined` when it does not. */
const receiveReason = (replay: QueueReplay, queue: string, group: string, message: QueueMessage | undefined, messageId: number, nowMs: number): string | undefined => {
  const line = replay.groupLine(queue, group)
  for (const stay of line.live()) {
    if (stay.messageId === messageId) continue
    const other = replay.messages.get(stay.messageId)!
    if (!other.inFlightAt(nowMs) || other.latest === undefined) continue
    return `message ${stay.messageId} of its group is in flight until ${other.visibleFromMs} ms (${showReceive(other.latest)})`
  }
  if (message === undefined || message.queue !== queue || message.deleted !== undefined) return undefined
  const oldest = line.oldest()
  if (oldest === undefined || oldest.messageId === messageId) return undefined
  return `message ${oldest.messageId} of its group, ${showStay(oldest)} before it (${showStay(message.stay)}), is still in ${queue}: neither deleted nor moved out`
}

/**
 * The first, in history order, of: a `Received` of a FIFO queue that returns
 * two messages of one group, or a message while another of its group is in
 * flight, or while a message of its group enqueued before it is still in the
 * queue; in an at-least-once FIFO queue, the first `QueueProcessed` of a
 * message before any `QueueProcessed` of a message of its group enqueued
 * before it (in the queue that delivered it) that did not leave that queue
 * by a move, a redrive or a bound's drop.
 */
const always = (history: History, config: Config): Violation | undefined => {
  if (fifoQueuesOf(config).length === 0) return undefined
  const replay = new QueueReplay(config)
  /** Per (queue, group), how many stays of its line are known cleared (processed, or left by a move or a redrive). */
  const cleared = new Map<string, number>()
  let groupsOfAnswer = new Set<string>()
  for (const moment of replay.walk(history)) {
    const response = moment.entry.response
    if (response._tag === "Received") {
      const received = moment.received
      if (received === undefined) continue
      const queue = replay.queue(response.queue)
      if (queue === undefined || !isFifo(queue)) continue
      if (moment.index === 0) groupsOfAnswer = new Set()
      const message = replay.messages.get(received.messageId)
      const group = message?.group ?? received.group
      if (group === undefined) continue
      const here = `FIFO queue ${queue.name} gave message ${received.messageId} of group ${group} (receipt ${received.receipt}, consumer ${response.consumer}) at ${replay.nowMs} ms`
      if (groupsOfAnswer.has(group)) return { step: moment.step, message: `${here} in the same answer as another message of its group` }
      groupsOfAnswer.add(group)
      const reason = receiveReason(replay, queue.name, group, message, received.messageId, replay.nowMs)
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
 * A receive from a FIFO queue, with room for more messages, while a group's
 * oldest message was in flight and a later message of the group was visible:
 * the group was blocked behind its in-flight message.
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
      let head: QueueMessage | undefined = undefined
      for (const stay of replay.groupLine(queue.name, group).live()) {
        const message = replay.messages.get(stay.messageId)!
        if (head === undefined) {
          if (!message.inFlightAt(replay.nowMs)) break
          head = message
          continue
        }
        if (!message.inFlightAt(replay.nowMs)) return true
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
