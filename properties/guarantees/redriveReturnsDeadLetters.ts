/**
 * RedriveReturnsDeadLetters: a redrive returns each message moved to a
 * dead-letter queue (all of them, in queue order) to the end of its source,
 * where its next receive counts from 1, and it leaves the dead-letter queue.
 *
 * @module
 */
import type { Config, History } from "../../spec/index.ts"
import { inspectedQueueNamesOf } from "../../spec/config.ts"
import { needs } from "./applicability.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { redrivenQueuesOf } from "./internal/queueConfigs.ts"
import { type QueueMessage, QueueReplay } from "./internal/queueReplay.ts"

/** Why a message could not be redriven from `deadLetterQueue` to `source`, or `undefined` when it could. */
const notRedrivableReason = (message: QueueMessage | undefined, deadLetterQueue: string, source: string): string | undefined => {
  if (message === undefined) return "no answer enqueued it"
  if (message.deleted !== undefined) {
    return `receipt ${message.deleted.receipt} of consumer ${message.deleted.consumer} deleted it from ${message.deleted.queue} at step ${message.deleted.step + 1}`
  }
  if (message.queue !== deadLetterQueue) return `it is in ${message.queue}, not in ${deadLetterQueue}`
  if (message.source === undefined) return `it was sent to ${deadLetterQueue}, not moved there`
  if (message.source !== source) return `it was moved there from ${message.source}`
  return undefined
}

/**
 * Where a `Redriven` listing `listed` (in its order) falls short of the
 * messages the dead-letter queue held that were moved there from a source
 * and not received since, or released since (`held`, in queue order): one it leaves out, the
 * first it lists out of queue order, or one it lists twice; `undefined` when
 * it lists them all, in order, once.
 */
const incompleteness = (listed: ReadonlyArray<number>, held: ReadonlyArray<QueueMessage>): string | undefined => {
  const listedIds = new Set(listed)
  const missing = held.find((message) => !listedIds.has(message.messageId))
  if (missing !== undefined) {
    const since = missing.latest?.stay === missing.stay ? `received since but released (receipt ${missing.latest.receipt})` : "not received since"
    return `leaves out message ${missing.messageId}, moved there from ${missing.source} at step ${missing.stay.step + 1} and still there, ${since}`
  }
  const heldIds = new Set(held.map((message) => message.messageId))
  const order = listed.filter((messageId) => heldIds.has(messageId))
  for (let index = 0; index < held.length; index++) {
    if (order[index] !== held[index].messageId) {
      return `lists message ${order[index]} where queue order has message ${held[index].messageId}`
    }
  }
  if (listedIds.size !== listed.length) return `lists a message twice: ${listed.find((messageId, index) => listed.indexOf(messageId) !== index)}`
  return undefined
}

/**
 * The first, in history order, of: a message a `Redriven` lists that was not
 * in the dead-letter queue, moved there from the source it names; a
 * `Redriven` that leaves out a message the dead-letter queue held, moved
 * there from a source, or lists them out of queue order; a
 * redriven message whose next `Received` is from another queue or reports a
 * receive count other than 1; a listing of a dead-letter queue that holds a
 * message redriven from it and not moved back since.
 */
const always = (history: History, config: Config): Violation | undefined => {
  if (redrivenQueuesOf(config).length === 0) return undefined
  const replay = new QueueReplay(config)
  /** Per message id, the redrive whose next receive is still to come. */
  const pending = new Map<number, { readonly step: number; readonly source: string }>()
  for (const moment of replay.walk(history)) {
    const response = moment.entry.response
    switch (response._tag) {
      case "Redriven": {
        for (const redriven of response.messages) {
          const reason = notRedrivableReason(replay.messages.get(redriven.messageId), response.queue, redriven.source)
          if (reason !== undefined) {
            return {
              step: moment.step,
              message: `Redriven of ${response.queue} at ${replay.nowMs} ms lists message ${redriven.messageId} back to ${redriven.source}, but ${reason}`
            }
          }
          pending.set(redriven.messageId, { step: moment.step, source: redriven.source })
        }
        // A message a consumer of the dead-letter queue received since its move may be left (it is being worked on: RabbitMQ's
        // basic.get and SQS's move task take only ready messages), unless that consumer released it; any other message moved
        // there must be listed. (One whose visibility timed out may be left too: RabbitMQ has no visibility timeout.)
        const held = [...replay.messagesOf(response.queue)].filter((message) =>
          message.source !== undefined && (message.latest?.stay !== message.stay || message.visibilityEnd === "released"))
        const shortfall = incompleteness(
          response.messages.map((redriven) => redriven.messageId),
          held
        )
        if (shortfall !== undefined) return { step: moment.step, message: `Redriven of ${response.queue} at ${replay.nowMs} ms ${shortfall}` }
        break
      }
      case "Received": {
        const received = moment.received
        if (received === undefined) break
        const redrive = pending.get(received.messageId)
        if (redrive === undefined) break
        pending.delete(received.messageId)
        const here = `message ${received.messageId} was redriven to ${redrive.source} at step ${redrive.step + 1}, but its next receive (receipt ${received.receipt}, consumer ${response.consumer}, at ${replay.nowMs} ms)`
        if (response.queue !== redrive.source) return { step: moment.step, message: `${here} is from ${response.queue}` }
        if (received.receiveCount !== 1) return { step: moment.step, message: `${here} reports receive count ${received.receiveCount}, not 1` }
        break
      }
      case "QueueListed": {
        for (const entry of response.messages) {
          const message = replay.messages.get(entry.messageId)
          const redriven = message?.redriven
          if (message === undefined || redriven === undefined || redriven.from !== response.queue || message.queue === response.queue) continue
          return {
            step: moment.step,
            message: `the listing of ${response.queue} at ${replay.nowMs} ms holds message ${entry.messageId}, which Redriven moved back to ${redriven.to} at step ${redriven.step + 1}, and no move brought it back`
          }
        }
        break
      }
      default:
        break
    }
  }
  return undefined
}

/**
 * A message a `Redriven` listed was received again from the source it was
 * redriven to; on a config with an inspected dead-letter queue, one that a
 * consumer of the dead-letter queue had released there before (the case of
 * the "released" clause).
 */
const sometimes = (history: History, config: Config): boolean => {
  if (redrivenQueuesOf(config).length === 0) return false
  const inspected = inspectedQueueNamesOf(config)
  /** Messages a consumer released in an inspected dead-letter queue. */
  const triaged = new Set<number>()
  const replay = new QueueReplay(config)
  for (const moment of replay.walk(history)) {
    const response = moment.entry.response
    if (response._tag === "Released" && inspected.has(response.queue)) triaged.add(response.messageId)
    const received = moment.received
    if (received === undefined || response._tag !== "Received") continue
    const message = replay.messages.get(received.messageId)
    const redriven = message?.redriven
    if (message === undefined || redriven === undefined || message.receives !== 0 || message.queue !== redriven.to) continue
    if (response.queue === redriven.to && (inspected.size === 0 || triaged.has(received.messageId))) return true
  }
  return false
}

/** The checker of RedriveReturnsDeadLetters. */
export const redriveReturnsDeadLetters: GuaranteeCheck = {
  id: "RedriveReturnsDeadLetters",
  always,
  sometimes,
  notApplicableReason: needs.redrivePolicy
}
