/**
 * PoisonMessagesEndInTheDeadLetterQueue: every receive counts; a message
 * received `receiveCountMax` times and not deleted moves to its queue's
 * dead-letter queue exactly when that last receive's visibility ends, is not
 * delivered from its source again until a redrive, and stays in the
 * dead-letter queue.
 *
 * @module
 */
import type { Config, History } from "../../spec/index.ts"
import { needs } from "./applicability.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { ordinal } from "./internal/keys.ts"
import { queuesOf, redrivenQueuesOf, showReceive } from "./internal/queueConfigs.ts"
import { type QueueMessage, QueueReplay } from "./internal/queueReplay.ts"

const times = (n: number): string => (n === 1 ? "once" : `${n} times`)

const since = (message: QueueMessage): string =>
  `its ${message.countedFrom.via === "send" ? "enqueue" : "redrive"} at step ${message.countedFrom.step + 1}`

/** Why a reported move of `message` from `queue` to `deadLetterQueue` at `nowMs` is wrong, or `undefined` when it is due. */
const wrongMoveReason = (replay: QueueReplay, message: QueueMessage | undefined, queue: string, deadLetterQueue: string | undefined, nowMs: number): string | undefined => {
  if (message === undefined) return "no answer enqueued it"
  if (message.deleted !== undefined) {
    return `receipt ${message.deleted.receipt} of consumer ${message.deleted.consumer} deleted it at step ${message.deleted.step + 1}`
  }
  const config = replay.queue(queue)
  if (config?.receiveCountMax === undefined) return `${queue} has no redrive policy`
  if (config.deadLetterQueue !== deadLetterQueue) return `${queue}'s dead-letter queue is ${config.deadLetterQueue}`
  if (message.queue !== queue) return `it is in ${message.queue}`
  if (message.receives < config.receiveCountMax) {
    return `it was received only ${times(message.receives)} since it was last enqueued or redriven, and ${queue}'s receiveCountMax is ${config.receiveCountMax}`
  }
  if (message.visibleFromMs > nowMs && message.latest !== undefined) {
    return `its last receive, ${showReceive(message.latest)}, keeps it in flight until ${message.visibleFromMs} ms`
  }
  return undefined
}

/**
 * The first, in history order, of: a `Received` whose receive count is not
 * the number of the message's receives since its enqueue or last redrive, or
 * is above its queue's `receiveCountMax`, or that delivers from its source a
 * message moved to the dead-letter queue and not redriven since; a move
 * (`ClockAdvanced.deadLettered`, `Released` with `deadLettered`) of a
 * message that was deleted, had fewer receives, or whose visibility had not
 * ended; a `ClockAdvanced` that reached the end of the visibility of a
 * message's `receiveCountMax`-th receive without moving it, or a `Released`
 * of that receive that did not; and, at the end, a moved message that is
 * neither redriven, deleted nor dropped by a bound since, missing from the
 * dead-letter queue's final listing (one after the queue's last change).
 */
const always = (history: History, config: Config): Violation | undefined => {
  if (queuesOf(config).length === 0) return undefined
  const replay = new QueueReplay(config)
  for (const moment of replay.walk(history)) {
    const response = moment.entry.response
    switch (response._tag) {
      case "Received": {
        const received = moment.received
        if (received === undefined) break
        const message = replay.messages.get(received.messageId)
        const here = `queue ${response.queue} gave message ${received.messageId} (receipt ${received.receipt}, consumer ${response.consumer}) at ${replay.nowMs} ms`
        if (message !== undefined && message.moved !== undefined && message.source === response.queue && message.queue !== response.queue) {
          return {
            step: moment.step,
            message: `${here}, but it was moved to ${message.queue} at step ${message.moved.step + 1} and no Redriven listed it since`
          }
        }
        const count = (message?.receives ?? 0) + 1
        const receiveCountMax = replay.queue(response.queue)?.receiveCountMax
        if (receiveCountMax !== undefined && count > receiveCountMax) {
          return {
            step: moment.step,
            message: `${here}, its ${ordinal(count)} receive since ${message === undefined ? "its enqueue" : since(message)}, above ${response.queue}'s receiveCountMax of ${receiveCountMax}: it should have moved to ${replay.queue(response.queue)?.deadLetterQueue} when its ${ordinal(receiveCountMax)} receive's visibility ended`
          }
        }
        if (received.receiveCount !== count) {
          return {
            step: moment.step,
            message: `${here} with receive count ${received.receiveCount}, but it is its ${ordinal(count)} receive since ${message === undefined ? "its enqueue" : since(message)}`
          }
        }
        break
      }
      case "ClockAdvanced": {
        const nowMs = response.nowMs
        const moved = new Set<number>()
        for (const dead of response.deadLettered ?? []) {
          const message = replay.messages.get(dead.messageId)
          const reason = moved.has(dead.messageId)
            ? "the answer moves it twice"
            : wrongMoveReason(replay, message, dead.queue, dead.deadLetterQueue, nowMs)
          if (reason !== undefined) {
            return { step: moment.step, message: `ClockAdvanced to ${nowMs} ms moved message ${dead.messageId} from ${dead.queue} to ${dead.deadLetterQueue}, but ${reason}` }
          }
          moved.add(dead.messageId)
        }
        for (const messageId of replay.exhausted) {
          const message = replay.messages.get(messageId)!
          if (moved.has(messageId) || message.visibleFromMs > nowMs) continue
          const queue = replay.queue(message.queue)
          return {
            step: moment.step,
            message: `ClockAdvanced to ${nowMs} ms did not move message ${messageId} from ${message.queue} to ${queue?.deadLetterQueue}, but it was received ${times(queue?.receiveCountMax ?? 0)} (the last: ${
              message.latest === undefined ? "none" : showReceive(message.latest)
            }) and its visibility ended at ${message.visibleFromMs} ms`
          }
        }
        break
      }
      case "Released": {
        const message = replay.messages.get(response.messageId)
        if (message === undefined || message.latest?.receipt !== response.receipt || message.queue !== response.queue || message.deleted !== undefined) break
        const queue = replay.queue(response.queue)
        const due = queue?.receiveCountMax !== undefined && message.receives >= queue.receiveCountMax
        const here = `queue ${response.queue} released message ${response.messageId} (receipt ${response.receipt}, consumer ${response.consumer}) at ${replay.nowMs} ms`
        if (response.deadLettered && !due) {
          const reason = wrongMoveReason(replay, message, response.queue, queue?.deadLetterQueue, replay.nowMs)
          return { step: moment.step, message: `${here} with deadLettered: true, but ${reason ?? "it was not due"}` }
        }
        if (!response.deadLettered && due) {
          return {
            step: moment.step,
            message: `${here} with deadLettered: false, but it was received ${times(queue!.receiveCountMax!)}, its receiveCountMax: its visibility ended here, so it should have moved to ${queue!.deadLetterQueue}`
          }
        }
        break
      }
      default:
        break
    }
  }
  return finalListingViolation(replay, history.length - 1)
}

/** A moved message, neither redriven, deleted nor dropped since, that its dead-letter queue's final listing (after its last change) lacks; reported at the last step. */
const finalListingViolation = (replay: QueueReplay, last: number): Violation | undefined => {
  for (const message of replay.messages.values()) {
    const moved = message.moved
    if (moved === undefined || moved.to === undefined || message.queue !== moved.to || message.deleted !== undefined || message.dropped !== undefined || message.stay.via !== "move") continue
    const listing = replay.listings.get(moved.to)
    if (listing === undefined || listing.step < (replay.changedLast.get(moved.to) ?? -1)) continue
    if (listing.response.messages.some((entry) => entry.messageId === message.messageId)) continue
    return {
      step: last,
      message: `message ${message.messageId} was moved from ${moved.from} to ${moved.to} at step ${moved.step + 1} (at ${moved.nowMs} ms) and never redriven, but the final listing of ${moved.to} (step ${listing.step + 1}) does not hold it`
    }
  }
  return undefined
}

/** A message was moved to its queue's dead-letter queue after `receiveCountMax` receives. */
const sometimes = (history: History, config: Config): boolean => {
  if (redrivenQueuesOf(config).length === 0) return false
  const replay = new QueueReplay(config)
  const due = (messageId: number, queue: string): boolean => {
    const message = replay.messages.get(messageId)
    const receiveCountMax = replay.queue(queue)?.receiveCountMax
    return message !== undefined && receiveCountMax !== undefined && message.queue === queue && message.receives >= receiveCountMax
  }
  for (const moment of replay.walk(history)) {
    const response = moment.entry.response
    if (response._tag === "ClockAdvanced" && (response.deadLettered ?? []).some((dead) => due(dead.messageId, dead.queue))) return true
    if (response._tag === "Released" && response.deadLettered && due(response.messageId, response.queue)) return true
  }
  return false
}

/** The checker of PoisonMessagesEndInTheDeadLetterQueue. */
export const poisonMessagesEndInTheDeadLetterQueue: GuaranteeCheck = {
  id: "PoisonMessagesEndInTheDeadLetterQueue",
  always,
  sometimes,
  notApplicableReason: needs.redrivePolicy
}
