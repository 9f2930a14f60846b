/**
 * VisibilityTimeoutRedelivers: a message received and not acknowledged is
 * received again only once its visibility is over (its timeout ran out, an
 * extension ran out, or it was released), and a deleted message is never
 * received again.
 *
 * @module
 */
import type { Config, History } from "../../spec/index.ts"
import { needs } from "./applicability.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { queuesOf, showReceive } from "./internal/queueConfigs.ts"
import { type QueueMessage, QueueReplay } from "./internal/queueReplay.ts"

/** How the previous receive's visibility end was set, for messages. */
const showEnd = (message: QueueMessage, visibilityTimeoutMs: number | undefined): string => {
  switch (message.visibilityEnd) {
    case "timeout":
      return `its queue's visibility timeout of ${visibilityTimeoutMs ?? "?"} ms`
    case "extended":
      return "an Extended of its receipt"
    case "released":
      return "a Released of its receipt"
  }
}

/**
 * The first `Received` of a message that an `Acknowledged` deleted, or that
 * is not its first since its enqueue or redrive and comes before the end of
 * the previous receive's visibility (its time plus its queue's
 * `visibilityTimeoutMs`, or the end a later `Extended` of its receipt set,
 * or the time of a `Released` of it).
 */
const always = (history: History, config: Config): Violation | undefined => {
  if (queuesOf(config).length === 0) return undefined
  const replay = new QueueReplay(config)
  for (const moment of replay.walk(history)) {
    const received = moment.received
    if (received === undefined || moment.entry.response._tag !== "Received") continue
    const { queue, consumer } = moment.entry.response
    const message = replay.messages.get(received.messageId)
    if (message === undefined) continue
    const here = `queue ${queue} gave message ${received.messageId} (receipt ${received.receipt}, consumer ${consumer}) at ${replay.nowMs} ms`
    if (message.deleted !== undefined) {
      return {
        step: moment.step,
        message: `${here}, but receipt ${message.deleted.receipt} of consumer ${message.deleted.consumer} deleted it at step ${message.deleted.step + 1}`
      }
    }
    const previous = message.latest
    if (message.receives === 0 || previous === undefined || replay.nowMs >= message.visibleFromMs) continue
    return {
      step: moment.step,
      message: `${here}, before the end of its previous receive's visibility: ${showReceive(previous)} from ${previous.queue} kept it in flight until ${message.visibleFromMs} ms (${
        showEnd(message, replay.queue(previous.queue)?.visibilityTimeoutMs)
      })`
    }
  }
  return undefined
}

/**
 * A consumer crashed (alone, or with every client at a broker restart) while
 * it held a message's latest receipt (not released, not deleted), and the
 * message's next receive, from the same queue, came once that receive's
 * visibility ran out.
 */
const sometimes = (history: History, config: Config): boolean => {
  if (queuesOf(config).length === 0) return false
  const replay = new QueueReplay(config)
  /** Per message id, the receipt its consumer held when it crashed. */
  const crashed = new Map<number, number>()
  for (const moment of replay.walk(history)) {
    const response = moment.entry.response
    if (response._tag === "QueueCrashed" || response._tag === "BrokerRestarted") {
      for (const { queue, consumer } of response._tag === "QueueCrashed" ? [response] : response.clients) {
        for (const messageId of replay.heldBy(queue, consumer)) {
          const message = replay.messages.get(messageId)!
          const latest = message.latest
          if (latest === undefined || latest.consumer !== consumer || latest.queue !== queue) continue
          if (message.deleted !== undefined || message.queue !== queue || latest.step < message.leftStep() || message.visibilityEnd === "released") continue
          crashed.set(messageId, latest.receipt)
        }
      }
      continue
    }
    const received = moment.received
    if (received === undefined || response._tag !== "Received") continue
    const message = replay.messages.get(received.messageId)
    const latest = message?.latest
    if (message === undefined || latest === undefined || crashed.get(received.messageId) !== latest.receipt) continue
    if (message.visibilityEnd !== "released" && message.queue === response.queue && latest.step > message.leftStep() && replay.nowMs >= message.visibleFromMs) return true
  }
  return false
}

/** The checker of VisibilityTimeoutRedelivers. */
export const visibilityTimeoutRedelivers: GuaranteeCheck = {
  id: "VisibilityTimeoutRedelivers",
  always,
  sometimes,
  notApplicableReason: needs.queue
}
