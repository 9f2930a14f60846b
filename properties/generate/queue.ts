/**
 * The actions of queues: enabled only on a config with queues, so every
 * other config decodes the same choices to the same commands as before.
 * Producers send to the queues that are no queue's dead-letter queue (FIFO
 * sends carry a group and, often, a dedup id from a small pool, so
 * duplicates come up), and send again what a full `block` queue blocked;
 * consumers `c0..` receive, then follow their queue's
 * protocol (see `properties/driver/queue.ts`): process and acknowledge,
 * release or extend what they hold, crash; on an `inspected` dead-letter
 * queue that holds messages they receive to look, then release, extend or
 * crash (never process or acknowledge); an operator redrives a dead-letter
 * queue that holds messages; and clock advances are aimed at the end of a
 * message's visibility and of a dedup id's window (1 ms before, at, 1 ms
 * after), so both sides of each boundary come up.
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import { choiceFieldMax } from "../choice.ts"
import type { Choice } from "../choice.ts"
import { producerName } from "../driver/driver.ts"
import type { HeldReceipt, QueueConsumerView, QueueView } from "../driver/queue.ts"
import { ackableReceiptsOf, pendingReceiptsOf, processableReceiptsOf, queueDrainerName, releasableReceiptsOf } from "../driver/queue.ts"
import { sendValueOf } from "./actions.ts"
import type { Action, DecodeContext } from "./context.ts"
import { pick } from "./internal/slots.ts"

/** One consumer slot of one queue. */
export interface QueueSlot {
  readonly queue: QueueView
  readonly consumer: QueueConsumerView
}

/** The queue slots the queue actions pick from, sorted by what each may do now. */
export interface QueueContext {
  /** The queues producers send to and consumers receive from: those that are no queue's dead-letter queue. */
  readonly sources: ReadonlyArray<QueueView>
  /** Every consumer slot of the {@link QueueContext.sources} (not the drain's). */
  readonly slots: ReadonlyArray<QueueSlot>
  /** The consumer slots of the inspected dead-letter queues that hold messages (not the drain's). */
  readonly inspecting: ReadonlyArray<QueueSlot>
  /** The running slots of {@link QueueContext.inspecting} holding a receipt they may still release. */
  readonly inspectorsHolding: ReadonlyArray<QueueSlot>
  /** Slots with a running client (an inspected dead-letter queue's included). */
  readonly running: ReadonlyArray<QueueSlot>
  /** Slots holding a receipt their protocol lets them process. */
  readonly processing: ReadonlyArray<QueueSlot>
  /** Slots holding a receipt their protocol acknowledges now. */
  readonly acking: ReadonlyArray<QueueSlot>
  /** Slots holding a receipt they may release or extend. */
  readonly pending: ReadonlyArray<QueueSlot>
  /** Dead-letter queues the answers showed messages moved into (and not redriven since). */
  readonly redrivable: ReadonlyArray<QueueView>
  /** `block` queues with sends in the producers' backlog. */
  readonly blocking: ReadonlyArray<QueueView>
  /** The clock advances aimed at a boundary: to a visibility end or a dedup window end, 1 ms before, at, 1 ms after. */
  readonly aimedMs: ReadonlyArray<number>
}

const contextNone: QueueContext = { sources: [], slots: [], inspecting: [], inspectorsHolding: [], running: [], processing: [], acking: [], pending: [], redrivable: [], blocking: [], aimedMs: [] }

const contexts = new WeakMap<DecodeContext, QueueContext>()

/** The boundaries ahead of `nowMs` the clock may be aimed at: the two earliest visibility ends and the two earliest dedup window ends. */
const boundariesOf = (queue: QueueView, nowMs: number): ReadonlyArray<number> => {
  const visibilityEnds: Array<number> = []
  for (const untilMs of queue.inFlightUntil.values()) if (untilMs >= nowMs) visibilityEnds.push(untilMs)
  const windowEnds: Array<number> = []
  for (const seen of queue.dedupSeen) if (seen.atMs + queue.dedupWindowMs >= nowMs) windowEnds.push(seen.atMs + queue.dedupWindowMs)
  return [...visibilityEnds.sort((x, y) => x - y).slice(0, 2), ...windowEnds.slice(0, 2)]
}

/** The queue context of a decoding (memoised per context; empty on a config without queues). */
export const queueContextOf = (context: DecodeContext): QueueContext => {
  const queues = context.driver.queues
  if (queues.length === 0) return contextNone
  let found = contexts.get(context)
  if (found !== undefined) return found
  const sources: Array<QueueView> = []
  const slots: Array<QueueSlot> = []
  const inspecting: Array<QueueSlot> = []
  const inspectorsHolding: Array<QueueSlot> = []
  const running: Array<QueueSlot> = []
  const processing: Array<QueueSlot> = []
  const acking: Array<QueueSlot> = []
  const pending: Array<QueueSlot> = []
  const redrivable: Array<QueueView> = []
  const blocking: Array<QueueView> = []
  const aimed = new Set<number>()
  const nowMs = context.driver.nowMs
  for (const queue of queues) {
    if (queue.deadLetter) {
      if (queue.deadLetters > 0) redrivable.push(queue)
      if (!queue.inspected) continue
    } else {
      sources.push(queue)
      if (queue.blocked.length > 0) blocking.push(queue)
    }
    for (const boundary of boundariesOf(queue, nowMs)) {
      for (const delta of [-1, 0, 1]) if (boundary + delta >= nowMs) aimed.add(boundary + delta - nowMs)
    }
    // An inspector looks only while the dead-letter queue holds messages.
    const looking = queue.deadLetter && queue.deadLetters > 0
    for (const consumer of queue.consumers) {
      if (consumer.name === queueDrainerName) continue
      const slot = { queue, consumer }
      if (!queue.deadLetter) slots.push(slot)
      else if (looking) inspecting.push(slot)
      if (!consumer.running) continue
      running.push(slot)
      if (processableReceiptsOf(queue, consumer).length > 0) processing.push(slot)
      if (ackableReceiptsOf(queue, consumer).length > 0) acking.push(slot)
      if (pendingReceiptsOf(queue, consumer).length > 0) {
        pending.push(slot)
        if (looking) inspectorsHolding.push(slot)
      }
    }
  }
  found = { sources, slots, inspecting, inspectorsHolding, running, processing, acking, pending, redrivable, blocking, aimedMs: [...aimed].sort((x, y) => x - y) }
  contexts.set(context, found)
  return found
}

const address = (slot: QueueSlot) => ({ queue: slot.queue.name, consumer: slot.consumer.name })

const receiptCommand = (
  tag: "QueueProcess" | "QueueAck" | "QueueRelease",
  slot: QueueSlot,
  receipts: ReadonlyArray<HeldReceipt>,
  c: number
): Command => ({ _tag: tag, ...address(slot), receipt: pick(receipts, c).receipt })

/** The name of FIFO message group `index`: `g0`, `g1`, ... */
export const messageGroupName = (index: number): string => `g${index}`

/** The name of dedup id `index`: `d0`, `d1`, ... */
export const dedupIdName = (index: number): string => `d${index}`

/**
 * A producer sends to a queue. On a FIFO queue, `c` picks the message group
 * (`g0..`, as many as `keysMax`) and, for three quarters of its values, a
 * dedup id from a pool of two (`d0`, `d1`), so a dedup id comes back within
 * its window, and after it.
 */
export const queueSend: Action = {
  name: "queue-send",
  weight: 16,
  enabled: (context) => queueContextOf(context).sources.length > 0,
  make: (context, { a, b, c }) => {
    const { bounds } = context.config
    const queue = pick(queueContextOf(context).sources, b)
    const base = { _tag: "QueueSend", sender: producerName(a % bounds.producersMax), queue: queue.name, value: sendValueOf(context) } as const
    if (!queue.fifo) return base
    const group = messageGroupName(c % Math.max(1, bounds.keysMax))
    const dedup = Math.floor(c / Math.max(1, bounds.keysMax))
    return dedup % 4 === 0 ? { ...base, group } : { ...base, group, dedupId: dedupIdName((dedup >> 2) % 2) }
  }
}

/** A producer sends again the oldest message a `block` queue blocked (the application's backlog), unchanged. */
export const queueResend: Action = {
  name: "queue-resend",
  weight: 8,
  enabled: (context) => queueContextOf(context).blocking.length > 0,
  make: (context, { a }) => pick(queueContextOf(context).blocking, a).blocked[0]
}

/** A consumer receives `1..recordsPerPollMax` messages (a consumer without a client starts one). */
export const queueReceive: Action = {
  name: "queue-receive",
  weight: 18,
  enabled: (context) => queueContextOf(context).slots.length > 0,
  make: (context, { a, c }) => ({
    _tag: "QueueReceive",
    ...address(pick(queueContextOf(context).slots, a)),
    messagesMax: 1 + (c % context.config.bounds.recordsPerPollMax)
  })
}

/** A consumer processes a receipt its protocol lets it process. */
export const queueProcess: Action = {
  name: "queue-process",
  weight: 18,
  enabled: (context) => queueContextOf(context).processing.length > 0,
  make: (context, { a, c }) => {
    const slot = pick(queueContextOf(context).processing, a)
    return receiptCommand("QueueProcess", slot, processableReceiptsOf(slot.queue, slot.consumer), c)
  }
}

/** A consumer acknowledges a receipt its protocol acknowledges now (processed under at-least-once, received under at-most-once). */
export const queueAck: Action = {
  name: "queue-ack",
  weight: 14,
  enabled: (context) => queueContextOf(context).acking.length > 0,
  make: (context, { a, c }) => {
    const slot = pick(queueContextOf(context).acking, a)
    return receiptCommand("QueueAck", slot, ackableReceiptsOf(slot.queue, slot.consumer), c)
  }
}

/**
 * A consumer gives up on a receipt it has not worked on yet: with an even `b`
 * it releases it (visible again now, or dead-lettered at the receive limit;
 * on a FIFO queue the last it holds of its group, see `releasableReceiptsOf`),
 * else it extends its visibility by `1..visibilityTimeoutMs` ms, growing with `c`.
 */
export const queueRelease: Action = {
  name: "queue-release",
  weight: 5,
  enabled: (context) => queueContextOf(context).pending.length > 0,
  make: (context, { a, b, c }) => {
    const slot = pick(queueContextOf(context).pending, a)
    if (b % 2 === 0) return receiptCommand("QueueRelease", slot, releasableReceiptsOf(slot.queue, slot.consumer), c)
    const receipts = pendingReceiptsOf(slot.queue, slot.consumer)
    const ms = 1 + Math.floor((c * slot.queue.visibilityTimeoutMs) / (choiceFieldMax + 1))
    return { _tag: "QueueExtend", ...address(slot), receipt: pick(receipts, c).receipt, ms }
  }
}

/** A running queue consumer's process dies: what it holds stays in flight until its visibility ends. */
export const queueCrash: Action = {
  name: "queue-crash",
  weight: 4,
  enabled: (context) => queueContextOf(context).running.length > 0,
  make: (context, { a }) => ({ _tag: "QueueCrash", ...address(pick(queueContextOf(context).running, a)) })
}

/**
 * A consumer triages an inspected dead-letter queue that holds messages:
 * with an even `b`, when some consumer holds receipts there, one of them
 * (`a`) releases one (`c`; on a FIFO queue the last it holds of its group),
 * having looked; otherwise a consumer (`a`) receives
 * `1..recordsPerPollMax` messages to look at.
 */
export const queueInspect: Action = {
  name: "queue-inspect",
  weight: 12,
  enabled: (context) => queueContextOf(context).inspecting.length > 0,
  make: (context, { a, b, c }) => {
    const { inspecting, inspectorsHolding } = queueContextOf(context)
    if (b % 2 === 0 && inspectorsHolding.length > 0) {
      const slot = pick(inspectorsHolding, a)
      return receiptCommand("QueueRelease", slot, releasableReceiptsOf(slot.queue, slot.consumer), c)
    }
    return { _tag: "QueueReceive", ...address(pick(inspecting, a)), messagesMax: 1 + (c % context.config.bounds.recordsPerPollMax) }
  }
}

/** An operator redrives a dead-letter queue that holds messages. */
export const queueRedrive: Action = {
  name: "queue-redrive",
  weight: 5,
  enabled: (context) => queueContextOf(context).redrivable.length > 0,
  make: (context, { a }) => ({ _tag: "QueueRedrive", queue: pick(queueContextOf(context).redrivable, a).name })
}

/**
 * Time passes on a config with queues: with an even `b`, to a boundary ahead
 * (`a` picks among {@link QueueContext.aimedMs}); otherwise up to one and a
 * half of the longest visibility timeout, growing with `a` as its square.
 */
export const queueClock: Action = {
  name: "queue-clock",
  weight: 8,
  enabled: (context) => queueContextOf(context).sources.length > 0,
  make: (context, { a, b }: Choice) => {
    const queueContext = queueContextOf(context)
    if (b % 2 === 0 && queueContext.aimedMs.length > 0) return { _tag: "ClockAdvance", ms: pick(queueContext.aimedMs, a) }
    const spanMs = Math.floor(1.5 * Math.max(...queueContext.sources.map((queue) => queue.visibilityTimeoutMs)))
    return { _tag: "ClockAdvance", ms: Math.floor((a * a * spanMs) / (choiceFieldMax * choiceFieldMax)) }
  }
}

/** The queue actions, in the order decoding walks them. */
export const queueActions: ReadonlyArray<Action> = [queueSend, queueResend, queueReceive, queueProcess, queueAck, queueRelease, queueCrash, queueInspect, queueRedrive, queueClock]

/** Whether a config has queues (only then are the queue actions and the queue drain in play). */
export const isQueueConfig = (config: Config): boolean => (config.queues?.length ?? 0) > 0
