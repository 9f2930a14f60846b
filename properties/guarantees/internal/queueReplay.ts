/**
 * A replay of what a history's answers imply about the queues: the clock, per
 * message id its queue and place in queue order, its receives (time, receipt,
 * consumer, count), its latest receipt and the end of that receive's
 * visibility, its deletion, its moves to a dead-letter queue and its
 * redrives, its drop by a bounded queue, its processings; per receipt what
 * issued it; per FIFO queue its message groups in queue order and the dedup
 * ids it enqueued; per queue the messages in it (so its visible depth at a
 * step), its last change and last listing. The one home of this state for
 * the queue guarantees. Built from the ok answers only (an error answer changed
 * nothing), never from a model, so it describes what the target claims
 * happened.
 *
 * Checkers walk the history once with {@link QueueReplay.walk}, look at the
 * replay *before* each moment (the state the moment acts on), and the walk
 * applies the moment when they ask for the next one. A `Received` answer is
 * walked one message at a time, so each delivery is judged against the state
 * the earlier ones of the same answer left.
 *
 * @module
 */
import type { Command, Config, History, HistoryEntry, QueueConfig, ReceivedMessage, Response } from "../../../spec/index.ts"
import { isFifo, queueDedupWindowMsOf } from "../../../spec/index.ts"
import { VisibilityEnds } from "./visibilityEnds.ts"
import { memoByHistoryAndConfig } from "./historyMemo.ts"

/** One receive of a message: the receipt it issued, by which queue, to which consumer, when, with the count the answer reported. */
export interface QueueReceive {
  readonly receipt: number
  readonly messageId: number
  readonly queue: string
  readonly consumer: string
  readonly step: number
  readonly nowMs: number
  readonly receiveCount: number
  /** The message's stay when it was received (its queue and place in queue order then). */
  readonly stay: QueueStay
}

/** How the visibility of a message's latest receive ends: its queue's timeout, the end an `Extended` set, or a `Released`. */
export type VisibilityEnd = "timeout" | "extended" | "released"

/** One stay of a message in a queue: from its append (a send, a redrive back to its source, a move to a dead-letter queue), with its place in queue order. */
export interface QueueStay {
  readonly messageId: number
  readonly queue: string
  /** The append's rank over the whole run: queue order is this order. */
  readonly seq: number
  readonly step: number
  readonly nowMs: number
  readonly via: "send" | "redrive" | "move"
}

/** A message's move to a dead-letter queue, as an answer reported it. */
export interface QueueMove {
  readonly step: number
  readonly nowMs: number
  readonly from: string
  /** The dead-letter queue (the config's for `Released`; `undefined` when `from` has none). */
  readonly to: string | undefined
  readonly by: "ClockAdvanced" | "Released"
}

/** A message's redrive back to its source, as a `Redriven` answer reported it. */
export interface QueueRedrive {
  readonly step: number
  readonly from: string
  readonly to: string
}

/** A message's deletion: the `Acknowledged` answer that said `deleted: true`. */
export interface QueueDeletion {
  readonly step: number
  readonly queue: string
  readonly receipt: number
  readonly consumer: string
}

/** What the answers say about one message id. */
export class QueueMessage {
  /** Its FIFO group and dedup id, as the send that enqueued it named them. */
  group: string | undefined = undefined
  dedupId: string | undefined = undefined
  /** Its current stay (where it is, or was when it was deleted). */
  stay: QueueStay
  /** The queue it was moved from while it sits in a dead-letter queue. */
  source: string | undefined = undefined
  /** `Received` answers of it since its enqueue or last redrive (the history's count, not the reported one). */
  receives = 0
  /** Where `receives` counts from: its enqueue or its last redrive. */
  countedFrom: { readonly step: number; readonly via: "send" | "redrive" }
  /** Its latest receive ever (kept across moves and redrives: its receipt is then stale). */
  latest: QueueReceive | undefined = undefined
  /** The end of the latest receive's visibility: its time plus the queue's timeout, or what an `Extended` or a `Released` of its receipt set. */
  visibleFromMs = 0
  visibilityEnd: VisibilityEnd = "timeout"
  deleted: QueueDeletion | undefined = undefined
  /** The drop that discarded it from its queue (`drop-oldest`), if any since its enqueue. */
  dropped: QueueDrop | undefined = undefined
  moved: QueueMove | undefined = undefined
  redriven: QueueRedrive | undefined = undefined
  /** The step of its first `QueueProcessed`, if any. */
  processedFirstStep: number | undefined = undefined

  constructor(
    readonly messageId: number,
    stay: QueueStay
  ) {
    this.stay = stay
    this.countedFrom = { step: stay.step, via: "send" }
  }

  /** Its queue now (or when it was deleted). */
  get queue(): string {
    return this.stay.queue
  }

  /** Whether it is in flight at `nowMs`: received, still in its queue, its visibility not over. */
  inFlightAt(nowMs: number): boolean {
    return this.deleted === undefined && this.latest !== undefined && this.latest.step > this.leftStep() && nowMs < this.visibleFromMs
  }

  /** The step it last left a queue or came back (a move or a redrive), -1 before any. */
  leftStep(): number {
    return Math.max(this.moved?.step ?? -1, this.redriven?.step ?? -1)
  }
}

/** A listing of a queue (`QueueListed`), with the clock at its step. */
export interface QueueListing {
  readonly step: number
  readonly nowMs: number
  readonly response: Extract<Response, { readonly _tag: "QueueListed" }>
}

/** The last enqueue of one dedup id in one FIFO queue. */
export interface DedupEnqueue {
  readonly dedupId: string
  readonly messageId: number
  readonly atMs: number
  readonly step: number
}

/**
 * A message a bounded queue discarded to make room, as an `Enqueued`
 * answer's `dropped` reported it: an existing message (`drop-oldest`), or
 * the send's own new message (`drop-newest`: `own`, it never entered the
 * queue and its dedup id is not remembered).
 */
export interface QueueDrop {
  readonly messageId: number
  /** The queue of the send whose `Enqueued` named it. */
  readonly queue: string
  readonly step: number
  readonly nowMs: number
  /** The message id that send's `Enqueued` gave. */
  readonly sentId: number
  /** Whether it is the send's own message (`dropped` equals the answer's `messageId`). */
  readonly own: boolean
}

/** One moment of the walk: a history entry, or one message of a `Received` answer (`index` in its list). */
export interface QueueMoment {
  readonly step: number
  readonly entry: HistoryEntry
  /** The delivered message, for a moment of a `Received` answer. */
  readonly received: ReceivedMessage | undefined
  readonly index: number
}

/** The messages of one FIFO group of one queue, in queue order (stays that are over are skipped lazily). */
class GroupLine {
  readonly stays: Array<QueueStay> = []
  private head = 0

  constructor(private readonly messages: ReadonlyMap<number, QueueMessage>) {}

  /** Whether the stay is still current: the message is still there, neither deleted nor dropped. */
  isLive(stay: QueueStay): boolean {
    const message = this.messages.get(stay.messageId)
    return message !== undefined && message.stay === stay && message.deleted === undefined && message.dropped === undefined
  }

  /** The live stays, oldest first. */
  *live(): Iterable<QueueStay> {
    while (this.head < this.stays.length && !this.isLive(this.stays[this.head])) this.head++
    for (let i = this.head; i < this.stays.length; i++) if (this.isLive(this.stays[i])) yield this.stays[i]
  }

  /** The oldest live stay, if any. */
  oldest(): QueueStay | undefined {
    for (const stay of this.live()) return stay
    return undefined
  }
}

const key = (queue: string, name: string): string => `${queue}\u0000${name}`

/** The messages in one queue (neither deleted, dropped nor moved out), in queue order, and which of them are in flight. */
class QueueContents {
  readonly ids = new Set<number>()
  readonly inFlight = new VisibilityEnds()
}

/** The queue replay of one history; see the module comment. */
export class QueueReplay {
  /** The clock as the latest `ClockAdvanced` answer set it. */
  nowMs = 0
  readonly messages = new Map<number, QueueMessage>()
  readonly receipts = new Map<number, QueueReceive>()
  readonly queues: ReadonlyMap<string, QueueConfig>
  /** Per queue, the step of its last change (an append, a receive, a deletion, a visibility change, a move, a redrive), -1 before any. */
  readonly changedLast = new Map<string, number>()
  /** Per queue, its last listing. */
  readonly listings = new Map<string, QueueListing>()
  /** Per FIFO queue and dedup id, its last enqueue by a send. */
  readonly dedupEnqueues = new Map<string, DedupEnqueue>()
  /** Messages that reached their queue's `receiveCountMax` (by the history's count), still in that queue, not deleted or moved. */
  readonly exhausted = new Set<number>()
  /** Per message id, the `Enqueued` answer that named it as `dropped` (the last one, if several did). */
  readonly drops = new Map<number, QueueDrop>()
  /** Per queue, its messages (neither deleted, dropped nor moved out), in queue order, and which are in flight. */
  private readonly contents = new Map<string, QueueContents>()
  private readonly groupLines = new Map<string, GroupLine>()
  private readonly groupsByQueue = new Map<string, Array<string>>()
  private readonly held = new Map<string, Set<number>>()
  private seq = 0

  constructor(config: Config) {
    this.queues = new Map((config.queues ?? []).map((queue) => [queue.name, queue]))
  }

  /** The queue's config, if it is configured. */
  queue(name: string): QueueConfig | undefined {
    return this.queues.get(name)
  }

  /** Whether some queue names this one as its dead-letter queue. */
  isDeadLetterQueue(name: string): boolean {
    for (const queue of this.queues.values()) if (queue.deadLetterQueue === name) return true
    return false
  }

  /** The FIFO group's line in a queue (created empty on first use). */
  groupLine(queue: string, group: string): GroupLine {
    const k = key(queue, group)
    let line = this.groupLines.get(k)
    if (line === undefined) {
      line = new GroupLine(this.messages)
      this.groupLines.set(k, line)
      let groups = this.groupsByQueue.get(queue)
      if (groups === undefined) this.groupsByQueue.set(queue, (groups = []))
      groups.push(group)
    }
    return line
  }

  /** The groups a queue has seen, in order of first append. */
  groupsOf(queue: string): ReadonlyArray<string> {
    return this.groupsByQueue.get(queue) ?? []
  }

  /** The message ids whose latest receive went to this consumer of this queue (some may have moved or been deleted since). */
  heldBy(queue: string, consumer: string): ReadonlySet<number> {
    return this.held.get(key(queue, consumer)) ?? new Set()
  }

  /** The last enqueue of a dedup id in a queue, if any. */
  dedupEnqueue(queue: string, dedupId: string): DedupEnqueue | undefined {
    return this.dedupEnqueues.get(key(queue, dedupId))
  }

  /** The dedup enqueues of a queue. */
  dedupEnqueuesOf(queue: string): ReadonlyArray<DedupEnqueue> {
    const prefix = `${queue}\u0000`
    return [...this.dedupEnqueues].filter(([k]) => k.startsWith(prefix)).map(([, enqueue]) => enqueue)
  }

  /** The messages in the queue (neither deleted, dropped nor moved out), in flight or not, in queue order. */
  *messagesOf(queue: string): Iterable<QueueMessage> {
    const contents = this.contents.get(queue)
    if (contents === undefined) return
    for (const messageId of contents.ids) yield this.messages.get(messageId)!
  }

  /** The messages in the queue that are visible at the replay's clock (not in flight), in queue order. */
  *visibleOf(queue: string): Iterable<QueueMessage> {
    const contents = this.contents.get(queue)
    if (contents === undefined) return
    contents.inFlight.expire(this.nowMs)
    for (const messageId of contents.ids) if (!contents.inFlight.has(messageId)) yield this.messages.get(messageId)!
  }

  /**
   * The queue's depth as a bound counts it: its visible messages at the
   * replay's clock (in flight ones not counted). Read before a send's moment,
   * it is the depth the send found.
   */
  visibleDepth(queue: string): number {
    const contents = this.contents.get(queue)
    if (contents === undefined) return 0
    contents.inFlight.expire(this.nowMs)
    return contents.ids.size - contents.inFlight.size
  }

  /** The queue's first visible message in queue order, the one `drop-oldest` discards. */
  oldestVisible(queue: string): QueueMessage | undefined {
    for (const message of this.visibleOf(queue)) return message
    return undefined
  }

  /** Whether a dedup id enqueued at `atMs` is remembered by the queue at `nowMs`. */
  remembers(queue: QueueConfig, atMs: number, nowMs: number): boolean {
    return isFifo(queue) && nowMs < atMs + queueDedupWindowMsOf(queue)
  }

  /**
   * Walks the history: yields each moment (one per entry, one per message of
   * a `Received`), and applies it when the next one is asked for.
   */
  *walk(history: History): Generator<QueueMoment, void, undefined> {
    for (let step = 0; step < history.length; step++) {
      const entry = history[step]
      const response = entry.response
      if (response._tag === "Received") {
        for (let index = 0; index < response.messages.length; index++) {
          const received = response.messages[index]
          yield { step, entry, received, index }
          this.receive(response.queue, response.consumer, received, step)
        }
        if (response.messages.length === 0) yield { step, entry, received: undefined, index: 0 }
        continue
      }
      yield { step, entry, received: undefined, index: 0 }
      this.apply(entry.command, response, step)
    }
  }

  /** Applies every entry of the history (for checkers that judge only the end). */
  run(history: History): this {
    for (const _moment of this.walk(history)) {
      // each moment is applied when the next is asked for
    }
    return this
  }

  private touch(queue: string, step: number): void {
    this.changedLast.set(queue, step)
  }

  /** Puts the message at the end of a queue's contents, visible (taking it out of the queue it was in). */
  private place(messageId: number, from: string | undefined, to: string): void {
    if (from !== undefined) this.leave(messageId, from)
    let contents = this.contents.get(to)
    if (contents === undefined) this.contents.set(to, (contents = new QueueContents()))
    contents.ids.delete(messageId)
    contents.ids.add(messageId)
    contents.inFlight.delete(messageId)
  }

  /** Takes the message out of a queue's contents (deleted, dropped, moved out). */
  private leave(messageId: number, queue: string): void {
    const contents = this.contents.get(queue)
    contents?.ids.delete(messageId)
    contents?.inFlight.delete(messageId)
  }

  /** Keeps the queue's in-flight messages in step with the message's latest receive and its visibility end (the rule of `QueueMessage.inFlightAt`). */
  private trackVisibility(message: QueueMessage): void {
    const contents = this.contents.get(message.queue)
    if (contents === undefined || !contents.ids.has(message.messageId)) return
    if (message.latest !== undefined && message.latest.step > message.leftStep()) contents.inFlight.set(message.messageId, message.visibleFromMs)
    else contents.inFlight.delete(message.messageId)
  }

  private append(messageId: number, queue: string, step: number, via: QueueStay["via"], sent?: { readonly group: string | undefined; readonly dedupId: string | undefined }): QueueStay {
    const stay: QueueStay = { messageId, queue, seq: this.seq++, step, nowMs: this.nowMs, via }
    let message = this.messages.get(messageId)
    this.place(messageId, message?.queue, queue)
    if (message === undefined) this.messages.set(messageId, (message = new QueueMessage(messageId, stay)))
    else message.stay = stay
    if (sent !== undefined) {
      message.group = sent.group
      message.dedupId = sent.dedupId
    }
    this.exhausted.delete(messageId)
    const config = this.queues.get(queue)
    if (message.group !== undefined && config !== undefined && isFifo(config)) this.groupLine(queue, message.group).stays.push(stay)
    this.touch(queue, step)
    return stay
  }

  private receive(queue: string, consumer: string, received: ReceivedMessage, step: number): void {
    let message = this.messages.get(received.messageId)
    if (message === undefined) {
      // A message no answer enqueued: it is where the receive found it.
      const stay: QueueStay = { messageId: received.messageId, queue, seq: this.seq++, step, nowMs: this.nowMs, via: "send" }
      this.messages.set(received.messageId, (message = new QueueMessage(received.messageId, stay)))
      this.place(received.messageId, undefined, queue)
      message.group = received.group
      message.dedupId = received.dedupId
    }
    const previous = message.latest
    if (previous !== undefined) this.held.get(key(previous.queue, previous.consumer))?.delete(message.messageId)
    const receive: QueueReceive = {
      receipt: received.receipt,
      messageId: message.messageId,
      queue,
      consumer,
      step,
      nowMs: this.nowMs,
      receiveCount: received.receiveCount,
      stay: message.stay
    }
    message.receives += 1
    message.latest = receive
    message.visibleFromMs = this.nowMs + (this.queues.get(queue)?.visibilityTimeoutMs ?? 0)
    message.visibilityEnd = "timeout"
    this.trackVisibility(message)
    this.receipts.set(received.receipt, receive)
    let held = this.held.get(key(queue, consumer))
    if (held === undefined) this.held.set(key(queue, consumer), (held = new Set()))
    held.add(message.messageId)
    const receiveCountMax = this.queues.get(queue)?.receiveCountMax
    if (receiveCountMax !== undefined && message.queue === queue && message.receives >= receiveCountMax && message.deleted === undefined) {
      this.exhausted.add(message.messageId)
    }
    this.touch(queue, step)
  }

  private move(messageId: number, from: string, to: string | undefined, step: number, by: QueueMove["by"]): void {
    const message = this.messages.get(messageId)
    this.exhausted.delete(messageId)
    if (message === undefined) return
    message.moved = { step, nowMs: this.nowMs, from, to, by }
    this.touch(from, step)
    if (to === undefined) {
      this.leave(messageId, message.queue)
      return
    }
    this.append(messageId, to, step, "move")
    message.source = from
  }

  /**
   * Records a drop an `Enqueued` of `queue` (which gave `sentId`) reported:
   * an existing message leaves its queue; the send's own message is only
   * recorded (it never entered the queue).
   */
  private drop(messageId: number, queue: string, sentId: number, step: number): void {
    const own = messageId === sentId
    const drop: QueueDrop = { messageId, queue, step, nowMs: this.nowMs, sentId, own }
    this.drops.set(messageId, drop)
    const message = this.messages.get(messageId)
    if (own || message === undefined) return
    message.dropped = drop
    this.leave(messageId, message.queue)
    this.exhausted.delete(messageId)
    this.touch(message.queue, step)
  }

  /** Applies one entry's answer (ok answers only). */
  private apply(command: Command, response: Response, step: number): void {
    switch (response._tag) {
      case "ClockAdvanced": {
        this.nowMs = response.nowMs
        for (const moved of response.deadLettered ?? []) this.move(moved.messageId, moved.queue, moved.deadLetterQueue, step, "ClockAdvanced")
        return
      }
      case "Enqueued": {
        if (response.deduplicated === true) return
        if (response.dropped !== undefined) {
          this.drop(response.dropped, response.queue, response.messageId, step)
          // drop-newest: the send's own message never entered the queue, and its dedup id is not remembered
          if (response.dropped === response.messageId) return
        }
        const sent = command._tag === "QueueSend" ? command : undefined
        this.append(response.messageId, response.queue, step, "send", { group: sent?.group, dedupId: sent?.dedupId })
        const message = this.messages.get(response.messageId)!
        message.receives = 0
        message.countedFrom = { step, via: "send" }
        message.deleted = undefined
        message.dropped = undefined
        message.source = undefined
        const queue = this.queues.get(response.queue)
        if (sent?.dedupId !== undefined && queue !== undefined && isFifo(queue)) {
          this.dedupEnqueues.set(key(response.queue, sent.dedupId), { dedupId: sent.dedupId, messageId: response.messageId, atMs: this.nowMs, step })
        }
        return
      }
      case "QueueProcessed": {
        const message = this.messages.get(response.messageId)
        if (message !== undefined && message.processedFirstStep === undefined) message.processedFirstStep = step
        return
      }
      case "Acknowledged": {
        if (!response.deleted) return
        const message = this.messages.get(response.messageId)
        if (message === undefined) return
        message.deleted = { step, queue: response.queue, receipt: response.receipt, consumer: response.consumer }
        this.leave(message.messageId, message.queue)
        this.exhausted.delete(message.messageId)
        this.touch(response.queue, step)
        return
      }
      case "Released": {
        const message = this.messages.get(response.messageId)
        if (message === undefined) return
        if (message.latest?.receipt === response.receipt) {
          message.visibleFromMs = this.nowMs
          message.visibilityEnd = "released"
          this.trackVisibility(message)
        }
        this.touch(response.queue, step)
        if (response.deadLettered) this.move(message.messageId, response.queue, this.queues.get(response.queue)?.deadLetterQueue, step, "Released")
        return
      }
      case "Extended": {
        const message = this.messages.get(response.messageId)
        if (message === undefined) return
        if (message.latest?.receipt === response.receipt) {
          message.visibleFromMs = response.inFlightUntilMs
          message.visibilityEnd = "extended"
          this.trackVisibility(message)
        }
        this.touch(response.queue, step)
        return
      }
      case "Redriven": {
        for (const redriven of response.messages) {
          const message = this.messages.get(redriven.messageId)
          this.touch(response.queue, step)
          if (message === undefined) continue
          message.redriven = { step, from: response.queue, to: redriven.source }
          this.append(message.messageId, redriven.source, step, "redrive")
          message.receives = 0
          message.countedFrom = { step, via: "redrive" }
          message.source = undefined
        }
        return
      }
      case "QueueListed":
        this.listings.set(response.queue, { step, nowMs: this.nowMs, response })
        return
      default:
        return
    }
  }
}

/** The last replay of the whole history (the end-state checkers ask in turn); a history that grew is replayed again. */
/** The queue replay of the whole history, as its end leaves it. */
export const queueReplayOf: (history: History, config: Config) => QueueReplay = memoByHistoryAndConfig((history, config) =>
  new QueueReplay(config).run(history)
)

/** Whether the config has queues at all (the queue checkers skip their walk otherwise). */
export const hasQueues = (config: Config): boolean => (config.queues ?? []).length > 0
