/**
 * One run against RabbitMQ: qsem's queue commands translated into AMQP 0-9-1
 * calls (amqplib), answered in qsem's terms.
 *
 * - `QueueSend`: a publish through the default exchange on a confirm channel
 *   (persistent or transient by setting, `mandatory`), answered once the
 *   broker confirmed it: a `basic.ack` is `Enqueued`, a `basic.nack` (a full
 *   `reject-publish` queue) is `SendRejected`.
 * - `QueueReceive`: up to `messagesMax` `basic.get`s (manual acknowledgement)
 *   on the consumer's own connection, which the first receive opens; the
 *   receive count of a message is its `x-delivery-count` + 1 on a quorum
 *   queue, and the receives the session saw since its enqueue on a classic
 *   queue (which counts nothing).
 * - `QueueProcess`: the application's step, no broker call.
 * - `QueueAck`: a `basic.ack` of the delivery on the channel that received it
 *   (an AMQP delivery tag is valid only there), followed by a round trip on
 *   that channel; a receipt whose delivery is no longer open (acknowledged,
 *   released, or returned when its client's connection closed) is answered
 *   `deleted: false` without a broker call: RabbitMQ would close the channel
 *   for an unknown delivery tag (PRECONDITION_FAILED), which would return
 *   every other delivery of that consumer.
 * - `QueueRelease`: a `basic.nack` with requeue of an open delivery; it is
 *   dead-lettered when that return takes its count past the delivery limit.
 * - `QueueExtend`: `Unsupported` (RabbitMQ has no visibility timeout: an
 *   unacknowledged delivery stays with its channel until it is settled or
 *   the channel closes).
 * - `QueueCrash`: the consumer's TCP connection is destroyed without an AMQP
 *   close, as a crashed process's would be; RabbitMQ returns its
 *   unacknowledged deliveries at once (counted on a quorum queue).
 * - `QueueRedrive`: the operator's part, done by the adapter: each ready
 *   message of the dead-letter queue (`basic.get` takes no message a consumer
 *   holds, as the model's redrive moves none in flight) is fetched,
 *   published back to the queue its `x-death` header names (a new message
 *   there, with its qsem id) and confirmed, then acknowledged in the
 *   dead-letter queue.
 * - `ObserverQueue`: the session's open deliveries of the queue, then its
 *   ready messages, fetched with `basic.get` on a channel of its own that is
 *   then closed (AMQP 0-9-1 cannot browse a queue: the messages are returned,
 *   which a quorum queue counts as a delivery).
 * - `ClockAdvance`: real waiting (brokers/realTime.ts); RabbitMQ has no timer
 *   in play. Its answer lists, as `deadLettered`, the messages RabbitMQ
 *   dead-lettered since the last answer that could say so: those a crash or a
 *   restart returned past their delivery limit.
 * - `BrokerRestart`: SIGKILL of the node and a start from its data (only on a
 *   server qsem manages); every client is lost, the session reconnects and
 *   declares its queues again (a non-durable queue is gone and comes back
 *   empty).
 *
 * After every step that returns messages to a queue (release, crash,
 * restart, listing) the session waits, boundedly, until the queues' ready
 * counts show them back (RabbitMQ handles a closed connection
 * asynchronously), so the next command sees the broker settled.
 *
 * @module
 */
import { randomBytes } from "node:crypto"
import type { BrokerAddress } from "../brokerTarget.ts"
import type { ManagedServer } from "../server/managedServer.ts"
import { RealTime } from "../realTime.ts"
import type { Command, CommandOf } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import type { DeadLettered, QueueEntry, ReceivedMessage, RedrivenMessage } from "../../spec/queue.ts"
import type { Response, ResponseOf } from "../../spec/response.ts"
import {
  type AmqpChannel,
  type AmqpConfirmChannel,
  type AmqpConnection,
  type AmqpGetMessage,
  closeQuietly,
  connectAmqp,
  dropConnection,
  getMessage,
  openChannel,
  openConfirmChannel,
  publishConfirmed,
  readyCount
} from "./amqp.ts"
import { type ConsumerClient, type Delivery, Ledger, messageIdHeader } from "./ledger.ts"
import type { RabbitmqSetting } from "./settings.ts"
import { type RabbitmqQueue, rabbitmqQueuesOf } from "./topology.ts"

/** How long the session waits for RabbitMQ to show returned messages back in their queues after a release, a crash or a listing. */
const settleMsMax = 5_000

/** How long it waits after a restart (the node recovers its quorum queues, then handles the lost consumers). */
const restartSettleMsMax = 15_000

/**
 * How long after declaring its quorum queues a session lets a `BrokerRestart`
 * kill the node, by default: 2 s. On RabbitMQ 3.10 (Ra 2.2) a quorum queue
 * killed within about a second of its declaration does not come back: after
 * the restart its definition exists but its Raft member never starts, so the
 * messages it confirmed are unavailable and every publish or `basic.get`
 * waits forever (measured: killed 0.5 to 0.8 s after the declaration, lost;
 * 1 s and later, kept; Ra saves its name registry, `names.dets`, with
 * `auto_save` 500 ms). The scenario tests pin that finding with 0; the checks
 * keep the default so that their restarts test the durability of messages.
 */
export const quorumQueueSettleMsDefault = 2_000

/** What a session needs: the run's config, the setting, where the broker is, and the server when qsem manages it. */
export interface RabbitmqSessionOptions {
  readonly config: Config
  readonly setting: RabbitmqSetting
  readonly address: BrokerAddress
  /** The server qsem started (a `BrokerRestart` restarts it); undefined for a user's server. */
  readonly server: ManagedServer | undefined
  /** Real milliseconds per logical millisecond. */
  readonly timeScale: number
  /** See {@link quorumQueueSettleMsDefault} (quorum setting only). */
  readonly quorumQueueSettleMs: number
}

/** The broker side of a session: its connection, the channel it publishes on and the one it inspects queues with. */
interface Main {
  readonly connection: AmqpConnection
  readonly publisher: AmqpConfirmChannel
  readonly admin: AmqpChannel
  /** Message ids RabbitMQ returned as unroutable (`mandatory`): their queue is gone. */
  readonly returned: Set<number>
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Drops a connection that is dead or no longer wanted, whatever state it is in. */
const discard = (connection: AmqpConnection | undefined): void => {
  if (connection === undefined) return
  try {
    dropConnection(connection)
  } catch {
    // no socket left
  }
}

const oneLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim()

/** The qsem message id a RabbitMQ message carries, or undefined when it carries none. */
const messageIdOf = (message: AmqpGetMessage): number | undefined => {
  const id: unknown = message.properties.headers?.[messageIdHeader]
  return typeof id === "number" && Number.isInteger(id) && id >= 0 ? id : undefined
}

/** The queue a dead-lettered message came from, as its `x-death` header (most recent death first) names it. */
const deathQueueOf = (message: AmqpGetMessage): string | undefined => {
  const deaths: unknown = message.properties.headers?.["x-death"]
  if (Array.isArray(deaths) && deaths.length > 0 && typeof deaths[0]?.queue === "string") return deaths[0].queue
  const first: unknown = message.properties.headers?.["x-first-death-queue"]
  return typeof first === "string" ? first : undefined
}

/** A session's state and the translation of each command. */
export class RabbitmqSession {
  private readonly ledger = new Ledger()
  private readonly time: RealTime
  private readonly queues: ReadonlyMap<string, RabbitmqQueue>
  private readonly queuesByBrokerName: ReadonlyMap<string, RabbitmqQueue>
  /** In configuration order. */
  private readonly queuesInOrder: ReadonlyArray<RabbitmqQueue>
  /** Messages RabbitMQ dead-lettered (a crash or a restart returned them past their limit) that no answer listed yet. */
  private movesUnreported: Array<DeadLettered> = []
  private main: Main | undefined
  private closed = false
  /** When the session declared its queues (real milliseconds, `performance.now()`). */
  private declaredAt = 0

  private constructor(private readonly options: RabbitmqSessionOptions, private readonly declareOrder: ReadonlyArray<RabbitmqQueue>) {
    this.time = new RealTime(options.config, options.timeScale)
    this.queues = new Map(declareOrder.map((queue) => [queue.name, queue]))
    this.queuesByBrokerName = new Map(declareOrder.map((queue) => [queue.brokerName, queue]))
    this.queuesInOrder = [...declareOrder].sort((x, y) => x.index - y.index)
  }

  /** Connects, declares the run's queues under a fresh prefix and returns the session. */
  static async open(options: RabbitmqSessionOptions): Promise<RabbitmqSession> {
    const prefix = `qsem-${randomBytes(4).toString("hex")}-`
    const session = new RabbitmqSession(options, rabbitmqQueuesOf(options.config, options.setting, prefix))
    await session.connect()
    session.declaredAt = performance.now()
    return session
  }

  /** Answers one command (rejects only when the broker or the connection broke: a target failure). */
  async execute(command: Command): Promise<Response> {
    if (this.closed) throw new Error("RabbitMQ session is closed")
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
        return this.release(command)
      case "QueueExtend":
        return this.extend(command)
      case "QueueCrash":
        return this.crash(command)
      case "QueueRedrive":
        return this.redrive(command)
      case "ObserverQueue":
        return this.list(command)
      case "ClockAdvance":
        return this.clockAdvance(command)
      case "BrokerRestart":
        return this.restart()
      default:
        return this.notAQueueCommand(command)
    }
  }

  /** Deletes the run's queues and closes every connection (safe when the broker is gone). */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    for (const byConsumer of this.ledger.clients.values()) {
      for (const client of byConsumer.values()) await closeQuietly(client.connection)
    }
    const main = this.main
    this.main = undefined
    if (main === undefined) return
    for (const queue of this.declareOrder) {
      try {
        const channel = await openChannel(main.connection)
        await channel.deleteQueue(queue.brokerName)
        await channel.close()
      } catch {
        // the broker is gone, the connection broke, or the queue is gone already
      }
    }
    await closeQuietly(main.connection)
  }

  // ------------------------------------------------------------ connection

  private async connect(): Promise<void> {
    const connection = await connectAmqp(this.options.address)
    try {
      const publisher = await openConfirmChannel(connection)
      const admin = await openChannel(connection)
      const returned = new Set<number>()
      publisher.on("return", (message: AmqpGetMessage) => {
        const id = messageIdOf(message)
        if (id !== undefined) returned.add(id)
      })
      for (const queue of this.declareOrder) {
        await admin.assertQueue(queue.brokerName, { durable: queue.durable, autoDelete: false, exclusive: false, arguments: { ...queue.arguments } })
      }
      this.main = { connection, publisher, admin, returned }
    } catch (error) {
      await closeQuietly(connection)
      throw new Error(`RabbitMQ: cannot declare the run's queues: ${oneLine(error)}`)
    }
  }

  private mainOrFail(): Main {
    if (this.main === undefined) throw new Error("RabbitMQ session has no connection")
    return this.main
  }

  // ------------------------------------------------------------ helpers

  private queueOf(name: string): RabbitmqQueue | undefined {
    return this.queues.get(name)
  }

  /** Whether returning `delivery` now dead-letters it: its count after the return, its receive count, passes the delivery limit. */
  private deadLettersOnReturn(delivery: Delivery): boolean {
    const queue = this.queues.get(delivery.queue)
    return queue?.deliveryLimit !== undefined && queue.config.deadLetterQueue !== undefined && delivery.receiveCount > queue.deliveryLimit
  }

  /** The ready counts of the queues named (broker names), now. */
  private async readyCounts(brokerNames: Iterable<string>): Promise<Map<string, number>> {
    const main = this.mainOrFail()
    const counts = new Map<string, number>()
    for (const name of brokerNames) counts.set(name, await readyCount(main.admin, name))
    return counts
  }

  /** The ready counts to expect once `deliveries` are returned to their queues (or moved to a dead-letter queue), from the counts now. */
  private async countsAfterReturn(deliveries: ReadonlyArray<Delivery>): Promise<Map<string, number>> {
    const targets = deliveries.map((delivery) => {
      const queue = this.queues.get(delivery.queue)!
      return this.deadLettersOnReturn(delivery) ? this.queues.get(queue.config.deadLetterQueue!)!.brokerName : queue.brokerName
    })
    const expected = await this.readyCounts(new Set(targets))
    for (const target of targets) expected.set(target, (expected.get(target) ?? 0) + 1)
    return expected
  }

  /** Waits until every queue named holds at least the ready count expected, or `timeoutMs` passed; says which. */
  private async awaitCounts(expected: ReadonlyMap<string, number>, timeoutMs: number): Promise<boolean> {
    if (expected.size === 0) return true
    const deadline = performance.now() + timeoutMs
    for (;;) {
      let settled = true
      try {
        const counts = await this.readyCounts(expected.keys())
        for (const [name, count] of expected) if ((counts.get(name) ?? 0) < count) settled = false
      } catch (error) {
        if (performance.now() > deadline) throw error
        settled = false
      }
      if (settled) return true
      if (performance.now() > deadline) return false
      await sleep(5)
    }
  }

  /** Marks `deliveries` returned (their client's connection is gone) and notes those RabbitMQ dead-letters for the next ClockAdvanced. */
  private returned(deliveries: ReadonlyArray<Delivery>): void {
    for (const delivery of deliveries) {
      delivery.open = false
      if (!this.deadLettersOnReturn(delivery)) continue
      const queue = this.queues.get(delivery.queue)!
      this.movesUnreported.push({ queue: queue.name, messageId: delivery.messageId, deadLetterQueue: queue.config.deadLetterQueue! })
    }
  }

  private async openClient(queue: string, consumer: string): Promise<ConsumerClient> {
    const connection = await connectAmqp(this.options.address)
    const channel = await openChannel(connection)
    const client: ConsumerClient = { queue, consumer, connection, channel, buffer: [], alive: true, closedBecause: undefined }
    const lost = (why: string) => {
      if (!client.alive) return
      client.alive = false
      client.closedBecause = why
      for (const delivery of this.ledger.openDeliveriesOf(client)) delivery.open = false
    }
    channel.on("error", (error: unknown) => lost(`RabbitMQ closed its channel: ${oneLine(error)}`))
    channel.on("close", () => lost("its channel closed"))
    connection.on("close", () => lost("its connection closed"))
    this.ledger.addClient(client)
    return client
  }

  /** Drops a client's connection and forgets the client; its deliveries are returned. */
  private dropClient(client: ConsumerClient): void {
    client.alive = false
    client.closedBecause = "it crashed"
    try {
      dropConnection(client.connection)
    } catch {
      // the socket is gone already
    }
    this.ledger.removeClient(client)
  }

  // ------------------------------------------------------------ commands

  private async send(command: CommandOf<"QueueSend">): Promise<Response> {
    const queue = this.queueOf(command.queue)
    if (queue === undefined) return { _tag: "UnknownQueue", queue: command.queue }
    if (command.group !== undefined) return { _tag: "FifoOnly", queue: command.queue, field: "group" }
    if (command.dedupId !== undefined) return { _tag: "FifoOnly", queue: command.queue, field: "dedupId" }
    const main = this.mainOrFail()
    const messageId = this.ledger.messageIdNext
    const confirm = await publishConfirmed(main.publisher, queue.brokerName, Buffer.from(command.value, "utf8"), {
      persistent: this.options.setting.persistent,
      mandatory: true,
      headers: { [messageIdHeader]: messageId }
    })
    if (main.returned.has(messageId)) throw new Error(`RabbitMQ returned message ${messageId} as unroutable: queue ${queue.brokerName} does not exist`)
    if (confirm === "nack") return { _tag: "SendRejected", queue: queue.name }
    this.ledger.messageIdNext += 1
    this.ledger.messages.set(messageId, { messageId, value: command.value, receiveCount: 0, latestReceipt: undefined })
    return { _tag: "Enqueued", queue: queue.name, messageId }
  }

  private async receive(command: CommandOf<"QueueReceive">): Promise<Response> {
    const queue = this.queueOf(command.queue)
    if (queue === undefined) return { _tag: "UnknownQueue", queue: command.queue }
    let client = this.ledger.clientOf(queue.name, command.consumer)
    if (client !== undefined && !client.alive) {
      throw new Error(`RabbitMQ: consumer ${command.consumer} of ${queue.name} lost its client unexpectedly (${client.closedBecause ?? "closed"})`)
    }
    client ??= await this.openClient(queue.name, command.consumer)
    const messages: Array<ReceivedMessage> = []
    while (messages.length < command.messagesMax) {
      const message = await getMessage(client.channel, queue.brokerName)
      if (message === false) break
      const messageId = messageIdOf(message)
      if (messageId === undefined) throw new Error(`RabbitMQ: ${queue.brokerName} delivered a message without a ${messageIdHeader} header`)
      const info = this.ledger.messages.get(messageId)
      if (info === undefined) throw new Error(`RabbitMQ: ${queue.brokerName} delivered message ${messageId}, which no send of this run enqueued`)
      const receiveCount = this.receiveCountOf(queue, message, info.receiveCount)
      const receipt = this.ledger.receiptNext
      this.ledger.receiptNext += 1
      info.receiveCount = receiveCount
      info.latestReceipt = receipt
      this.ledger.deliveries.set(receipt, {
        receipt,
        queue: queue.name,
        consumer: command.consumer,
        client,
        message,
        messageId,
        receiveCount,
        atMs: this.time.nowMs,
        open: true
      })
      client.buffer.push(receipt)
      messages.push({ messageId, value: info.value, receipt, receiveCount })
    }
    return { _tag: "Received", queue: queue.name, consumer: command.consumer, messages }
  }

  /** A delivery's receive count: `x-delivery-count` + 1 on a quorum queue (the broker's count of returns), else one more than the session saw. */
  private receiveCountOf(queue: RabbitmqQueue, message: AmqpGetMessage, seen: number): number {
    if (this.options.setting.queueType !== "quorum") return seen + 1
    const returns: unknown = message.properties.headers?.["x-delivery-count"]
    return (typeof returns === "number" ? returns : 0) + 1
  }

  private process(command: CommandOf<"QueueProcess">): Response {
    const queue = this.queueOf(command.queue)
    if (queue === undefined) return { _tag: "UnknownQueue", queue: command.queue }
    const client = this.ledger.clientOf(queue.name, command.consumer)
    const at = client?.buffer.indexOf(command.receipt) ?? -1
    const delivery = this.ledger.deliveries.get(command.receipt)
    if (client === undefined || at < 0 || delivery === undefined) {
      return { _tag: "NotReceived", queue: queue.name, consumer: command.consumer, receipt: command.receipt }
    }
    client.buffer.splice(at, 1)
    return { _tag: "QueueProcessed", queue: queue.name, consumer: command.consumer, receipt: command.receipt, messageId: delivery.messageId }
  }

  /** The delivery of `receipt` issued by `queue`, or the error answer. */
  private deliveryOf(queue: string, receipt: number): Delivery | ResponseOf<"UnknownReceipt"> {
    const delivery = this.ledger.deliveries.get(receipt)
    return delivery === undefined || delivery.queue !== queue ? { _tag: "UnknownReceipt", queue, receipt } : delivery
  }

  private async ack(command: CommandOf<"QueueAck">): Promise<Response> {
    const queue = this.queueOf(command.queue)
    if (queue === undefined) return { _tag: "UnknownQueue", queue: command.queue }
    const delivery = this.deliveryOf(queue.name, command.receipt)
    if ("_tag" in delivery) return delivery
    const answer = (deleted: boolean): Response => ({
      _tag: "Acknowledged",
      queue: queue.name,
      consumer: command.consumer,
      receipt: command.receipt,
      messageId: delivery.messageId,
      deleted
    })
    if (!delivery.open || !delivery.client.alive) return answer(false)
    delivery.client.channel.ack(delivery.message)
    delivery.open = false
    // A round trip on the same channel: RabbitMQ has handled the ack (AMQP acknowledgements get no reply).
    await readyCount(delivery.client.channel, queue.brokerName)
    return answer(true)
  }

  private async release(command: CommandOf<"QueueRelease">): Promise<Response> {
    const queue = this.queueOf(command.queue)
    if (queue === undefined) return { _tag: "UnknownQueue", queue: command.queue }
    const delivery = this.deliveryOf(queue.name, command.receipt)
    if ("_tag" in delivery) return delivery
    if (!delivery.open || !delivery.client.alive) return { _tag: "NotInFlight", queue: queue.name, receipt: command.receipt }
    const expected = await this.countsAfterReturn([delivery])
    const deadLettered = this.deadLettersOnReturn(delivery)
    delivery.client.channel.nack(delivery.message, false, true)
    delivery.open = false
    const client = this.ledger.clientOf(queue.name, command.consumer)
    const at = client?.buffer.indexOf(command.receipt) ?? -1
    if (client !== undefined && at >= 0) client.buffer.splice(at, 1)
    await this.awaitCounts(expected, settleMsMax)
    return { _tag: "Released", queue: queue.name, consumer: command.consumer, receipt: command.receipt, messageId: delivery.messageId, deadLettered }
  }

  private extend(command: CommandOf<"QueueExtend">): Response {
    const queue = this.queueOf(command.queue)
    if (queue === undefined) return { _tag: "UnknownQueue", queue: command.queue }
    const delivery = this.deliveryOf(queue.name, command.receipt)
    if ("_tag" in delivery) return delivery
    if (!delivery.open || !delivery.client.alive) return { _tag: "NotInFlight", queue: queue.name, receipt: command.receipt }
    return {
      _tag: "Unsupported",
      command: "QueueExtend",
      reason: "RabbitMQ has no visibility timeout to extend: an unacknowledged delivery stays with its channel until it is acknowledged, rejected or the channel closes"
    }
  }

  private async crash(command: CommandOf<"QueueCrash">): Promise<Response> {
    const queue = this.queueOf(command.queue)
    if (queue === undefined) return { _tag: "UnknownQueue", queue: command.queue }
    const client = this.ledger.clientOf(queue.name, command.consumer)
    if (client === undefined) return { _tag: "QueueCrashed", queue: queue.name, consumer: command.consumer, receipts: [] }
    const open = this.ledger.openDeliveriesOf(client)
    const expected = await this.countsAfterReturn(open)
    this.dropClient(client)
    this.returned(open)
    await this.awaitCounts(expected, settleMsMax)
    return { _tag: "QueueCrashed", queue: queue.name, consumer: command.consumer, receipts: client.buffer.slice() }
  }

  private async redrive(command: CommandOf<"QueueRedrive">): Promise<Response> {
    const deadLetterQueue = this.queueOf(command.queue)
    if (deadLetterQueue === undefined) return { _tag: "UnknownQueue", queue: command.queue }
    if (deadLetterQueue.sources.length === 0) return { _tag: "NotADeadLetterQueue", queue: deadLetterQueue.name }
    const main = this.mainOrFail()
    const operator = await openChannel(main.connection)
    const moved: Array<RedrivenMessage> = []
    try {
      for (;;) {
        const message = await getMessage(operator, deadLetterQueue.brokerName)
        if (message === false) break
        const messageId = messageIdOf(message)
        const from = deathQueueOf(message)
        const source = from === undefined ? undefined : this.queuesByBrokerName.get(from)
        // A message with no source among this queue's sources stays (returned when the operator's channel closes).
        if (messageId === undefined || source === undefined || !deadLetterQueue.sources.includes(source.name)) continue
        const confirm = await publishConfirmed(main.publisher, source.brokerName, message.content, {
          persistent: this.options.setting.persistent,
          mandatory: true,
          headers: { [messageIdHeader]: messageId }
        })
        if (confirm === "nack") throw new Error(`RabbitMQ refused the redrive of message ${messageId} back to ${source.brokerName}`)
        operator.ack(message)
        moved.push({ messageId, source: source.name })
        const info = this.ledger.messages.get(messageId)
        if (info !== undefined) {
          info.receiveCount = 0
          info.latestReceipt = undefined
        }
      }
      // A round trip: RabbitMQ has handled the acks.
      await readyCount(operator, deadLetterQueue.brokerName)
    } finally {
      await operator.close().catch(() => {})
    }
    return { _tag: "Redriven", queue: deadLetterQueue.name, messages: moved }
  }

  private async list(command: CommandOf<"ObserverQueue">): Promise<Response> {
    const queue = this.queueOf(command.queue)
    if (queue === undefined) return { _tag: "UnknownQueue", queue: command.queue }
    const main = this.mainOrFail()
    const nowMs = this.time.nowMs
    const entries: Array<QueueEntry> = []
    for (const delivery of this.ledger.openDeliveriesOfQueue(queue.name)) {
      const info = this.ledger.messages.get(delivery.messageId)!
      entries.push({
        messageId: delivery.messageId,
        value: info.value,
        receiveCount: info.receiveCount,
        receipt: delivery.receipt,
        // RabbitMQ has no end for it: the nominal end, or just after now when that passed.
        inFlightUntilMs: Math.max(delivery.atMs + queue.config.visibilityTimeoutMs, nowMs + 1)
      })
    }
    const ready = await readyCount(main.admin, queue.brokerName)
    if (ready > 0) {
      const deadLetterQueue = queue.deliveryLimit === undefined || queue.config.deadLetterQueue === undefined ? undefined : this.queues.get(queue.config.deadLetterQueue)!
      const deadLettersBefore = deadLetterQueue === undefined ? 0 : await readyCount(main.admin, deadLetterQueue.brokerName)
      const observer = await openChannel(main.connection)
      const fetched: Array<AmqpGetMessage> = []
      try {
        for (;;) {
          const message = await getMessage(observer, queue.brokerName)
          if (message === false) break
          fetched.push(message)
          const messageId = messageIdOf(message)
          const info = messageId === undefined ? undefined : this.ledger.messages.get(messageId)
          if (messageId === undefined || info === undefined) continue
          const from = deathQueueOf(message)
          const source = queue.sources.length > 0 && from !== undefined ? this.queuesByBrokerName.get(from)?.name : undefined
          entries.push({
            messageId,
            value: info.value,
            receiveCount: info.receiveCount,
            ...(info.latestReceipt === undefined ? {} : { receipt: info.latestReceipt }),
            ...(source === undefined ? {} : { source })
          })
        }
      } finally {
        await observer.close().catch(() => {})
      }
      // The fetched messages come back, counted as returns on a quorum queue: one past its delivery limit is dead-lettered. Wait until they are back.
      const expected = new Map([[queue.brokerName, 0]])
      for (const message of fetched) {
        const returns: unknown = message.properties.headers?.["x-delivery-count"]
        const countAfter = (typeof returns === "number" ? returns : 0) + 1
        const messageId = messageIdOf(message)
        if (deadLetterQueue !== undefined && countAfter > queue.deliveryLimit! && messageId !== undefined) {
          this.movesUnreported.push({ queue: queue.name, messageId, deadLetterQueue: deadLetterQueue.name })
          expected.set(deadLetterQueue.brokerName, (expected.get(deadLetterQueue.brokerName) ?? deadLettersBefore) + 1)
        } else {
          expected.set(queue.brokerName, expected.get(queue.brokerName)! + 1)
        }
      }
      await this.awaitCounts(expected, settleMsMax)
    }
    return { _tag: "QueueListed", queue: queue.name, messages: entries, remembered: [] }
  }

  private async clockAdvance(command: CommandOf<"ClockAdvance">): Promise<Response> {
    await this.time.advance(command.ms)
    const moved = this.movesUnreported
    this.movesUnreported = []
    return { _tag: "ClockAdvanced", nowMs: this.time.nowMs, expired: [], rebalanced: [], ...(moved.length === 0 ? {} : { deadLettered: moved }) }
  }

  private async restart(): Promise<Response> {
    const server = this.options.server
    if (server === undefined) throw new Error("BrokerRestart needs a server qsem started (this RabbitMQ target connects to a server of yours)")
    const clients: Array<ResponseOf<"BrokerRestarted">["clients"][number]> = []
    const open: Array<Delivery> = []
    for (const queue of this.queuesInOrder) {
      for (const client of this.ledger.clients.get(queue.name)?.values() ?? []) {
        clients.push({ queue: queue.name, consumer: client.consumer, receipts: client.buffer.slice() })
        open.push(...this.ledger.openDeliveriesOf(client))
      }
    }
    const keeps = this.options.setting.keepsMessages
    const expected = keeps ? await this.countsAfterReturn(open) : new Map<string, number>()
    if (keeps) {
      for (const [name, count] of await this.readyCounts(this.queuesInOrder.map((queue) => queue.brokerName))) {
        if (!expected.has(name)) expected.set(name, count)
      }
    }
    if (this.options.setting.queueType === "quorum") {
      const settleMs = this.declaredAt + this.options.quorumQueueSettleMs - performance.now()
      if (settleMs > 0) await sleep(settleMs)
    }
    const lostMain = this.main
    this.main = undefined
    for (const byConsumer of this.ledger.clients.values()) {
      for (const client of byConsumer.values()) {
        client.alive = false
        client.closedBecause = "the broker restarted"
      }
    }
    await server.restart()
    // The old connections died with the node: their sockets are dropped, not closed (a close would wait for a reply).
    discard(lostMain?.connection)
    for (const byConsumer of this.ledger.clients.values()) for (const client of byConsumer.values()) discard(client.connection)
    this.ledger.clients.clear()
    this.returned(open)
    await this.connect()
    await this.awaitCounts(expected, restartSettleMsMax)
    return { _tag: "BrokerRestarted", clients }
  }

  private notAQueueCommand(command: Command): Response {
    if ("topic" in command && typeof command.topic === "string") return { _tag: "UnknownTopic", topic: command.topic }
    if ("group" in command && typeof command.group === "string") return { _tag: "UnknownGroup", group: command.group }
    if ("service" in command && typeof command.service === "string") return { _tag: "UnknownService", service: command.service }
    return { _tag: "Unsupported", command: command._tag, reason: "the RabbitMQ target runs queue commands only" }
  }
}
