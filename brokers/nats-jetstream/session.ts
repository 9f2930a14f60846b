/**
 * One session of the JetStream target: a connection, a stream and a durable
 * pull consumer per queue (under the session's own prefix), the book that
 * names the broker's deliveries in the run's terms, and the translation of
 * every queue command into client calls.
 *
 * | qsem | JetStream |
 * | --- | --- |
 * | `QueueSend` | publish to the queue's subject (`Nats-Msg-Id` = the dedup id on a FIFO queue); a PubAck with `duplicate` is `Enqueued` with `deduplicated` |
 * | `QueueReceive` | a pull of up to `messagesMax` with `no_wait` (see pull.ts); the receive count is the delivery count |
 * | `QueueProcess` | nothing at the broker: the consumer's buffer |
 * | `QueueAck` | `+ACK` to the receipt's ack subject, as a request; `deleted` = the message was stored before and is gone after |
 * | `QueueRelease` | `-NAK` (redeliver now) |
 * | `QueueExtend` | `+WPI` (`working()`): the ack wait starts again, whole |
 * | `QueueCrash` | nothing at the broker: the client's buffer is dropped; the server redelivers after `ack_wait` |
 * | `BrokerRestart` | SIGKILL and restart of the managed server, a new connection, the streams and consumers ensured |
 * | `ObserverQueue` | the stream's messages by sequence, with the book's receive counts, receipts and visibility ends |
 * | `ClockAdvance` | real waiting (brokers/realTime.ts) |
 *
 * @module
 */
import { connect, headers as natsHeaders, type JetStreamClient, type JetStreamManager, type MsgHdrs, type NatsConnection, type StoredMsg } from "nats"
import type { Command, CommandOf } from "../../spec/command.ts"
import { type Config, isFifo, queueDedupWindowMsOf } from "../../spec/config.ts"
import type { QueueEntry, ReceivedMessage } from "../../spec/queue.ts"
import type { Response, ResponseOf } from "../../spec/response.ts"
import type { BrokerAddress } from "../brokerTarget.ts"
import { RealTime } from "../realTime.ts"
import { type MessageRecord, type QueueBook, SessionBook } from "./book.ts"
import { decodeBody, decodeText, encodeBody, encodeText } from "./codec.ts"
import { ackRequest, deleteQueue, ensureQueue, type QueueSetup, storedMessage } from "./jetstream.ts"
import { dedupHeader, groupHeader, messageIdHeader, queueNames, sessionPrefix } from "./names.ts"
import { pullNoWait } from "./pull.ts"
import { type NatsSetting, storageOf } from "./settings.ts"

/** What a session needs from its target. */
export interface SessionOptions {
  readonly config: Config
  readonly setting: NatsSetting
  readonly address: BrokerAddress
  readonly timeScale: number | undefined
  /** Kills and restarts the server qsem manages; `undefined` for a user's server. */
  readonly restartServer: (() => Promise<void>) | undefined
}

/** How long a connection attempt may take (real ms). */
const connectMsMax = 5_000

/** The answer to a command of the stream half (refused at open, never generated for queue configs). */
const unsupported = (command: Command): Response => ({
  _tag: "Unsupported",
  command: command._tag,
  reason: "the nats-jetstream target translates queue commands only"
})

/** A session of the JetStream target. Commands run one at a time, in order. */
export class NatsSession {
  private readonly book: SessionBook
  private readonly setups: ReadonlyArray<QueueSetup>
  private time: RealTime
  private nc!: NatsConnection
  private jsm!: JetStreamManager
  private js!: JetStreamClient

  private constructor(private readonly options: SessionOptions) {
    const config = options.config
    const queues = config.queues ?? []
    this.book = new SessionBook(queues)
    this.time = new RealTime(config, options.timeScale)
    const prefix = sessionPrefix()
    this.setups = queues.map((queue, index) => ({
      names: queueNames(prefix, index),
      storage: storageOf(options.setting),
      ackWaitMs: this.time.timerMs(queue.visibilityTimeoutMs),
      duplicateWindowMs: isFifo(queue) ? this.time.timerMs(queueDedupWindowMsOf(queue)) : undefined
    }))
  }

  /** Connects and creates the session's streams and consumers; logical time 0 is when it is done. */
  static async open(options: SessionOptions): Promise<NatsSession> {
    const session = new NatsSession(options)
    try {
      await session.connect()
    } catch (error) {
      if (session.nc !== undefined) await session.close()
      throw error
    }
    session.time = new RealTime(options.config, options.timeScale)
    return session
  }

  /** Deletes the session's streams and closes the connection (never rejects). */
  async close(): Promise<void> {
    try {
      for (const setup of this.setups) await deleteQueue(this.jsm, setup.names)
    } catch {
      // the server is gone: its data directory goes with it
    }
    try {
      await this.nc.close()
    } catch {
      // already closed
    }
  }

  private async connect(): Promise<void> {
    const { host, port } = this.options.address
    this.nc = await connect({ servers: `${host}:${port}`, reconnect: false, timeout: connectMsMax, name: "qsem" })
    this.jsm = await this.nc.jetstreamManager()
    this.js = this.nc.jetstream()
    for (const setup of this.setups) await ensureQueue(this.jsm, setup)
  }

  /** Answers one command; rejects only when the connection or the server failed (the runner reports a target failure). */
  async execute(command: Command): Promise<Response> {
    switch (command._tag) {
      case "QueueSend":
        return this.send(command)
      case "QueueReceive":
        return this.receive(command)
      case "QueueProcess":
        return this.process(command)
      case "QueueAck":
        return this.ack(command)
      case "QueueRelease":
      case "QueueExtend":
        return this.releaseOrExtend(command)
      case "QueueCrash":
        return this.crash(command)
      case "QueueRedrive":
        // Configs with a dead-letter queue are refused at open: no queue is one.
        return this.book.queue(command.queue) === undefined
          ? { _tag: "UnknownQueue", queue: command.queue }
          : { _tag: "NotADeadLetterQueue", queue: command.queue }
      case "ObserverQueue":
        return this.list(command)
      case "ClockAdvance":
        await this.time.advance(command.ms)
        return { _tag: "ClockAdvanced", nowMs: this.time.nowMs, expired: [], rebalanced: [] }
      case "BrokerRestart":
        return this.restart()
      default:
        return unsupported(command)
    }
  }

  private async send(command: CommandOf<"QueueSend">): Promise<Response> {
    const queue = this.book.queue(command.queue)
    if (queue === undefined) return { _tag: "UnknownQueue", queue: command.queue }
    const { group, dedupId } = command
    if (!isFifo(queue.config)) {
      if (group !== undefined) return { _tag: "FifoOnly", queue: command.queue, field: "group" }
      if (dedupId !== undefined) return { _tag: "FifoOnly", queue: command.queue, field: "dedupId" }
    } else if (group === undefined) return { _tag: "MessageGroupMissing", queue: command.queue }
    const setup = this.setups[queue.index]
    const headers = natsHeaders()
    headers.set(messageIdHeader, String(this.book.messageIdNext))
    if (group !== undefined) headers.set(groupHeader, encodeText(group))
    const pubAck = await this.js.publish(setup.names.subject, encodeBody(command.value), {
      headers,
      ...(dedupId === undefined ? {} : { msgID: encodeText(dedupId) })
    })
    if (pubAck.duplicate) {
      const messageId = queue.bySeq.get(pubAck.seq)
      if (messageId === undefined) throw new Error(`${setup.names.stream} answered a duplicate of sequence ${pubAck.seq}, which no send of this session got`)
      return { _tag: "Enqueued", queue: command.queue, messageId, deduplicated: true }
    }
    const record = this.book.enqueued(queue, pubAck.seq, command.value, group, dedupId, this.time.nowMs)
    return { _tag: "Enqueued", queue: command.queue, messageId: record.messageId }
  }

  private async receive(command: CommandOf<"QueueReceive">): Promise<Response> {
    const { consumer } = command
    const queue = this.book.queue(command.queue)
    if (queue === undefined) return { _tag: "UnknownQueue", queue: command.queue }
    this.book.buffer(queue, consumer)
    const names = this.setups[queue.index].names
    const pulled = await pullNoWait(this.nc, names.stream, names.consumer, command.messagesMax)
    const inFlightUntilMs = this.time.nowMs + queue.config.visibilityTimeoutMs
    const messages: Array<ReceivedMessage> = []
    for (const delivery of pulled) {
      const record = this.recordOf(queue, delivery.msg.headers?.get(messageIdHeader), delivery.streamSeq)
      const value = decodeBody(delivery.msg.data)
      if (value === undefined) throw new Error(`${names.stream} delivered a body qsem did not send (sequence ${delivery.streamSeq})`)
      const receipt = this.book.delivered(queue, consumer, record, delivery.streamSeq, delivery.ackSubject, delivery.deliveryCount, inFlightUntilMs)
      messages.push(receivedMessage(record.messageId, value, carriedOf(delivery.msg.headers), receipt, delivery.deliveryCount))
    }
    return { _tag: "Received", queue: command.queue, consumer, messages }
  }

  /** The record of a delivered or stored message, by the message id its header carries. */
  private recordOf(queue: QueueBook, header: string | undefined, streamSeq: number): MessageRecord {
    const record = header === undefined || header === "" ? undefined : this.book.messages.get(Number(header))
    if (record === undefined || record.queueIndex !== queue.index) {
      throw new Error(`${this.setups[queue.index].names.stream} holds a message (sequence ${streamSeq}) that no send of this session stored`)
    }
    return record
  }

  private process(command: CommandOf<"QueueProcess">): Response {
    const { consumer, receipt } = command
    const queue = this.book.queue(command.queue)
    if (queue === undefined) return { _tag: "UnknownQueue", queue: command.queue }
    if (!this.book.takeFromBuffer(queue, consumer, receipt)) return { _tag: "NotReceived", queue: command.queue, consumer, receipt }
    return { _tag: "QueueProcessed", queue: command.queue, consumer, receipt, messageId: this.book.deliveries[receipt].messageId }
  }

  /** Whether the stream still stores the message at the sequence it got. */
  private async stored(queue: QueueBook, messageId: number, streamSeq: number): Promise<boolean> {
    const stored = await storedMessage(this.jsm, this.setups[queue.index].names.stream, streamSeq)
    return stored !== undefined && stored.header.get(messageIdHeader) === String(messageId)
  }

  private async ack(command: CommandOf<"QueueAck">): Promise<Response> {
    const { consumer, receipt } = command
    const queue = this.book.queue(command.queue)
    if (queue === undefined) return { _tag: "UnknownQueue", queue: command.queue }
    const delivery = this.book.delivery(queue, receipt)
    if (delivery === undefined) return { _tag: "UnknownReceipt", queue: command.queue, receipt }
    const { messageId, streamSeq } = delivery
    const before = await this.stored(queue, messageId, streamSeq)
    await ackRequest(this.nc, delivery.ackSubject, "+ACK")
    const deleted = before && !(await this.stored(queue, messageId, streamSeq))
    if (deleted) this.book.messages.get(messageId)!.deleted = true
    return { _tag: "Acknowledged", queue: command.queue, consumer, receipt, messageId, deleted }
  }

  /**
   * `QueueRelease` and `QueueExtend`: `NotInFlight` when the message is
   * gone from the stream or its latest delivery's visibility is over (the
   * book's view); otherwise the `-NAK` or `+WPI` goes to the ack subject of
   * the receipt given, stale or not, as an application holding that
   * delivery would send it. JetStream matches it by stream sequence, so a
   * stale receipt releases or extends the message's current delivery.
   */
  private async releaseOrExtend(command: CommandOf<"QueueRelease"> | CommandOf<"QueueExtend">): Promise<Response> {
    const { consumer, receipt } = command
    const queue = this.book.queue(command.queue)
    if (queue === undefined) return { _tag: "UnknownQueue", queue: command.queue }
    const delivery = this.book.delivery(queue, receipt)
    if (delivery === undefined) return { _tag: "UnknownReceipt", queue: command.queue, receipt }
    const { messageId, streamSeq } = delivery
    const nowMs = this.time.nowMs
    if (!this.book.messageInFlight(delivery, nowMs) || !(await this.stored(queue, messageId, streamSeq))) {
      return { _tag: "NotInFlight", queue: command.queue, receipt }
    }
    const record = this.book.messages.get(messageId)!
    if (command._tag === "QueueRelease") {
      await ackRequest(this.nc, delivery.ackSubject, "-NAK")
      this.book.takeFromBuffer(queue, consumer, receipt)
      record.inFlightUntilMs = nowMs
      return { _tag: "Released", queue: command.queue, consumer, receipt, messageId, deadLettered: false }
    }
    await ackRequest(this.nc, delivery.ackSubject, "+WPI")
    // working() restarts the whole ack wait, whatever `ms` asked for.
    record.inFlightUntilMs = nowMs + queue.config.visibilityTimeoutMs
    return { _tag: "Extended", queue: command.queue, consumer, receipt, messageId, inFlightUntilMs: record.inFlightUntilMs }
  }

  private crash(command: CommandOf<"QueueCrash">): Response {
    const { consumer } = command
    const queue = this.book.queue(command.queue)
    if (queue === undefined) return { _tag: "UnknownQueue", queue: command.queue }
    const receipts = queue.consumers.get(consumer) ?? []
    queue.consumers.delete(consumer)
    return { _tag: "QueueCrashed", queue: command.queue, consumer, receipts: receipts.slice() }
  }

  private async restart(): Promise<Response> {
    const restartServer = this.options.restartServer
    if (restartServer === undefined) throw new Error("BrokerRestart needs a server qsem started (this target connects to a server at an address given)")
    const clients: Array<ResponseOf<"BrokerRestarted">["clients"][number]> = []
    for (const queue of this.book.queues) {
      for (const [consumer, receipts] of queue.consumers) clients.push({ queue: queue.config.name, consumer, receipts: receipts.slice() })
      queue.consumers.clear()
    }
    await restartServer()
    try {
      await this.nc.close()
    } catch {
      // the connection died with the server
    }
    await this.connect()
    return { _tag: "BrokerRestarted", clients }
  }

  private async list(command: CommandOf<"ObserverQueue">): Promise<Response> {
    const queue = this.book.queue(command.queue)
    if (queue === undefined) return { _tag: "UnknownQueue", queue: command.queue }
    const stream = this.setups[queue.index].names.stream
    const info = await this.jsm.streams.info(stream)
    const nowMs = this.time.nowMs
    const messages: Array<QueueEntry> = []
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const stored = await storedMessage(this.jsm, stream, seq)
      if (stored === undefined) continue
      const record = this.recordOf(queue, stored.header.get(messageIdHeader), seq)
      // A message an acknowledgement deleted stays deleted here, even when a SIGKILL brought its record back into the file store.
      if (record.deleted) continue
      messages.push(queueEntry(record, stored, nowMs))
    }
    const remembered = isFifo(queue.config)
      ? queue.remembered(nowMs, queueDedupWindowMsOf(queue.config)).map(({ dedupId, messageId, atMs }) => ({ dedupId, messageId, atMs }))
      : []
    return { _tag: "QueueListed", queue: command.queue, messages, remembered }
  }
}

/** The group and dedup id a message carries in its headers (each only when it was sent with one). */
interface Carried {
  readonly group?: string
  readonly dedupId?: string
}

/** What a delivered or stored message carries, from its headers. */
const carriedOf = (headers: MsgHdrs | undefined): Carried => {
  const group = headers?.has(groupHeader) === true ? decodeText(headers.get(groupHeader)) : undefined
  const dedupId = headers?.has(dedupHeader) === true ? decodeText(headers.get(dedupHeader)) : undefined
  return { ...(group === undefined ? {} : { group }), ...(dedupId === undefined ? {} : { dedupId }) }
}

/** A delivered message as `Received` lists it: body, group and dedup id as delivered. */
const receivedMessage = (messageId: number, value: string, carried: Carried, receipt: number, receiveCount: number): ReceivedMessage => ({
  messageId,
  value,
  ...carried,
  receipt,
  receiveCount
})

/** A stored message as a listing shows it: body, group and dedup id as the stream stores them, the rest from the book. */
const queueEntry = (record: MessageRecord, stored: StoredMsg, nowMs: number): QueueEntry => {
  const value = decodeBody(stored.data) ?? record.value
  return {
    messageId: record.messageId,
    value,
    ...carriedOf(stored.header),
    receiveCount: record.receiveCount,
    ...(record.latestReceipt < 0 ? {} : { receipt: record.latestReceipt }),
    ...(nowMs < record.inFlightUntilMs ? { inFlightUntilMs: record.inFlightUntilMs } : {})
  }
}
