/**
 * The MQTT adapter: qsem's queue commands translated into MQTT 5 client
 * calls on Mosquitto (see `queueSessions.ts` for how a queue maps onto a
 * shared subscription, and `profile.ts` for the mapping as the docs state
 * it). Plain async code; `target.ts` wraps it as a Target.
 *
 * Receipts and message ids are the run's counters, which the adapter keeps
 * beside MQTT's own names for them: a message carries its id in its payload,
 * a receipt remembers the connection and packet identifier of the delivery
 * it handed out (a PUBACK names a packet identifier of a session, on the
 * connection that received the message).
 *
 * @module
 */
import type { Command, CommandOf } from "../../spec/command.ts"
import type { Config, QueueConfig } from "../../spec/config.ts"
import type { QueueEntry, ReceivedMessage } from "../../spec/queue.ts"
import type { Response, ResponseOf } from "../../spec/response.ts"
import type { RealTime } from "../realTime.ts"
import { MqttConnection, type Delivery } from "./connection.ts"
import { decodePayload, encodePayload } from "./payload.ts"
import { QueueSessions, type Slot } from "./queueSessions.ts"

/** What the adapter needs to open a run. */
export interface MqttAdapterOptions {
  readonly host: string
  readonly port: number
  readonly config: Config
  readonly realTime: RealTime
  /** Kills Mosquitto (SIGKILL) and starts it again from its data; `undefined` when qsem did not start the server. */
  readonly restart: (() => Promise<void>) | undefined
  /** How long to wait for any answer of Mosquitto. */
  readonly answerTimeoutMs: number
  /** Names this run's topics and client ids apart from every other run's on the same server. */
  readonly runId: string
}

/** What the adapter knows about one message id. */
interface MessageState {
  readonly value: string
  /** Hand-outs since it was enqueued (MQTT counts none: the adapter does). */
  receiveCount: number
  latestReceipt: number | undefined
  /** An acknowledgement deleted it, and no delivery brought it back since. */
  deleted: boolean
}

/** One handed-out delivery: the queue that issued the receipt, the message, and how to acknowledge it. */
interface ReceiptState {
  readonly queueIndex: number
  readonly messageId: number
  /** The consumer it was handed out to. */
  readonly consumer: string
  readonly connection: MqttConnection | undefined
  /** The packet identifier of a QoS 1 delivery. */
  readonly packetId: number | undefined
  acknowledged: boolean
}

/** A running consumer client: the model's buffer, the receipts it has not acknowledged, and the slot it is attached to. */
interface ConsumerClient {
  /** Receipts received and not processed, in receive order (the model's buffer). */
  readonly buffer: Array<number>
  /** Receipts handed out to it and not acknowledged yet. */
  readonly unacked: Set<number>
  slot: Slot | undefined
}

/** One configured queue at run time. */
interface QueueRuntime {
  readonly config: QueueConfig
  readonly index: number
  readonly sessions: QueueSessions
  /** Running consumer clients, in the order they started. */
  readonly clients: Map<string, ConsumerClient>
}

/** A one-line failure of the broker or the connection: the target dies with it. */
export class MqttTargetFailure extends Error {
  constructor(message: string) {
    super(message)
    this.name = "MqttTargetFailure"
  }
}

/** MQTT 5's PUBACK reason code 16 (0x10), "No matching subscribers": "The message is accepted but there are no subscribers". */
export const noMatchingSubscribers = 16

/** The shared subscription's group name of a queue (no `/`, `+` or `#`). */
const shareNameOf = (runId: string, index: number): string => `qsem-${runId}-q${index}`

/** The QoS of a queue's mode: 1 for at-least-once, 0 for at-most-once. */
export const qosOfQueue = (queue: QueueConfig): 0 | 1 => (queue.mode === "at-least-once" ? 1 : 0)

/** qsem's queues on one Mosquitto, for one run. */
export class MqttQueueAdapter {
  private readonly queues: ReadonlyArray<QueueRuntime>
  private readonly queueIndex: ReadonlyMap<string, number>
  private readonly messages = new Map<number, MessageState>()
  private readonly receipts: Array<ReceiptState> = []
  private messageIdNext = 0
  private producer: MqttConnection | undefined = undefined
  private readonly barrierTopic: string
  /** The message ids whose PUBACK said reason code 16, "No matching subscribers": Mosquitto accepted them and handed them to no session. */
  readonly unrouted: Array<number> = []
  private readonly producerId: string

  private constructor(private readonly options: MqttAdapterOptions) {
    const { config, runId } = options
    this.barrierTopic = `qsem/${runId}/barrier`
    this.producerId = `qsem-${runId}-producer`
    const environment = { host: options.host, port: options.port, answerTimeoutMs: options.answerTimeoutMs, barrierTopic: this.barrierTopic }
    this.queues = (config.queues ?? []).map((queue, index) => {
      const topic = `qsem/${runId}/q${index}`
      const sessions = new QueueSessions(environment, topic, `$share/${shareNameOf(runId, index)}/${topic}`, qosOfQueue(queue), `qsem-${runId}-q${index}`)
      return { config: queue, index, sessions, clients: new Map() }
    })
    this.queueIndex = new Map(this.queues.map((queue) => [queue.config.name, queue.index]))
  }

  /**
   * Opens a run: the producer's connection (Clean Start 1), and for every
   * at-least-once queue its pool of `membersPerGroupMax + 1` persistent
   * sessions (every consumer a run names, the drain's included, can hold one
   * at once), each subscribed to the queue's shared subscription.
   */
  static async open(options: MqttAdapterOptions): Promise<MqttQueueAdapter> {
    const adapter = new MqttQueueAdapter(options)
    try {
      await adapter.connectProducer()
      for (const queue of adapter.queues) {
        if (queue.sessions.persistent) await queue.sessions.createPool(options.config.bounds.membersPerGroupMax + 1)
      }
    } catch (error) {
      await adapter.close()
      throw error
    }
    return adapter
  }

  private async connectProducer(): Promise<void> {
    this.producer = await MqttConnection.open({
      host: this.options.host,
      port: this.options.port,
      clientId: this.producerId,
      cleanStart: true,
      sessionExpirySeconds: 0,
      barrierTopic: this.barrierTopic,
      answerTimeoutMs: this.options.answerTimeoutMs
    })
  }

  /** Ends every connection and every session of the run (errors ignored: the server may be gone). */
  async close(): Promise<void> {
    for (const queue of this.queues) {
      queue.clients.clear()
      await queue.sessions.remove().catch(() => undefined)
    }
    await this.producer?.close().catch(() => undefined)
    this.producer = undefined
  }

  /** Executes one command; rejects (a broken connection or server) with a one-line error. */
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
        return this.queueOf(command.queue) === undefined ? { _tag: "UnknownQueue", queue: command.queue } : { _tag: "NotADeadLetterQueue", queue: command.queue }
      case "ObserverQueue":
        return this.list(command)
      case "ClockAdvance":
        await this.options.realTime.advance(command.ms)
        return { _tag: "ClockAdvanced", nowMs: this.options.realTime.nowMs, expired: [], rebalanced: [] }
      case "BrokerRestart":
        return this.restart()
      default:
        return notAQueueCommand(command)
    }
  }

  private queueOf(name: string): QueueRuntime | undefined {
    const index = this.queueIndex.get(name)
    return index === undefined ? undefined : this.queues[index]
  }

  /** `QueueSend`: a PUBLISH at the queue's QoS; `Enqueued` at its PUBACK (QoS 1), or (QoS 0, which has no answer) once a barrier shows Mosquitto handled it. */
  private async send(command: CommandOf<"QueueSend">): Promise<Response> {
    const queue = this.queueOf(command.queue)
    if (queue === undefined) return { _tag: "UnknownQueue", queue: command.queue }
    if (command.group !== undefined) return { _tag: "FifoOnly", queue: command.queue, field: "group" }
    if (command.dedupId !== undefined) return { _tag: "FifoOnly", queue: command.queue, field: "dedupId" }
    const producer = this.producer
    if (producer === undefined) throw new MqttTargetFailure("the producer has no connection")
    const messageId = this.messageIdNext
    const reasonCode = await producer.publish(queue.sessions.topic, encodePayload({ messageId, value: command.value }), queue.sessions.qos)
    if (reasonCode === noMatchingSubscribers) this.unrouted.push(messageId)
    // QoS 0 has no answer: a barrier shows Mosquitto handled the PUBLISH (and handed it to a subscriber, if it had one).
    if (queue.sessions.qos === 0) await producer.barrier()
    this.messageIdNext += 1
    this.messages.set(messageId, { value: command.value, receiveCount: 0, latestReceipt: undefined, deleted: false })
    return { _tag: "Enqueued", queue: command.queue, messageId }
  }

  /** The consumer's running client, started (with no slot yet) when it has none. */
  private clientOf(queue: QueueRuntime, consumer: string): ConsumerClient {
    let client = queue.clients.get(consumer)
    if (client === undefined) {
      client = { buffer: [], unacked: new Set(), slot: undefined }
      queue.clients.set(consumer, client)
    }
    return client
  }

  /**
   * `QueueReceive`: up to `messagesMax` of the messages Mosquitto delivered to
   * the consumer's connection, in delivery order.
   *
   * At-least-once (QoS 1): a consumer attached to a slot waits for what
   * Mosquitto sent it (a barrier) and takes from it. A consumer that holds
   * no unacknowledged message and found nothing leaves its slot and tries
   * the free slots in pool order (after the one it left) until one gives
   * something; it keeps the slot it took from, and leaves every slot that
   * gave nothing. A consumer that finds every slot held by others adds a
   * session to the pool (it joins the shared subscription and gets only
   * later messages).
   *
   * At-most-once (QoS 0): the consumer's client connects a session of its
   * own at its first receive and stays connected; each receive takes what
   * arrived since.
   */
  private async receive(command: CommandOf<"QueueReceive">): Promise<Response> {
    const queue = this.queueOf(command.queue)
    if (queue === undefined) return { _tag: "UnknownQueue", queue: command.queue }
    const { consumer, messagesMax } = command
    const client = this.clientOf(queue, consumer)
    const sessions = queue.sessions
    let taken: Array<{ readonly delivery: Delivery; readonly slot: Slot }> = []
    const takeFrom = (slot: Slot) => {
      taken = slot.local.splice(0, messagesMax).map((delivery) => ({ delivery, slot }))
    }
    if (client.slot !== undefined) {
      const connection = this.live(client.slot)
      await connection.barrier()
      takeFrom(client.slot)
    } else if (!sessions.persistent) {
      client.slot = await sessions.attach(consumer, undefined)
      takeFrom(client.slot)
    }
    if (sessions.persistent && taken.length === 0 && client.unacked.size === 0) {
      const left = client.slot
      if (left !== undefined) {
        client.slot = undefined
        await sessions.detach(left)
      }
      const candidates: Array<Slot | undefined> = sessions.freeSlotsAfter(left?.index ?? -1).filter((slot) => slot !== left)
      // Every session of the pool is held by another consumer (a run with more consumers than the pool): a new session joins the group.
      if (candidates.length === 0 && left === undefined) candidates.push(undefined)
      for (const candidate of candidates) {
        const slot = await sessions.attach(consumer, candidate)
        client.slot = slot
        takeFrom(slot)
        if (taken.length > 0) break
        client.slot = undefined
        await sessions.detach(slot)
      }
    }
    const messages: Array<ReceivedMessage> = []
    for (const { delivery, slot } of taken) {
      const { messageId, value } = decodePayload(delivery.payload)
      const receipt = this.receipts.length
      const known = this.messages.get(messageId)
      const message: MessageState = known ?? { value, receiveCount: 0, latestReceipt: undefined, deleted: false }
      if (known === undefined) this.messages.set(messageId, message)
      message.receiveCount += 1
      message.latestReceipt = receipt
      message.deleted = false
      this.receipts.push({ queueIndex: queue.index, messageId, consumer, connection: slot.connection, packetId: delivery.packetId, acknowledged: false })
      client.buffer.push(receipt)
      client.unacked.add(receipt)
      messages.push({ messageId, value: message.value, receipt, receiveCount: message.receiveCount })
    }
    return { _tag: "Received", queue: command.queue, consumer, messages }
  }

  /** The slot's connection, which must be up (else the target dies: Mosquitto or the network failed). */
  private live(slot: Slot): MqttConnection {
    const connection = slot.connection
    if (connection === undefined) throw new MqttTargetFailure(`slot ${slot.clientId} has no connection`)
    const lost = connection.lost
    if (lost !== undefined) throw new MqttTargetFailure(`the connection of ${slot.clientId} was lost: ${lost}`)
    return connection
  }

  /** `QueueProcess`: the application's step, no broker call. */
  private process(command: CommandOf<"QueueProcess">): Response {
    const queue = this.queueOf(command.queue)
    if (queue === undefined) return { _tag: "UnknownQueue", queue: command.queue }
    const { consumer, receipt } = command
    const buffer = queue.clients.get(consumer)?.buffer
    const at = buffer === undefined ? -1 : buffer.indexOf(receipt)
    if (buffer === undefined || at < 0) return { _tag: "NotReceived", queue: command.queue, consumer, receipt }
    buffer.splice(at, 1)
    return { _tag: "QueueProcessed", queue: command.queue, consumer, receipt, messageId: this.receipts[receipt].messageId }
  }

  /** The receipt as issued by this queue, or `undefined`. */
  private issued(queue: QueueRuntime, receipt: number): ReceiptState | undefined {
    const state = this.receipts[receipt]
    return state !== undefined && state.queueIndex === queue.index ? state : undefined
  }

  /**
   * `QueueAck`: the PUBACK held back for the delivery (QoS 1), on the
   * connection that received it, then a barrier, so Mosquitto has handled it
   * when the answer comes; QoS 0 has nothing to send. A receipt that is not
   * its message's latest, or whose message an acknowledgement deleted
   * already, sends nothing (`deleted: false`). A receipt whose connection is
   * gone cannot be acknowledged at all: MQTT acknowledges on the connection
   * that received the message (`Unsupported`).
   */
  private async ack(command: CommandOf<"QueueAck">): Promise<Response> {
    const queue = this.queueOf(command.queue)
    if (queue === undefined) return { _tag: "UnknownQueue", queue: command.queue }
    const { consumer, receipt } = command
    const state = this.issued(queue, receipt)
    if (state === undefined) return { _tag: "UnknownReceipt", queue: command.queue, receipt }
    const message = this.messages.get(state.messageId)!
    const answer = (deleted: boolean): ResponseOf<"Acknowledged"> => ({ _tag: "Acknowledged", queue: command.queue, consumer, receipt, messageId: state.messageId, deleted })
    if (state.acknowledged || message.deleted || message.latestReceipt !== receipt) return answer(false)
    const holder = queue.clients.get(state.consumer)
    if (queue.sessions.persistent) {
      const connection = state.connection
      const lost = connection === undefined ? "it has none" : connection.lost
      if (connection === undefined || lost !== undefined || holder?.slot?.connection !== connection) {
        return {
          _tag: "Unsupported",
          command: "QueueAck",
          reason: `MQTT acknowledges a message on the connection that received it, and consumer ${state.consumer}'s connection that received receipt ${receipt} is gone`
        }
      }
      await connection.ack(state.packetId!)
    }
    state.acknowledged = true
    message.deleted = true
    if (holder !== undefined) {
      holder.unacked.delete(receipt)
      await this.detachIfIdle(queue, holder)
    }
    return answer(true)
  }

  /** An at-least-once consumer that holds no unacknowledged message leaves its slot (what it was delivered and not given stays in the session). */
  private async detachIfIdle(queue: QueueRuntime, client: ConsumerClient): Promise<void> {
    if (!queue.sessions.persistent || client.unacked.size > 0 || client.slot === undefined) return
    const slot = client.slot
    client.slot = undefined
    await queue.sessions.detach(slot)
  }

  /** `QueueRelease`, `QueueExtend`: MQTT has neither (after the queue and receipt checks). */
  private releaseOrExtend(command: CommandOf<"QueueRelease"> | CommandOf<"QueueExtend">): Response {
    const queue = this.queueOf(command.queue)
    if (queue === undefined) return { _tag: "UnknownQueue", queue: command.queue }
    if (this.issued(queue, command.receipt) === undefined) return { _tag: "UnknownReceipt", queue: command.queue, receipt: command.receipt }
    return command._tag === "QueueRelease"
      ? {
        _tag: "Unsupported",
        command: "QueueRelease",
        reason: "MQTT cannot give a message back: a PUBACK with an error reason code makes the server discard it (MQTT 5 §4.8.2), and a delivery is sent again only when its session reconnects"
      }
      : {
        _tag: "Unsupported",
        command: "QueueExtend",
        reason: "MQTT has no visibility timeout to extend: a delivery stays unacknowledged in its session until it is acknowledged or the session ends"
      }
  }

  /** `QueueCrash`: the consumer's connection dropped without a DISCONNECT; its unacknowledged deliveries stay in the slot's session. */
  private crash(command: CommandOf<"QueueCrash">): Response {
    const queue = this.queueOf(command.queue)
    if (queue === undefined) return { _tag: "UnknownQueue", queue: command.queue }
    const client = queue.clients.get(command.consumer)
    if (client === undefined) return { _tag: "QueueCrashed", queue: command.queue, consumer: command.consumer, receipts: [] }
    if (client.slot !== undefined) queue.sessions.crash(client.slot)
    queue.clients.delete(command.consumer)
    return { _tag: "QueueCrashed", queue: command.queue, consumer: command.consumer, receipts: client.buffer.slice() }
  }

  /**
   * `ObserverQueue`: MQTT cannot list a topic or a session, so the listing
   * is what the clients can see: the deliveries handed out and not
   * acknowledged, what attached clients were delivered and not given, and,
   * for an at-least-once queue, what each free slot's session delivers when
   * connected to (nothing acknowledged). In message id order, with the
   * adapter's receive counts and latest receipts, and no visibility ends
   * (MQTT has none).
   */
  private async list(command: CommandOf<"ObserverQueue">): Promise<Response> {
    const queue = this.queueOf(command.queue)
    if (queue === undefined) return { _tag: "UnknownQueue", queue: command.queue }
    const ids = new Set<number>()
    for (const client of queue.clients.values()) {
      for (const receipt of client.unacked) {
        const state = this.receipts[receipt]
        if (state.connection !== undefined && state.connection.lost === undefined) ids.add(state.messageId)
      }
    }
    for (const slot of queue.sessions.slots) {
      if (slot.holder !== undefined) {
        for (const delivery of slot.local) ids.add(decodePayload(delivery.payload).messageId)
      } else if (queue.sessions.persistent) {
        for (const delivery of await queue.sessions.inspect(slot)) ids.add(decodePayload(delivery.payload).messageId)
      }
    }
    const messages: Array<QueueEntry> = [...ids].sort((x, y) => x - y).map((messageId) => {
      const message = this.messages.get(messageId)
      const value = message?.value ?? ""
      const receiveCount = message?.receiveCount ?? 0
      const receipt = message?.latestReceipt
      return receipt === undefined ? { messageId, value, receiveCount } : { messageId, value, receiveCount, receipt }
    })
    return { _tag: "QueueListed", queue: command.queue, messages, remembered: [] }
  }

  /**
   * `BrokerRestart`: every client connection drops with the killed broker,
   * every consumer loses its client (the answer lists them: queue by queue,
   * each queue's consumers in the order their clients started, with the
   * receipts each held), Mosquitto starts again from its data, the producer
   * reconnects and every slot session is reconnected once (subscribed again
   * where the restart lost it, as a consumer that finds its session gone
   * does).
   */
  private async restart(): Promise<Response> {
    const restart = this.options.restart
    if (restart === undefined) throw new MqttTargetFailure("BrokerRestart needs a server qsem started (the mqtt target was given the address of a running one)")
    const clients: Array<ResponseOf<"BrokerRestarted">["clients"][number]> = []
    for (const queue of this.queues) {
      for (const [consumer, client] of queue.clients) clients.push({ queue: queue.config.name, consumer, receipts: client.buffer.slice() })
      queue.clients.clear()
      queue.sessions.dropAll()
    }
    this.producer?.destroy()
    this.producer = undefined
    await restart()
    await this.connectProducer()
    for (const queue of this.queues) await queue.sessions.reestablish()
    return { _tag: "BrokerRestarted", clients }
  }

  /** How many times a slot reconnect found its session gone (a restart lost it), per queue name: for tests and reports. */
  sessionsLost(): ReadonlyMap<string, number> {
    return new Map(this.queues.map((queue) => [queue.config.name, queue.sessions.slots.reduce((sum, slot) => sum + slot.sessionsLost, 0)]))
  }
}

/** The answer to a command outside the queue vocabulary on a queue-only config: its topic, group or service is unknown. */
const notAQueueCommand = (command: Command): Response => {
  if ("topic" in command) return { _tag: "UnknownTopic", topic: command.topic }
  if ("group" in command) return { _tag: "UnknownGroup", group: command.group }
  if ("service" in command) return { _tag: "UnknownService", service: command.service }
  throw new MqttTargetFailure(`the mqtt target runs queue commands only, not ${command._tag}`)
}
