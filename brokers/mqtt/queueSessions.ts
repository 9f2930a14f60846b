/**
 * The MQTT sessions a qsem queue is read through: members of one shared
 * subscription `$share/<group>/<topic>` (MQTT 5 §4.8.2), among which
 * Mosquitto hands each message published to the topic to one member, round
 * robin (connected or not: a message for a disconnected member waits in its
 * session when it is QoS 1, and is dropped when it is QoS 0).
 *
 * - An at-least-once queue (QoS 1) has a pool of persistent sessions (Clean
 *   Start 0, a session expiry of an hour), created and subscribed when the
 *   run opens, so that messages sent before any consumer came are kept: its
 *   slots. A consumer attaches to a free slot (connects with its client id
 *   and resumes its session) while it needs one, and detaches (a clean
 *   DISCONNECT: the session stays, with every message not acknowledged).
 * - An at-most-once queue (QoS 0) has one session per running consumer,
 *   started (Clean Start 1, no expiry) and subscribed at the consumer's first
 *   receive and ended with its client: QoS 0 messages do not wait for a
 *   disconnected session, so a consumer must stay connected to get any.
 *
 * @module
 */
import { type Delivery, MqttConnection } from "./connection.ts"

/** Where the sessions connect and how long they wait for Mosquitto. */
export interface SessionsEnvironment {
  readonly host: string
  readonly port: number
  readonly answerTimeoutMs: number
  /** A topic nobody subscribes to, for barriers. */
  readonly barrierTopic: string
}

/** How long Mosquitto keeps a slot's session while no client is connected to it: an hour (longer than any run). */
export const slotSessionExpirySeconds = 3_600

/** One member session of a queue's shared subscription. */
export class Slot {
  /** The connection attached to the session now, if any. */
  connection: MqttConnection | undefined = undefined
  /** The consumer whose client is attached, if any. */
  holder: string | undefined = undefined
  /** What Mosquitto delivered to the current connection and no receive has handed out yet, in delivery order. */
  readonly local: Array<Delivery> = []
  /** How many times a reconnect found that Mosquitto no longer had the session (after a restart that lost it). */
  sessionsLost = 0

  constructor(
    readonly index: number,
    readonly clientId: string
  ) {}
}

/** The member sessions of one queue's shared subscription, and how clients attach to them. */
export class QueueSessions {
  /** The slots: the persistent pool of an at-least-once queue, or the running consumers' sessions of an at-most-once queue. */
  readonly slots: Array<Slot> = []
  private slotsMade = 0

  constructor(
    private readonly environment: SessionsEnvironment,
    /** The topic the queue's messages are published to. */
    readonly topic: string,
    /** `$share/<group>/<topic>`. */
    readonly filter: string,
    /** 1 for an at-least-once queue (persistent slots), 0 for an at-most-once queue (a session per consumer). */
    readonly qos: 0 | 1,
    private readonly clientIdPrefix: string
  ) {}

  /** Whether the sessions persist (QoS 1) or live with their consumer's connection (QoS 0). */
  get persistent(): boolean {
    return this.qos === 1
  }

  /** Adds a slot (its session is not created yet). */
  private newSlot(): Slot {
    const slot = new Slot(this.slotsMade, `${this.clientIdPrefix}-s${this.slotsMade}`)
    this.slotsMade += 1
    this.slots.push(slot)
    return slot
  }

  private connect(slot: Slot, cleanStart: boolean, sessionExpirySeconds: number, onDelivery?: (delivery: Delivery) => void): Promise<MqttConnection> {
    return MqttConnection.open({
      host: this.environment.host,
      port: this.environment.port,
      clientId: slot.clientId,
      cleanStart,
      sessionExpirySeconds,
      onDelivery,
      barrierTopic: this.environment.barrierTopic,
      answerTimeoutMs: this.environment.answerTimeoutMs
    })
  }

  /**
   * Connects to the slot's session (Clean Start 0) and, when Mosquitto no
   * longer has it (Session Present 0: a restart lost it), subscribes again, as
   * a consumer does that finds its session gone.
   */
  private async resume(slot: Slot, onDelivery?: (delivery: Delivery) => void): Promise<MqttConnection> {
    const connection = await this.connect(slot, false, slotSessionExpirySeconds, onDelivery)
    if (!connection.sessionPresent) {
      slot.sessionsLost += 1
      await connection.subscribe(this.filter, this.qos)
    }
    return connection
  }

  /**
   * Creates the pool of an at-least-once queue: `count` sessions, each
   * subscribed, then disconnected. Their client ids are new (the run's), so
   * Clean Start 0 starts new sessions; it matters to Mosquitto 2.0, which
   * writes to its database only sessions whose last connection had Clean
   * Start 0, whatever their expiry interval.
   */
  async createPool(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const slot = this.newSlot()
      const connection = await this.connect(slot, false, slotSessionExpirySeconds)
      await connection.subscribe(this.filter, this.qos)
      await connection.close()
    }
  }

  /** The slots no client is attached to, in pool order, starting after `afterIndex` and wrapping around. */
  freeSlotsAfter(afterIndex: number): ReadonlyArray<Slot> {
    const start = this.slots.findIndex((slot) => slot.index > afterIndex)
    const ordered = start < 0 ? this.slots : [...this.slots.slice(start), ...this.slots.slice(0, start)]
    return ordered.filter((slot) => slot.holder === undefined)
  }

  /**
   * Attaches `holder`'s client to a slot, and waits until Mosquitto has
   * delivered what the session held (its unacknowledged messages again, with
   * DUP, then its queued ones): on a persistent queue, to the given free slot
   * (or a new one, joining the shared subscription, when none is given); on
   * an at-most-once queue, to a new session of its own.
   */
  async attach(holder: string, slot: Slot | undefined): Promise<Slot> {
    const target = slot ?? this.newSlot()
    target.holder = holder
    target.local.length = 0
    try {
      const onDelivery = (delivery: Delivery) => {
        if (target.connection === connection) target.local.push(delivery)
      }
      let connection: MqttConnection | undefined = undefined
      const early: Array<Delivery> = []
      const collect = (delivery: Delivery) => (connection === undefined ? early.push(delivery) : onDelivery(delivery))
      if (this.persistent) {
        connection = await this.resume(target, collect)
      } else {
        connection = await this.connect(target, true, 0, collect)
        await connection.subscribe(this.filter, this.qos)
      }
      target.connection = connection
      target.local.push(...early)
      await connection.barrier()
      return target
    } catch (error) {
      target.holder = undefined
      throw error
    }
  }

  /** Detaches the slot's client with a DISCONNECT: a persistent session keeps every message not acknowledged (those delivered are sent again at the next attach); an at-most-once session ends. */
  async detach(slot: Slot): Promise<void> {
    const connection = slot.connection
    slot.connection = undefined
    slot.holder = undefined
    slot.local.length = 0
    if (connection !== undefined) await connection.close()
    if (!this.persistent) this.slots.splice(this.slots.indexOf(slot), 1)
  }

  /** Drops the slot's connection at once, without a DISCONNECT (the consumer's process died). */
  crash(slot: Slot): void {
    slot.connection?.destroy()
    slot.connection = undefined
    slot.holder = undefined
    slot.local.length = 0
    if (!this.persistent) this.slots.splice(this.slots.indexOf(slot), 1)
  }

  /**
   * What a free persistent slot's session holds, looked at the way Mosquitto
   * shows it: connect to it, take what it delivers (nothing is
   * acknowledged, so nothing leaves it), disconnect.
   */
  async inspect(slot: Slot): Promise<ReadonlyArray<Delivery>> {
    const seen: Array<Delivery> = []
    const connection = await this.resume(slot, (delivery) => seen.push(delivery))
    try {
      await connection.barrier()
    } finally {
      await connection.close()
    }
    return seen
  }

  /** Every connection dropped at once (the broker died under them): no slot is attached any more. */
  dropAll(): void {
    for (const slot of this.slots.slice()) this.crash(slot)
  }

  /** After a restart: reconnects every persistent slot once, so a session the restart lost is subscribed again (see `resume`), then disconnects. */
  async reestablish(): Promise<void> {
    if (!this.persistent) return
    for (const slot of this.slots) {
      const connection = await this.resume(slot)
      await connection.close()
    }
  }

  /** Ends every session of the queue (Clean Start 1 with no expiry, then a DISCONNECT), so the broker keeps nothing of the run. */
  async remove(): Promise<void> {
    this.dropAll()
    if (!this.persistent) return
    for (const slot of this.slots) {
      const connection = await this.connect(slot, true, 0)
      await connection.close()
    }
  }
}
