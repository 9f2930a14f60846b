/**
 * The broker side of queues: each queue's messages in queue order, and the
 * receipts issued over the whole run. Message ids and receipts are counted
 * over all queues (the n-th enqueued message, the n-th message handed out);
 * a receipt belongs to the queue that issued it, and only a message's latest
 * receipt acts on it. Which messages a receive hands out, how long they stay
 * in flight and what the redrive policy does are the services this store is
 * built with (`FifoGroups`, `QueueVisibility`, `RedrivePolicy`), and so is
 * what a send to a full bounded queue does (`QueueOverflowPolicy`), so a
 * mutant swaps one of them. Queues live in memory for every built-in target.
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import { isFifo, type QueueConfig } from "../../spec/config.ts"
import type { DeadLettered, QueueEntry, ReceivedMessage, RedrivenMessage } from "../../spec/queue.ts"
import { NotInFlight, UnknownReceipt } from "../errors.ts"
import * as AppendLog from "../internal/appendLog.ts"
import { orDie } from "../internal/orDie.ts"
import { FifoGroups, type FifoGroupsShape } from "./fifoGroups.ts"
import { entryOf, isInFlight, type MessageSent, messageOf, receivedOf, type StoredMessage, visible } from "./message.ts"
import { QueueOverflowPolicy, type QueueOverflowPolicyShape } from "./overflow.ts"
import { QueueConfigs, type QueueConfigsShape } from "./queueConfigs.ts"
import { RedrivePolicy, type RedrivePolicyShape } from "./redrivePolicy.ts"
import { QueueVisibility, type QueueVisibilityShape } from "./visibility.ts"

/**
 * What a send did: `Stored` (with the id of the message discarded to make
 * room, if any), `Dropped` (the message took this id and was discarded), or
 * `Refused` by a full `block` or `reject` queue (nothing stored, no id used).
 */
export type Sent =
  | { readonly _tag: "Stored"; readonly messageId: number; readonly dropped: number | undefined }
  | { readonly _tag: "Dropped"; readonly messageId: number }
  | { readonly _tag: "Refused"; readonly overflow: "block" | "reject" }

/** What an acknowledgement did: the receipt's message, and whether it was deleted (false for a stale receipt). */
export interface Acknowledgement {
  readonly messageId: number
  readonly deleted: boolean
}

/** What a release did: the receipt's message, and whether it was moved to the dead-letter queue (else it is visible). */
export interface Release {
  readonly messageId: number
  readonly deadLettered: boolean
}

/** The queues' messages and receipts. Every method expects a configured queue (the handlers check it first). */
export interface QueueStoreShape {
  /**
   * A send at `nowMs`: as the overflow policy says, appends a fresh message
   * (visible, receive count 0, the next message id) to the queue, first
   * discarding its oldest visible message on a full `drop-oldest` queue;
   * or gives the message the next id and discards it (a full `drop-newest`
   * queue); or stores nothing (a full `block` or `reject` queue).
   */
  readonly send: (queue: QueueConfig, sent: MessageSent, nowMs: number) => Sent
  /**
   * Hands out up to `messagesMax` of the queue's receivable messages at
   * `nowMs`, in queue order: each gets receive count + 1, the next receipt
   * and a visibility end.
   */
  readonly receive: (queue: QueueConfig, nowMs: number, messagesMax: number) => ReadonlyArray<ReceivedMessage>
  /** The message the queue issued this receipt for, if it did. */
  readonly messageOf: (queue: string, receipt: number) => number | undefined
  /** Deletes the receipt's message when the receipt is its latest and it is still in the queue; throws `UnknownReceipt` for a receipt the queue never issued. */
  readonly acknowledge: (queue: string, receipt: number) => Acknowledgement
  /**
   * Ends the visibility of the receipt's message now: it is visible again, or,
   * exhausted, moved to the dead-letter queue. Throws `UnknownReceipt`, then
   * `NotInFlight` unless the receipt is the latest of a message in flight.
   */
  readonly release: (queue: QueueConfig, receipt: number, nowMs: number) => Release
  /** Keeps the receipt's message in flight until `inFlightUntilMs`; answers its id. Throws as `release` does. */
  readonly extend: (queue: string, receipt: number, nowMs: number, inFlightUntilMs: number) => number
  /** A consumer that held these receipts crashed (the redrive policy says what that does to their messages). */
  readonly crashed: (queue: string, receipts: ReadonlyArray<number>) => void
  /**
   * Queue by queue in configuration order, each in queue order, moves every
   * exhausted message whose visibility ended at `nowMs` to the end of its
   * dead-letter queue; answers the moves in order.
   */
  readonly expire: (nowMs: number) => ReadonlyArray<DeadLettered>
  /** Moves every message of the dead-letter queue that has a source and is not in flight at `nowMs` back to the end of its source, in queue order; answers them. */
  readonly redrive: (deadLetterQueue: string, nowMs: number) => ReadonlyArray<RedrivenMessage>
  /** Removes the message from the queue, whatever its receipts; whether it was there. */
  readonly remove: (queue: string, messageId: number) => boolean
  /** The queue's messages in queue order, as a listing at `nowMs` shows them. */
  readonly list: (queue: string, nowMs: number) => ReadonlyArray<QueueEntry>
}

/** A receipt as issued: by this queue, for this message. */
interface Issued {
  readonly queue: string
  readonly messageId: number
}

/** Every queue's messages, the number of messages enqueued so far and every receipt issued (receipt n at index n). */
interface QueuesState {
  readonly messages: ReadonlyMap<string, ReadonlyArray<StoredMessage>>
  readonly messagesEnqueued: number
  readonly receipts: AppendLog.AppendLog<Issued>
}

/** Where a receipt points in its queue: its message, and that message's position when the receipt is its latest. */
interface Resolved {
  readonly messageId: number
  /** The message's position in the queue when the receipt is its latest receipt, else -1 (stale). */
  readonly index: number
}

const empty: ReadonlyArray<StoredMessage> = []
const refusedBlock: Sent = { _tag: "Refused", overflow: "block" }
const refusedReject: Sent = { _tag: "Refused", overflow: "reject" }

/** The queue's messages with the one at `index` replaced by `message`. */
const replaced = (messages: ReadonlyArray<StoredMessage>, index: number, message: StoredMessage) => {
  const next = [...messages]
  next[index] = message
  return next
}

/** The queue's messages without the one at `index`. */
const removed = (messages: ReadonlyArray<StoredMessage>, index: number) => [...messages.slice(0, index), ...messages.slice(index + 1)]

/** A queue's messages in a state (none for a queue never sent to). */
const messagesOf = (current: QueuesState, queue: string) => current.messages.get(queue) ?? empty

/** The state with a queue's messages replaced. */
const withMessages = (current: QueuesState, queue: string, messages: ReadonlyArray<StoredMessage>): QueuesState => ({
  ...current,
  messages: new Map(current.messages).set(queue, messages)
})

/** The message of a receipt of `queue`; throws `UnknownReceipt` when the queue never issued it. */
const resolve = (current: QueuesState, queue: string, receipt: number): Resolved => {
  const issued = receipt < current.receipts.length ? current.receipts.entries[receipt] : undefined
  if (issued === undefined || issued.queue !== queue) throw new UnknownReceipt({ queue, receipt })
  const index = messagesOf(current, queue).findIndex((message) => message.messageId === issued.messageId)
  const latest = index >= 0 && messagesOf(current, queue)[index].receipt === receipt
  return { messageId: issued.messageId, index: latest ? index : -1 }
}

/** The receipt's message when the receipt is its latest and it is in flight; throws `UnknownReceipt`, then `NotInFlight`. */
const resolveInFlight = (current: QueuesState, queue: string, receipt: number, nowMs: number): Resolved => {
  const resolved = resolve(current, queue, receipt)
  if (resolved.index < 0 || !isInFlight(messagesOf(current, queue)[resolved.index], nowMs)) throw new NotInFlight({ queue, receipt })
  return resolved
}

/** The state with the message at `index` of `queue` moved to the end of its dead-letter queue (as `policy` makes it arrive). */
const deadLettered = (policy: RedrivePolicyShape, current: QueuesState, queue: QueueConfig, index: number): QueuesState => {
  const deadLetterQueue = queue.deadLetterQueue ?? queue.name
  const messages = messagesOf(current, queue.name)
  const left = withMessages(current, queue.name, removed(messages, index))
  const arrived = policy.deadLettered(messages[index], queue.name)
  return arrived === undefined ? left : withMessages(left, deadLetterQueue, [...messagesOf(left, deadLetterQueue), arrived])
}

/** Empty queues whose receives, visibility, redrive policy and overflow are the services it is built with. */
export const queueStoreOf = (
  configs: QueueConfigsShape,
  fifoGroups: FifoGroupsShape,
  visibility: QueueVisibilityShape,
  policy: RedrivePolicyShape,
  overflowPolicy: QueueOverflowPolicyShape
): QueueStoreShape => {
  const withPolicy = configs.queues.filter((queue) => queue.deadLetterQueue !== undefined)
  let state: QueuesState = { messages: new Map(), messagesEnqueued: 0, receipts: AppendLog.empty() }

  return {
    send(queue, sent, nowMs) {
      const current = state
      const messageId = current.messagesEnqueued
      const messages = messagesOf(current, queue.name)
      const overflow = overflowPolicy.overflowOf(queue, messages, nowMs)
      switch (overflow._tag) {
        case "Block":
          return refusedBlock
        case "Reject":
          return refusedReject
        case "DropNewest":
          state = { ...current, messagesEnqueued: messageId + 1 }
          return { _tag: "Dropped", messageId }
        case "Store":
        case "DropOldest": {
          const dropped = overflow._tag === "DropOldest" ? messages[overflow.index].messageId : undefined
          const kept = overflow._tag === "DropOldest" ? removed(messages, overflow.index) : messages
          const next = withMessages(current, queue.name, [...kept, messageOf(messageId, sent)])
          state = { ...next, messagesEnqueued: messageId + 1 }
          return { _tag: "Stored", messageId, dropped }
        }
      }
    },

    receive(queue, nowMs, messagesMax) {
      const current = state
      const messages = messagesOf(current, queue.name)
      const positions = isFifo(queue) ? fifoGroups.receivable(messages, nowMs, messagesMax) : visiblePositions(messages, nowMs, messagesMax)
      if (positions.length === 0) return []
      const next = [...messages]
      const received: Array<ReceivedMessage> = []
      let receipts = current.receipts
      const inFlightUntilMs = visibility.inFlightUntilMs(nowMs, queue.visibilityTimeoutMs)
      for (const position of positions) {
        const receipt = receipts.length
        const message = { ...messages[position], receiveCount: messages[position].receiveCount + 1, receipt, inFlightUntilMs }
        next[position] = message
        receipts = AppendLog.append(receipts, { queue: queue.name, messageId: message.messageId })
        received.push(receivedOf(message, receipt))
      }
      state = { ...withMessages(current, queue.name, next), receipts }
      return received
    },

    messageOf(queue, receipt) {
      const issued = receipt < state.receipts.length ? state.receipts.entries[receipt] : undefined
      return issued !== undefined && issued.queue === queue ? issued.messageId : undefined
    },

    acknowledge(queue, receipt) {
      const current = state
      const { index, messageId } = resolve(current, queue, receipt)
      if (index < 0) return { messageId, deleted: false }
      state = withMessages(current, queue, removed(messagesOf(current, queue), index))
      return { messageId, deleted: true }
    },

    release(queue, receipt, nowMs) {
      const current = state
      const { index, messageId } = resolveInFlight(current, queue.name, receipt, nowMs)
      const message = messagesOf(current, queue.name)[index]
      if (policy.exhausted(queue, message.receiveCount)) {
        state = deadLettered(policy, current, queue, index)
        return { messageId, deadLettered: true }
      }
      state = withMessages(current, queue.name, replaced(messagesOf(current, queue.name), index, visible(message)))
      return { messageId, deadLettered: false }
    },

    extend(queue, receipt, nowMs, inFlightUntilMs) {
      const current = state
      const { index, messageId } = resolveInFlight(current, queue, receipt, nowMs)
      const messages = messagesOf(current, queue)
      state = withMessages(current, queue, replaced(messages, index, { ...messages[index], inFlightUntilMs }))
      return messageId
    },

    crashed(queue, receipts) {
      let current = state
      for (const receipt of receipts) {
        // A buffer holds only receipts its queue issued: another is a defect.
        const { index } = orDie(() => resolve(current, queue, receipt))
        if (index < 0) continue
        const messages = messagesOf(current, queue)
        const after = policy.crashed(messages[index])
        if (after !== messages[index]) current = withMessages(current, queue, replaced(messages, index, after))
      }
      state = current
    },

    expire(nowMs) {
      if (withPolicy.length === 0) return []
      const before = state
      let current = before
      const moved: Array<DeadLettered> = []
      for (const queue of withPolicy) {
        const deadLetterQueue = queue.deadLetterQueue ?? queue.name
        for (const message of messagesOf(before, queue.name)) {
          const { inFlightUntilMs } = message
          if (inFlightUntilMs === undefined || nowMs < inFlightUntilMs || !policy.exhausted(queue, message.receiveCount)) continue
          const index = messagesOf(current, queue.name).indexOf(message)
          current = deadLettered(policy, current, queue, index)
          moved.push({ queue: queue.name, messageId: message.messageId, deadLetterQueue })
        }
      }
      state = current
      return moved
    },

    redrive(deadLetterQueue, nowMs) {
      const before = state
      const messages = messagesOf(before, deadLetterQueue)
      const redriven: Array<RedrivenMessage> = []
      const stay: Array<StoredMessage> = []
      let current = before
      for (const message of messages) {
        if (message.source === undefined || isInFlight(message, nowMs) || !policy.redrivable(message, redriven.length)) {
          stay.push(message)
          continue
        }
        current = withMessages(current, message.source, [...messagesOf(current, message.source), policy.redriven(message)])
        redriven.push({ messageId: message.messageId, source: message.source })
      }
      if (redriven.length === 0) return []
      state = withMessages(current, deadLetterQueue, stay)
      return redriven
    },

    remove(queue, messageId) {
      const messages = messagesOf(state, queue)
      const index = messages.findIndex((message) => message.messageId === messageId)
      if (index < 0) return false
      state = withMessages(state, queue, removed(messages, index))
      return true
    },

    list(queue, nowMs) {
      return messagesOf(state, queue).map((message) => entryOf(message, nowMs))
    }
  }
}

/** {@link queueStoreOf} the broker's queues and queue policies, as an Effect. */
export const makeQueueStore: Effect.Effect<
  QueueStoreShape,
  never,
  QueueConfigs | FifoGroups | QueueVisibility | RedrivePolicy | QueueOverflowPolicy
> = Effect.gen(function*() {
  return queueStoreOf(yield* QueueConfigs, yield* FifoGroups, yield* QueueVisibility, yield* RedrivePolicy, yield* QueueOverflowPolicy)
})

/** The positions of the first `messagesMax` messages visible at `nowMs`, in queue order (a standard queue's receive). */
const visiblePositions = (messages: ReadonlyArray<StoredMessage>, nowMs: number, messagesMax: number): ReadonlyArray<number> => {
  const positions: Array<number> = []
  for (let i = 0; i < messages.length && positions.length < messagesMax; i++) if (!isInFlight(messages[i], nowMs)) positions.push(i)
  return positions
}

/** The broker's queues. */
export class QueueStore extends Context.Service<QueueStore, QueueStoreShape>()("qsem/impl/QueueStore") {
  /** Empty queues over the real receive rule, visibility, redrive policy and overflow rule. */
  static readonly layer: Layer.Layer<QueueStore, never, QueueConfigs | FifoGroups | QueueVisibility | RedrivePolicy | QueueOverflowPolicy> = Layer.effect(
    QueueStore,
    makeQueueStore
  )
}
