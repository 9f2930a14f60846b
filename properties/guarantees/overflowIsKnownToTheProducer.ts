/**
 * OverflowIsKnownToTheProducer: a `block` or `reject` queue refuses a send
 * exactly when it is full, with an answer its producer sees, and discards
 * nothing to make room; after the final drain, every message a `block`
 * queue refused was enqueued (its producer's application sent it again).
 *
 * The queue's fullness is its visible depth as the queue replay rebuilds it
 * from the answers (see `internal/queueReplay.ts`). The step-by-step part is
 * judged on every history; the part about blocked messages only on the
 * `block` queues whose drain the history shows complete (see
 * `internal/queuesDrained.ts`), which is why the checker judges drained
 * histories.
 *
 * @module
 */
import type { Config, History, QueueConfig } from "../../spec/index.ts"
import { isBounded } from "../../spec/index.ts"
import { needs } from "./applicability.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { type BoundedSend, boundedSendOf, showDepth } from "./internal/boundedSends.ts"
import { overflowQueuesOf } from "./internal/queueConfigs.ts"
import { QueueReplay } from "./internal/queueReplay.ts"
import { undrainedQueuesOf } from "./internal/queuesDrained.ts"

const refusingQueuesOf = (config: Config) => overflowQueuesOf(config, ["block", "reject"])
const blockQueuesOf = (config: Config) => overflowQueuesOf(config, ["block"])

/** The answer a full send gets from this queue: `SendBlocked` (`block`), `SendRejected` (`reject`), none for other queues. */
const refusalOf = (queue: QueueConfig): "SendBlocked" | "SendRejected" | undefined =>
  queue.overflow === "block" ? "SendBlocked" : queue.overflow === "reject" ? "SendRejected" : undefined

/**
 * Why the send's answer breaks the claim, or `undefined` when it does not.
 * Judged: the `block` and `reject` queues, and refusals by a queue without a
 * bound (which never refuses); the `drop-oldest` and `drop-newest` queues
 * are DropOverflowLosesSilently's. A send the FIFO queue remembers as a
 * duplicate is answered `Enqueued` deduplicated, full or not (QueueSend's
 * rule 4 comes before the bound), so the bound is due only to the others.
 */
const sendReason = (send: BoundedSend): string | undefined => {
  const { queue, response } = send
  const refusal = refusalOf(queue)
  if (response._tag !== "Enqueued") {
    if (!isBounded(queue)) return `${queue.name} has no bound: it never refuses a send`
    if (refusal === undefined) return undefined
    if (response._tag !== refusal) return `a ${queue.overflow} queue answers a send that finds it full with ${refusal}`
    if (send.duplicate !== undefined) {
      return `dedup id ${JSON.stringify(send.command.dedupId)} is remembered (message ${send.duplicate.messageId}, enqueued at ${send.duplicate.atMs} ms, step ${send.duplicate.step + 1}): a duplicate is answered Enqueued deduplicated before the bound is checked`
    }
    if (!send.full) return `it held ${showDepth(send.depth)}, fewer than its messagesMax of ${queue.messagesMax}: it refused a send it had room for`
    return undefined
  }
  if (refusal === undefined) return undefined
  if (response.dropped !== undefined) return `a ${queue.overflow} queue discards nothing to make room: the loss is silent`
  if (response.deduplicated === true && send.duplicate === undefined) {
    return `the send was answered deduplicated with no dedup id of it remembered: nothing was enqueued and the producer was not told, a silent loss`
  }
  if (response.deduplicated === true || !send.full) return undefined
  return `it held ${showDepth(send.depth)}, its messagesMax of ${queue.messagesMax} or more: the send should have been answered ${refusal}`
}

/** A `SendBlocked` whose value no later `Enqueued` of its queue answered (yet). */
interface PendingBlock {
  readonly queue: string
  readonly value: string
  readonly step: number
}

const blockKey = (queue: string, value: string): string => `${queue}\u0000${value}`

/**
 * The first, in history order, of: an `Enqueued` of a `block` or `reject`
 * queue that carries `dropped`, or that enqueued (not deduplicated) while the
 * queue's visible messages numbered `messagesMax` or more, or that says
 * deduplicated for a send whose dedup id the queue does not remember; a
 * `Received` from such a queue of a message id no `Enqueued` answer gave (a
 * refused send stored all the same); a `SendBlocked`
 * or `SendRejected` that is not the queue's refusal (`block`: `SendBlocked`,
 * `reject`: `SendRejected`, a queue without a bound: none), or that came
 * while the queue had room, or to a duplicate the FIFO queue remembers; and,
 * at the end, the first `SendBlocked` of a drained `block` queue whose value
 * no later `Enqueued` of that queue answered (a send of the same value: the
 * producer's application sends the same message again), reported at the
 * last step.
 */
const always = (history: History, config: Config): Violation | undefined => {
  if (refusingQueuesOf(config).length === 0) return undefined
  const replay = new QueueReplay(config)
  const pending = new Map<string, PendingBlock>()
  const refusing = new Set(refusingQueuesOf(config).map((queue) => queue.name))
  const enqueued = new Set<number>()
  for (const moment of replay.walk(history)) {
    const response = moment.entry.response
    if (response._tag === "Enqueued") enqueued.add(response.messageId)
    const received = moment.received
    if (received !== undefined && response._tag === "Received" && refusing.has(response.queue) && !enqueued.has(received.messageId)) {
      return {
        step: moment.step,
        message: `${response.queue} gave message ${received.messageId} (receipt ${received.receipt}) to consumer ${response.consumer}, but no Enqueued answer gave that id: the queue stored a send it answered otherwise (a refusal the producer will act on, so the message may be enqueued twice)`
      }
    }
    const send = boundedSendOf(replay, moment)
    if (send === undefined) continue
    const reason = sendReason(send)
    if (reason !== undefined) return { step: moment.step, message: `${send.here}, but ${reason}` }
    const key = blockKey(send.queue.name, send.command.value)
    if (send.response._tag === "Enqueued") pending.delete(key)
    else if (send.response._tag === "SendBlocked" && !pending.has(key)) pending.set(key, { queue: send.queue.name, value: send.command.value, step: moment.step })
  }
  if (pending.size === 0) return undefined
  const undrained = undrainedQueuesOf(history, config, blockQueuesOf(config))
  let first: PendingBlock | undefined = undefined
  for (const block of pending.values()) if (!undrained.has(block.queue) && (first === undefined || block.step < first.step)) first = block
  if (first === undefined) return undefined
  return {
    step: history.length - 1,
    message: `block queue ${first.queue} answered a send of ${JSON.stringify(first.value)} with SendBlocked at step ${first.step + 1}, but no later send of that value was Enqueued in ${first.queue} by the end of the drained history: the blocked message was lost`
  }
}

/** A send to a full `block` queue was answered `SendBlocked`, and a later send of the same value to that queue was enqueued (not deduplicated). */
const sometimes = (history: History, config: Config): boolean => {
  if (blockQueuesOf(config).length === 0) return false
  const replay = new QueueReplay(config)
  const blocked = new Set<string>()
  for (const moment of replay.walk(history)) {
    const send = boundedSendOf(replay, moment)
    if (send === undefined || send.queue.overflow !== "block") continue
    const key = blockKey(send.queue.name, send.command.value)
    if (send.response._tag === "SendBlocked" && send.full && send.duplicate === undefined) blocked.add(key)
    if (send.response._tag === "Enqueued" && send.response.deduplicated !== true && blocked.has(key)) return true
  }
  return false
}

/** The checker of OverflowIsKnownToTheProducer. */
export const overflowIsKnownToTheProducer: GuaranteeCheck = {
  id: "OverflowIsKnownToTheProducer",
  always,
  sometimes,
  judgesDrainedHistory: true,
  undrainedOf: (history, config) => undrainedQueuesOf(history, config, blockQueuesOf(config)),
  notApplicableReason: needs.refusingQueue
}
