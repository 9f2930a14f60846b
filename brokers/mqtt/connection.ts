/**
 * One MQTT 5 connection to Mosquitto, through mqtt.js, with the
 * acknowledgement of every QoS 1 message it is delivered left to the
 * application: the PUBACK goes out only when {@link MqttConnection.ack} asks
 * for it (MQTT's at-least-once: a message not acknowledged stays in the
 * session and is sent again when the session reconnects).
 *
 * mqtt.js's `customHandleAcks` lets a client choose the PUBACK's reason code,
 * but it handles incoming packets one at a time and goes on to the next only
 * once that callback returned: holding the callback until the application
 * acknowledges would stop every later packet of the connection. So the
 * callback is answered at once, and the PUBACK it makes mqtt.js send is held
 * back (its send is completed without writing it) until `ack` writes it.
 * This reaches into mqtt.js's `_sendPacket` and `_writePacket` (5.16).
 *
 * @module
 */
import mqtt from "mqtt"
import type { IConnackPacket, IPublishPacket } from "mqtt-packet"

/** A message Mosquitto delivered to a connection. */
export interface Delivery {
  readonly topic: string
  readonly payload: Buffer
  readonly qos: 0 | 1 | 2
  /** The packet identifier of a QoS 1 or 2 delivery (to acknowledge it); `undefined` for QoS 0. */
  readonly packetId: number | undefined
  /** MQTT's DUP flag: Mosquitto sent this very PUBLISH before (a resend on a session's reconnect). */
  readonly dup: boolean
}

/** Where and as whom to connect, and what to do with deliveries. */
export interface ConnectOptions {
  readonly host: string
  readonly port: number
  readonly clientId: string
  /** MQTT 5 Clean Start: true discards the session Mosquitto holds for the client id. */
  readonly cleanStart: boolean
  /** MQTT 5 Session Expiry Interval, seconds (0: the session ends with the connection; 0xFFFFFFFF: never). */
  readonly sessionExpirySeconds: number
  /** Called for each delivery, in the order Mosquitto sent them. */
  readonly onDelivery?: ((delivery: Delivery) => void) | undefined
  /** The topic a {@link MqttConnection.barrier} publishes to (a topic nobody subscribes to). */
  readonly barrierTopic: string
  /** How long to wait for any answer of Mosquitto before failing. */
  readonly answerTimeoutMs: number
}

/** The parts of mqtt.js's client this module reaches into. */
interface ClientInternals {
  _sendPacket: (packet: { readonly cmd: string; readonly messageId?: number }, cb?: (error?: Error) => void, cbStorePut?: unknown, noStore?: boolean) => void
  _writePacket: (packet: { readonly cmd: string; readonly messageId: number }, cb?: (error?: Error) => void) => void
}

const withTimeout = <A>(promise: Promise<A>, ms: number, what: string): Promise<A> =>
  new Promise<A>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Mosquitto did not answer ${what} within ${ms} ms`)), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error) => {
        clearTimeout(timer)
        reject(error)
      }
    )
  })

/** An open MQTT 5 connection with application-controlled acknowledgements. */
export class MqttConnection {
  /** Whether Mosquitto resumed a session it held for the client id (CONNACK's Session Present). */
  readonly sessionPresent: boolean
  private closed = false
  private lostReason: string | undefined = undefined

  private constructor(
    private readonly client: mqtt.MqttClient,
    private readonly options: ConnectOptions,
    /** The packet identifiers of QoS 1 deliveries whose PUBACK is held back. */
    private readonly heldIds: Set<number>,
    connack: IConnackPacket
  ) {
    this.sessionPresent = connack.sessionPresent
    client.on("close", () => {
      if (!this.closed) this.lostReason ??= "the connection closed"
    })
    client.on("error", (error) => {
      this.lostReason ??= error.message
    })
  }

  /** Connects (MQTT 5), waits for the CONNACK and answers the connection; rejects when Mosquitto refuses or does not answer. */
  static open(options: ConnectOptions): Promise<MqttConnection> {
    const heldIds = new Set<number>()
    // Deliveries handled before the connection object exists (mqtt.js handles the CONNACK first, so none in practice).
    const early: Array<Delivery> = []
    let deliver = (delivery: Delivery): void => {
      early.push(delivery)
    }
    const client = mqtt.connect({
      host: options.host,
      port: options.port,
      protocolVersion: 5,
      clientId: options.clientId,
      clean: options.cleanStart,
      reconnectPeriod: 0,
      connectTimeout: options.answerTimeoutMs,
      keepalive: 60,
      properties: { sessionExpiryInterval: options.sessionExpirySeconds, receiveMaximum: 65_535 },
      customHandleAcks: (topic: string, payload: Buffer, packet: IPublishPacket, done: (error: Error | number, code?: number) => void) => {
        const qos = packet.qos
        const packetId = qos === 0 ? undefined : packet.messageId
        if (qos === 1 && packetId !== undefined) heldIds.add(packetId)
        deliver({ topic, payload, qos, packetId, dup: packet.dup === true })
        done(0)
      }
    })
    // mqtt.js hands QoS 0 deliveries to the 'message' event only (customHandleAcks sees QoS 1 and 2).
    client.on("message", (topic, payload, packet) => {
      if (packet.qos === 0) deliver({ topic, payload, qos: 0, packetId: undefined, dup: false })
    })
    const internals = client as unknown as ClientInternals
    const send = internals._sendPacket.bind(client)
    internals._sendPacket = (packet, cb, cbStorePut, noStore) => {
      if (packet.cmd === "puback" && packet.messageId !== undefined && heldIds.has(packet.messageId)) {
        // The application acknowledges later: complete the send (so mqtt.js goes on to the next packet) without writing it.
        setImmediate(() => cb?.())
        return
      }
      send(packet, cb, cbStorePut, noStore)
    }
    const connected = new Promise<MqttConnection>((resolve, reject) => {
      client.once("connect", (connack) => {
        const connection = new MqttConnection(client, options, heldIds, connack)
        deliver = (delivery) => options.onDelivery?.(delivery)
        for (const delivery of early.splice(0)) deliver(delivery)
        resolve(connection)
      })
      client.once("error", (error) => reject(new Error(`Mosquitto refused the connection of ${options.clientId}: ${error.message}`)))
      client.once("close", () => reject(new Error(`Mosquitto closed the connection of ${options.clientId} before its CONNACK`)))
    })
    return withTimeout(connected, options.answerTimeoutMs, `the CONNECT of ${options.clientId}`).catch((error) => {
      client.end(true)
      throw error
    })
  }

  /** Why the connection is gone, or `undefined` while it is up. */
  get lost(): string | undefined {
    return this.closed ? "the connection was closed" : this.lostReason
  }

  private assertUp(what: string): void {
    const lost = this.lost
    if (lost !== undefined) throw new Error(`cannot ${what} on ${this.options.clientId}: ${lost}`)
  }

  /** Subscribes to `filter` at `qos` and waits for the SUBACK; rejects when Mosquitto refuses it. */
  async subscribe(filter: string, qos: 0 | 1 | 2): Promise<void> {
    this.assertUp(`subscribe to ${filter}`)
    const granted = await withTimeout(this.client.subscribeAsync(filter, { qos }), this.options.answerTimeoutMs, `the SUBSCRIBE of ${this.options.clientId}`)
    const refused = granted.find((grant) => grant.qos !== qos)
    if (refused !== undefined) throw new Error(`Mosquitto granted ${this.options.clientId} QoS ${refused.qos} on ${filter} (asked ${qos})`)
  }

  /**
   * Publishes and resolves once Mosquitto has it: at its PUBACK (QoS 1) or
   * PUBCOMP (QoS 2), with the reason code (16: no matching subscribers), or,
   * for QoS 0, once the packet is written (MQTT has no answer to wait for).
   */
  async publish(topic: string, payload: Buffer, qos: 0 | 1 | 2): Promise<number> {
    this.assertUp(`publish to ${topic}`)
    let reasonCode = 0
    const onPacket = (packet: { cmd: string; reasonCode?: number }) => {
      if ((packet.cmd === "puback" || packet.cmd === "pubcomp") && packet.reasonCode !== undefined) reasonCode = packet.reasonCode
    }
    this.client.on("packetreceive", onPacket)
    try {
      await withTimeout(this.client.publishAsync(topic, payload, { qos }), this.options.answerTimeoutMs, `a PUBLISH of ${this.options.clientId}`)
    } finally {
      this.client.off("packetreceive", onPacket)
    }
    return reasonCode
  }

  /**
   * Waits until Mosquitto has handled everything this connection sent before
   * and has written everything it sent this connection before: a QoS 1
   * PUBLISH to the barrier topic and its PUBACK (Mosquitto handles a
   * connection's packets in order, and its deliveries to this connection
   * were queued before that PUBACK).
   */
  async barrier(): Promise<void> {
    await this.publish(this.options.barrierTopic, Buffer.alloc(0), 1)
  }

  /** Writes the PUBACK of the QoS 1 delivery with this packet identifier (held until now), then waits until Mosquitto handled it. */
  async ack(packetId: number): Promise<void> {
    this.assertUp(`acknowledge packet ${packetId}`)
    this.heldIds.delete(packetId)
    const internals = this.client as unknown as ClientInternals
    await new Promise<void>((resolve, reject) =>
      internals._writePacket({ cmd: "puback", messageId: packetId }, (error) => (error === undefined || error === null ? resolve() : reject(error))))
    await this.barrier()
  }

  /** Disconnects cleanly (a DISCONNECT with reason 0): Mosquitto keeps the session for its expiry interval, with every message not acknowledged. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    if (this.lostReason !== undefined) {
      this.client.end(true)
      return
    }
    await withTimeout(this.client.endAsync(false), this.options.answerTimeoutMs, `the DISCONNECT of ${this.options.clientId}`).catch(() => this.client.end(true))
  }

  /** Drops the connection at once, without a DISCONNECT (a crashed process): Mosquitto sees the socket close. */
  destroy(): void {
    if (this.closed) return
    this.closed = true
    this.client.end(true)
  }
}
