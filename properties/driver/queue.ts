/**
 * The application's view of the queues (see spec/command/queue.ts), built
 * only from the answers it got, and the queue consumer protocols:
 *
 * - at-least-once (receive, process, acknowledge): a consumer processes a
 *   receipt it holds, then acknowledges it; it may release or extend a
 *   receipt it has not processed yet.
 * - at-most-once (receive, acknowledge, process): a consumer acknowledges a
 *   receipt first and processes it only when the acknowledgement deleted
 *   the message (`deleted: true`); a stale receipt (`deleted: false`: the
 *   message was received again since) is dropped unprocessed, since another
 *   consumer now holds the message. It may release or extend a receipt it
 *   has not acknowledged yet.
 * - inspection, on a dead-letter queue whose config says `inspected`: a
 *   consumer receives, then releases or extends what it received (on a FIFO
 *   queue, from the back of a group); it never processes or acknowledges
 *   there, so the messages stay for a redrive.
 *
 * Processing order: a consumer may process any receipt its protocol lets
 * it process (a pool of workers); the final drain's consumer works on one
 * receipt at a time in receive order. On a FIFO queue, where one receive
 * may hand out several messages of a group, a consumer processes a group's
 * messages in the order it received them (a receipt waits for every earlier
 * one of its group that it still holds unprocessed), and gives them up from
 * the back (it releases a receipt only when it holds no later unprocessed
 * one of its group), as a FIFO consumer of SQS must, so under at-least-once
 * a group's messages are processed in queue order by whoever holds them.
 * (Under at-most-once a consumer acknowledges in any order, and a message
 * it deleted may be processed before an earlier one that another consumer
 * got after a release: at-most-once promises no processing order.)
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"

/** A send to a queue, as the application issued it. */
export type QueueSendCommand = Extract<Command, { readonly _tag: "QueueSend" }>
import type { Config, QueueMode } from "../../spec/config.ts"
import { inspectedQueueNamesOf, isFifo, queueDedupWindowMsOf } from "../../spec/config.ts"
import type { Response } from "../../spec/response.ts"

/** A receipt a consumer holds: the message it delivered, and how far the protocol got with it. */
export interface HeldReceipt {
  readonly receipt: number
  readonly messageId: number
  /** At-least-once: the consumer processed it (its acknowledgement is next). */
  readonly processed: boolean
  /** At-most-once: the acknowledgement deleted the message (processing is next). */
  readonly acked: boolean
  /** Its FIFO message group, as the receive named it. */
  readonly group?: string | undefined
}

/** One consumer slot of a queue: whether it has a client, and the receipts it holds in receive order. */
export interface QueueConsumerView {
  readonly name: string
  readonly running: boolean
  readonly held: ReadonlyArray<HeldReceipt>
}

/** A dedup id a FIFO queue enqueued a message with, and when (its window runs from then). */
export interface DedupSeen {
  readonly dedupId: string
  readonly atMs: number
}

/** One queue, as the answers showed it. */
export interface QueueView {
  readonly name: string
  readonly mode: QueueMode
  readonly fifo: boolean
  readonly visibilityTimeoutMs: number
  /** The FIFO queue's deduplication window (0 for a standard queue). */
  readonly dedupWindowMs: number
  /** The queue's dead-letter queue, if it has a redrive policy. */
  readonly deadLetterQueue: string | undefined
  /** Some queue names this one as its dead-letter queue (the generator sends to the others only, and receives from the others and the inspected ones). */
  readonly deadLetter: boolean
  /** A dead-letter queue its consumers triage: they receive, then release or extend (the inspection protocol, see the module comment). */
  readonly inspected: boolean
  /** The consumer slots `c0..` (up to `membersPerGroupMax`), then the drain's consumer. */
  readonly consumers: ReadonlyArray<QueueConsumerView>
  /** The end of the visibility of each message received from this queue whose end the answers did not show passed, by message id. */
  readonly inFlightUntil: ReadonlyMap<number, number>
  /** Messages the answers showed moved into this (dead-letter) queue and not redriven since. */
  readonly deadLetters: number
  /** FIFO: the dedup ids enqueued within the window, oldest first. */
  readonly dedupSeen: ReadonlyArray<DedupSeen>
  /**
   * A `block` queue: the sends it answered `SendBlocked` and the application
   * has not yet got enqueued, oldest first (the producers' backlog: each is
   * sent again, unchanged, until it is enqueued).
   */
  readonly blocked: ReadonlyArray<QueueSendCommand>
}

/** The name of queue consumer slot `index`: `c0`, `c1`, ... */
export const queueConsumerName = (index: number): string => `c${index}`

/** The name of the consumer the final drain receives with. */
export const queueDrainerName = "drainer"

const consumerIdle = (name: string): QueueConsumerView => ({ name, running: false, held: [] })

const inFlightNone: ReadonlyMap<number, number> = new Map()

/** The queues before anything happened, in config order (none for a config without queues). */
export const queuesInit = (config: Config): ReadonlyArray<QueueView> => {
  const queues = config.queues ?? []
  if (queues.length === 0) return []
  const consumers: Array<QueueConsumerView> = []
  for (let i = 0; i < config.bounds.membersPerGroupMax; i++) consumers.push(consumerIdle(queueConsumerName(i)))
  consumers.push(consumerIdle(queueDrainerName))
  const deadLetterNames = new Set(queues.flatMap((queue) => (queue.deadLetterQueue === undefined ? [] : [queue.deadLetterQueue])))
  const inspectedNames = inspectedQueueNamesOf(config)
  return queues.map((queue) => ({
    name: queue.name,
    mode: queue.mode,
    fifo: isFifo(queue),
    visibilityTimeoutMs: queue.visibilityTimeoutMs,
    dedupWindowMs: isFifo(queue) ? queueDedupWindowMsOf(queue) : 0,
    deadLetterQueue: queue.deadLetterQueue,
    deadLetter: deadLetterNames.has(queue.name),
    inspected: inspectedNames.has(queue.name),
    consumers,
    inFlightUntil: inFlightNone,
    deadLetters: 0,
    dedupSeen: [],
    blocked: []
  }))
}

/** Whether the protocol still has to process the held receipt (at-most-once: processed receipts are no longer held). */
const unprocessed = (queue: QueueView, held: HeldReceipt): boolean => queue.mode === "at-most-once" || !held.processed

/**
 * The receipts the consumer's protocol lets it process now, in receive
 * order; on a FIFO queue, only those that no earlier unprocessed receipt of
 * their group precedes; none on an inspected queue.
 */
export const processableReceiptsOf = (queue: QueueView, consumer: QueueConsumerView): ReadonlyArray<HeldReceipt> => {
  if (queue.inspected) return []
  const ready = (held: HeldReceipt): boolean => (queue.mode === "at-least-once" ? !held.processed : held.acked)
  if (!queue.fifo) return consumer.held.filter(ready)
  const waiting = new Set<string | undefined>()
  const processable: Array<HeldReceipt> = []
  for (const held of consumer.held) {
    if (waiting.has(held.group)) continue
    if (ready(held)) processable.push(held)
    if (unprocessed(queue, held)) waiting.add(held.group)
  }
  return processable
}

/** The receipts the consumer's protocol acknowledges now, in receive order (none on an inspected queue). */
export const ackableReceiptsOf = (queue: QueueView, consumer: QueueConsumerView): ReadonlyArray<HeldReceipt> =>
  queue.inspected ? [] : consumer.held.filter((held) => (queue.mode === "at-least-once" ? held.processed : !held.acked))

/** The receipts the consumer may still release or extend: not processed (at-least-once), not acknowledged (at-most-once). */
export const pendingReceiptsOf = (queue: QueueView, consumer: QueueConsumerView): ReadonlyArray<HeldReceipt> =>
  consumer.held.filter((held) => (queue.mode === "at-least-once" ? !held.processed : !held.acked))

/**
 * The receipts the consumer may release now: its pending ones; on a FIFO
 * queue, only those that no later pending receipt of their group follows
 * (a group is given up from the back, so what it still processes stays in
 * order).
 */
export const releasableReceiptsOf = (queue: QueueView, consumer: QueueConsumerView): ReadonlyArray<HeldReceipt> => {
  const pending = pendingReceiptsOf(queue, consumer)
  if (!queue.fifo) return pending
  return pending.filter((held, index) => !pending.some((later, laterIndex) => laterIndex > index && later.group === held.group))
}

/**
 * The consumer's next step in the drain's loop (one receipt at a time, in
 * receive order), if it holds one; on an inspected queue, the release of the
 * last receipt it holds (the back of its group on a FIFO queue).
 */
export const queueNextStepOf = (queue: QueueView, consumer: QueueConsumerView): Command | undefined => {
  if (queue.inspected) {
    const last = consumer.held.at(-1)
    return last === undefined ? undefined : { _tag: "QueueRelease", queue: queue.name, consumer: consumer.name, receipt: last.receipt }
  }
  const held = consumer.held[0]
  if (held === undefined) return undefined
  const address = { queue: queue.name, consumer: consumer.name, receipt: held.receipt }
  if (queue.mode === "at-least-once") return held.processed ? { _tag: "QueueAck", ...address } : { _tag: "QueueProcess", ...address }
  return held.acked ? { _tag: "QueueProcess", ...address } : { _tag: "QueueAck", ...address }
}

/** The queue without `send` in its backlog (a send is known by its value: every generated send has its own). */
const withoutBlocked = (queue: QueueView, send: QueueSendCommand): QueueView => {
  if (queue.blocked.length === 0) return queue
  const blocked = queue.blocked.filter((entry) => entry.value !== send.value)
  return blocked.length === queue.blocked.length ? queue : { ...queue, blocked }
}

/** The index of queue `name`, or -1. */
const queueIndexOf = (queues: ReadonlyArray<QueueView>, name: string): number => {
  for (let i = 0; i < queues.length; i++) if (queues[i].name === name) return i
  return -1
}

const withQueue = (queues: ReadonlyArray<QueueView>, name: string, f: (queue: QueueView) => QueueView): ReadonlyArray<QueueView> => {
  const index = queueIndexOf(queues, name)
  if (index < 0) return queues
  const updated = f(queues[index])
  if (updated === queues[index]) return queues
  const next = queues.slice()
  next[index] = updated
  return next
}

const withConsumer = (queue: QueueView, name: string, f: (consumer: QueueConsumerView) => QueueConsumerView): QueueView => {
  const index = queue.consumers.findIndex((consumer) => consumer.name === name)
  if (index < 0) return queue
  const updated = f(queue.consumers[index])
  if (updated === queue.consumers[index]) return queue
  const consumers = queue.consumers.slice()
  consumers[index] = updated
  return { ...queue, consumers }
}

const withoutReceipt = (consumer: QueueConsumerView, receipt: number): QueueConsumerView => {
  const held = consumer.held.filter((entry) => entry.receipt !== receipt)
  return held.length === consumer.held.length ? consumer : { ...consumer, held }
}

const markReceipt = (consumer: QueueConsumerView, receipt: number, mark: Partial<HeldReceipt>): QueueConsumerView => {
  const index = consumer.held.findIndex((entry) => entry.receipt === receipt)
  if (index < 0) return consumer
  const held = consumer.held.slice()
  held[index] = { ...held[index], ...mark }
  return { ...consumer, held }
}

const inFlightSet = (queue: QueueView, entries: ReadonlyArray<readonly [number, number]>): QueueView => {
  const inFlightUntil = new Map(queue.inFlightUntil)
  for (const [messageId, untilMs] of entries) inFlightUntil.set(messageId, untilMs)
  return { ...queue, inFlightUntil }
}

const inFlightEnded = (queue: QueueView, messageId: number): QueueView => {
  if (!queue.inFlightUntil.has(messageId)) return queue
  const inFlightUntil = new Map(queue.inFlightUntil)
  inFlightUntil.delete(messageId)
  return { ...queue, inFlightUntil }
}

/** The queues after the consumer of this queue lost its client (a crash of it, or of the broker). */
const queueCrashed = (queues: ReadonlyArray<QueueView>, name: string, consumer: string): ReadonlyArray<QueueView> =>
  withQueue(queues, name, (queue) =>
    withConsumer(queue, consumer, (view) => (view.running || view.held.length > 0 ? consumerIdle(view.name) : view)))

/** The queue as of `nowMs`: visibility ends passed, dedup ids out of their window, forgotten. */
const queueAt = (queue: QueueView, nowMs: number): QueueView => {
  let inFlightUntil = queue.inFlightUntil
  for (const [messageId, untilMs] of queue.inFlightUntil) {
    if (untilMs > nowMs) continue
    if (inFlightUntil === queue.inFlightUntil) inFlightUntil = new Map(queue.inFlightUntil)
    ;(inFlightUntil as Map<number, number>).delete(messageId)
  }
  const dedupSeen = queue.dedupSeen.filter((seen) => seen.atMs + queue.dedupWindowMs > nowMs)
  return inFlightUntil === queue.inFlightUntil && dedupSeen.length === queue.dedupSeen.length ? queue : { ...queue, inFlightUntil, dedupSeen }
}

/**
 * The queues after `command` was answered with `response` at `nowMs` (the
 * clock after the answer). Only answers teach anything, and they are
 * trusted, as everywhere in the driver.
 */
export const queuesObserve = (
  queues: ReadonlyArray<QueueView>,
  command: Command,
  response: Response,
  nowMs: number
): ReadonlyArray<QueueView> => {
  switch (response._tag) {
    case "Enqueued": {
      if (command._tag !== "QueueSend") return queues
      const unblocked = withQueue(queues, response.queue, (queue) => withoutBlocked(queue, command))
      if (command.dedupId === undefined || response.deduplicated === true || response.dropped === response.messageId) return unblocked
      const dedupId = command.dedupId
      return withQueue(unblocked, response.queue, (queue) =>
        queue.fifo ? { ...queue, dedupSeen: [...queue.dedupSeen.filter((seen) => seen.dedupId !== dedupId), { dedupId, atMs: nowMs }] } : queue)
    }
    case "SendBlocked":
      return command._tag !== "QueueSend"
        ? queues
        : withQueue(queues, response.queue, (queue) =>
          queue.blocked.some((send) => send.value === command.value) ? queue : { ...queue, blocked: [...queue.blocked, command] })
    case "Received":
      return withQueue(queues, response.queue, (queue) => {
        const received = withConsumer(queue, response.consumer, (consumer) => ({
          ...consumer,
          running: true,
          held: [
            ...consumer.held,
            ...response.messages.map((message) => ({
              receipt: message.receipt,
              messageId: message.messageId,
              processed: false,
              acked: false,
              ...(queue.fifo ? { group: message.group } : {})
            }))
          ]
        }))
        return response.messages.length === 0
          ? received
          : inFlightSet(received, response.messages.map((message) => [message.messageId, nowMs + queue.visibilityTimeoutMs] as const))
      })
    case "QueueProcessed":
      return withQueue(queues, response.queue, (queue) =>
        withConsumer(queue, response.consumer, (consumer) =>
          queue.mode === "at-least-once" ? markReceipt(consumer, response.receipt, { processed: true }) : withoutReceipt(consumer, response.receipt)))
    case "Acknowledged":
      return withQueue(queues, response.queue, (queue) => {
        const acked = withConsumer(queue, response.consumer, (consumer) =>
          queue.mode === "at-most-once" && response.deleted ? markReceipt(consumer, response.receipt, { acked: true }) : withoutReceipt(consumer, response.receipt))
        return response.deleted ? inFlightEnded(acked, response.messageId) : acked
      })
    case "Released": {
      let deadLetterQueue: string | undefined = undefined
      const released = withQueue(queues, response.queue, (queue) => {
        deadLetterQueue = queue.deadLetterQueue
        return inFlightEnded(withConsumer(queue, response.consumer, (consumer) => withoutReceipt(consumer, response.receipt)), response.messageId)
      })
      return !response.deadLettered || deadLetterQueue === undefined
        ? released
        : withQueue(released, deadLetterQueue, (queue) => ({ ...queue, deadLetters: queue.deadLetters + 1 }))
    }
    case "Extended":
      return withQueue(queues, response.queue, (queue) => inFlightSet(queue, [[response.messageId, response.inFlightUntilMs]]))
    case "NotReceived":
      return command._tag === "QueueProcess"
        ? withQueue(queues, command.queue, (queue) => withConsumer(queue, command.consumer, (consumer) => withoutReceipt(consumer, command.receipt)))
        : queues
    case "NotInFlight": {
      // An inspector's receipt that is no longer the message's latest in flight (its visibility ended, another inspector
      // received it since, or a redrive moved it): nothing is left to release or extend, so the inspector lets go of it.
      if (command._tag !== "QueueRelease" && command._tag !== "QueueExtend") return queues
      const { consumer: name, receipt } = command
      return withQueue(queues, command.queue, (queue) => (queue.inspected ? withConsumer(queue, name, (consumer) => withoutReceipt(consumer, receipt)) : queue))
    }
    case "QueueCrashed":
      return queueCrashed(queues, response.queue, response.consumer)
    case "BrokerRestarted":
      return response.clients.reduce((next, client) => queueCrashed(next, client.queue, client.consumer), queues)
    case "Redriven":
      return withQueue(queues, response.queue, (queue) =>
        response.messages.length === 0 ? queue : { ...queue, deadLetters: Math.max(0, queue.deadLetters - response.messages.length) })
    case "ClockAdvanced": {
      let next: ReadonlyArray<QueueView> = queues.map((queue) => queueAt(queue, nowMs))
      for (const moved of response.deadLettered ?? []) {
        next = withQueue(withQueue(next, moved.queue, (queue) => inFlightEnded(queue, moved.messageId)), moved.deadLetterQueue, (queue) => ({
          ...queue,
          deadLetters: queue.deadLetters + 1
        }))
      }
      return next.every((queue, i) => queue === queues[i]) ? queues : next
    }
    default:
      return queues
  }
}
