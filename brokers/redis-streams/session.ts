/**
 * One session of the Redis Streams target: qsem's queue commands translated
 * into Redis stream commands (Redis 7.0), one stream and one consumer group
 * per queue, under a per-session key prefix.
 *
 * | qsem | Redis |
 * | --- | --- |
 * | `QueueSend` | `XADD key * v <value> m <messageId>` |
 * | `QueueReceive` | `XAUTOCLAIM key qsem <consumer> <min-idle> 0-0 COUNT n` (looping on its cursor) for pending entries whose visibility ran out, then `XREADGROUP GROUP qsem <consumer> COUNT rest STREAMS key >` for new ones; then per entry `XCLAIM ... IDLE <lag> JUSTID` (the delivery time at the run's logical instant, see clock.ts) and `XPENDING key qsem id id 1` (its delivery counter: the receive count) |
 * | `QueueAck` | `XACK key qsem id`, then `XDEL key id` when it acknowledged (scripts.ts) |
 * | `QueueRelease` / `QueueExtend` | ownership check with `XPENDING`, then `XCLAIM key qsem <owner> 0 id IDLE <ms> JUSTID` (scripts.ts) |
 * | `QueueProcess` | nothing at Redis: the consumer's buffer |
 * | `QueueCrash` | nothing at Redis (the PEL keeps the entries): the consumer's buffer is dropped |
 * | `ObserverQueue` | `XRANGE key - +` and `XPENDING key qsem - + n` |
 * | `ClockAdvance` | real waiting, scaled (clock.ts) |
 * | `BrokerRestart` | SIGKILL and restart of the server, a new connection, `XGROUP CREATE key qsem 0 MKSTREAM` where the group is gone |
 *
 * The adapter keeps the run's counters, as the contract asks: message ids
 * (the n-th `Enqueued`, also written into the entry as field `m`), receipts
 * (the n-th message handed out, with the stream id and the delivery count it
 * was handed out with), and each consumer's buffer of receipts.
 *
 * @module
 */
import type { Redis } from "ioredis"
import type { CommandOf, Command } from "../../spec/command.ts"
import type { Config, QueueConfig } from "../../spec/config.ts"
import type { QueueEntry, ReceivedMessage } from "../../spec/queue.ts"
import type { Response, ResponseOf } from "../../spec/response.ts"
import type { BrokerAddress } from "../brokerTarget.ts"
import type { ManagedServer } from "../server/managedServer.ts"
import { RunClock } from "./clock.ts"
import { connectRedis, isRedisError, redisCall } from "./connection.ts"
import { autoClaimOf, pendingEntriesOf, rangeEntriesOf, readGroupEntriesOf, type StreamEntry } from "./replies.ts"
import { ackScript, setIdleScript } from "./scripts.ts"

/** The consumer group of every queue's stream. */
export const groupName = "qsem"

/** A receipt as the adapter issued it: which delivery of which entry it stands for. */
export interface IssuedReceipt {
  readonly queue: string
  readonly streamId: string
  readonly messageId: number
  /** The consumer it was delivered to (the entry's owner in the PEL after that delivery). */
  readonly consumer: string
  /** Redis's delivery counter right after this delivery. */
  readonly deliveries: number
  /** The logical end of its visibility: the receive's time plus the timeout, or what an extension set. */
  endMs: number
}

/** One queue of the session: its config, its stream's key, and its consumers' buffers in the order their clients started. */
interface QueueSlot {
  readonly config: QueueConfig
  readonly key: string
  consumers: Map<string, Array<number>>
}

/** Where a session's server is: an address, and the managed server when qsem started it (needed for `BrokerRestart`). */
export interface SessionServer {
  readonly address: BrokerAddress
  readonly managed: ManagedServer | undefined
  /** Told the real milliseconds each `BrokerRestart` took (kill, start, ready, reconnect, groups). */
  readonly onRestart?: ((ms: number) => void) | undefined
}

let sessionsOpened = 0

/** A fresh key prefix: process, time and a counter, so that sessions (and processes) sharing a server never meet. */
const freshPrefix = (): string => `qsem:${process.pid}.${Date.now().toString(36)}.${++sessionsOpened}:`

/** A session: the connection, the run's clock and counters, and the translation of each command. */
export class RedisStreamsSession {
  private readonly queues: Map<string, QueueSlot>
  private readonly receipts: Array<IssuedReceipt> = []
  /** `queue \n streamId \n deliveries` → receipt. */
  private readonly byDelivery = new Map<string, number>()
  private messageIdNext = 0
  private readonly clock: RunClock

  private constructor(
    private client: Redis,
    private readonly server: SessionServer,
    config: Config,
    scale: number | undefined,
    prefix: string
  ) {
    this.queues = new Map((config.queues ?? []).map((queue) => [queue.name, { config: queue, key: `${prefix}${queue.name}`, consumers: new Map() }]))
    this.clock = new RunClock(config, scale)
  }

  /** Connects, makes every queue's stream and group, and starts the run's clock. */
  static async open(server: SessionServer, config: Config, scale: number | undefined): Promise<RedisStreamsSession> {
    const client = await connectRedis(server.address)
    const session = new RedisStreamsSession(client, server, config, scale, freshPrefix())
    try {
      await session.ensureGroups()
    } catch (error) {
      client.disconnect()
      throw error
    }
    return session
  }

  /** Deletes the session's streams and closes the connection (quietly when the server is gone). */
  async close(): Promise<void> {
    try {
      await redisCall(this.client, "DEL", ...[...this.queues.values()].map((slot) => slot.key))
      await this.client.quit()
    } catch {
      this.client.disconnect()
    }
  }

  /** `XGROUP CREATE key qsem 0 MKSTREAM` for every queue whose group does not exist (`BUSYGROUP`: it does). */
  private async ensureGroups(): Promise<void> {
    for (const slot of this.queues.values()) {
      try {
        await redisCall(this.client, "XGROUP", "CREATE", slot.key, groupName, "0", "MKSTREAM")
      } catch (error) {
        if (!isRedisError(error, "BUSYGROUP")) throw error
      }
    }
  }

  private call(command: string, ...args: ReadonlyArray<string | number>): Promise<unknown> {
    return redisCall(this.client, command, ...args)
  }

  /** Answers one command (rejects only when Redis or the connection failed). */
  execute(command: Command): Promise<Response> {
    switch (command._tag) {
      case "QueueSend":
        return this.send(command)
      case "QueueReceive":
        return this.receive(command)
      case "QueueProcess":
        return Promise.resolve(this.process(command))
      case "QueueAck":
        return this.ack(command)
      case "QueueRelease":
        return this.release(command)
      case "QueueExtend":
        return this.extend(command)
      case "QueueCrash":
        return Promise.resolve(this.crash(command))
      case "QueueRedrive":
        return Promise.resolve(
          this.queues.has(command.queue) ? { _tag: "NotADeadLetterQueue", queue: command.queue } : { _tag: "UnknownQueue", queue: command.queue }
        )
      case "ObserverQueue":
        return this.list(command)
      case "ClockAdvance":
        return this.clock.advance(command.ms).then(() => ({ _tag: "ClockAdvanced", nowMs: this.clock.nowMs, expired: [], rebalanced: [] }))
      case "BrokerRestart":
        return this.restart()
      default:
        return Promise.resolve({ _tag: "Unsupported", command: command._tag, reason: "the Redis Streams target translates queue commands only" })
    }
  }

  /** The receipt as issued by `queue`, or `undefined`. */
  private issuedBy(queue: string, receipt: number): IssuedReceipt | undefined {
    const issued = this.receipts[receipt]
    return issued !== undefined && issued.queue === queue ? issued : undefined
  }

  private async send(command: CommandOf<"QueueSend">): Promise<Response> {
    const { queue } = command
    const slot = this.queues.get(queue)
    if (slot === undefined) return { _tag: "UnknownQueue", queue }
    if (command.group !== undefined) return { _tag: "FifoOnly", queue, field: "group" }
    if (command.dedupId !== undefined) return { _tag: "FifoOnly", queue, field: "dedupId" }
    const messageId = this.messageIdNext
    await this.call("XADD", slot.key, "*", "v", command.value, "m", messageId)
    this.messageIdNext += 1
    return { _tag: "Enqueued", queue, messageId }
  }

  private async receive(command: CommandOf<"QueueReceive">): Promise<Response> {
    const { queue, consumer, messagesMax } = command
    const slot = this.queues.get(queue)
    if (slot === undefined) return { _tag: "UnknownQueue", queue }
    // Pending entries idle for at least the visibility timeout (in the PEL's id order: queue order), claimed for this consumer.
    const minIdleMs = this.clock.claimIdleMs(slot.config.visibilityTimeoutMs)
    const entries: Array<StreamEntry> = []
    let cursor = "0-0"
    for (;;) {
      const claimed = autoClaimOf(await this.call("XAUTOCLAIM", slot.key, groupName, consumer, minIdleMs, cursor, "COUNT", messagesMax - entries.length))
      entries.push(...claimed.entries)
      cursor = claimed.cursor
      if (cursor === "0-0" || entries.length >= messagesMax) break
    }
    // Then entries never delivered to the group: all after every pending one, so the whole stays in queue order.
    if (entries.length < messagesMax) {
      entries.push(...readGroupEntriesOf(await this.call("XREADGROUP", "GROUP", groupName, consumer, "COUNT", messagesMax - entries.length, "STREAMS", slot.key, ">")))
    }
    const buffer = slot.consumers.get(consumer) ?? []
    slot.consumers.set(consumer, buffer)
    if (entries.length === 0) return { _tag: "Received", queue, consumer, messages: [] }
    // Each delivery's time at the run's logical instant (not later, by however much real time the run lags), then its delivery counter.
    const idleMs = this.clock.idleSinceMs(this.clock.nowMs)
    const replies = await Promise.all(entries.flatMap((entry) => [
      this.call("XCLAIM", slot.key, groupName, consumer, 0, entry.id, "IDLE", idleMs, "JUSTID"),
      this.call("XPENDING", slot.key, groupName, entry.id, entry.id, 1)
    ]))
    const endMs = this.clock.nowMs + slot.config.visibilityTimeoutMs
    const messages: Array<ReceivedMessage> = entries.map((entry, i) => {
      const pending = pendingEntriesOf(replies[2 * i + 1])[0]
      if (pending === undefined || pending.consumer !== consumer) {
        throw new Error(`Redis did not list entry ${entry.id} of ${slot.key} as pending for ${consumer} right after delivering it`)
      }
      const receipt = this.receipts.length
      this.receipts.push({ queue, streamId: entry.id, messageId: entry.messageId, consumer, deliveries: pending.deliveries, endMs })
      this.byDelivery.set(`${queue}\n${entry.id}\n${pending.deliveries}`, receipt)
      buffer.push(receipt)
      return { messageId: entry.messageId, value: entry.value, receipt, receiveCount: pending.deliveries }
    })
    return { _tag: "Received", queue, consumer, messages }
  }

  private process(command: CommandOf<"QueueProcess">): Response {
    const { queue, consumer, receipt } = command
    const slot = this.queues.get(queue)
    if (slot === undefined) return { _tag: "UnknownQueue", queue }
    const buffer = slot.consumers.get(consumer)
    const at = buffer?.indexOf(receipt) ?? -1
    if (buffer === undefined || at < 0) return { _tag: "NotReceived", queue, consumer, receipt }
    buffer.splice(at, 1)
    return { _tag: "QueueProcessed", queue, consumer, receipt, messageId: this.receipts[receipt].messageId }
  }

  private async ack(command: CommandOf<"QueueAck">): Promise<Response> {
    const { queue, consumer, receipt } = command
    const slot = this.queues.get(queue)
    if (slot === undefined) return { _tag: "UnknownQueue", queue }
    const issued = this.issuedBy(queue, receipt)
    if (issued === undefined) return { _tag: "UnknownReceipt", queue, receipt }
    const acked = await this.call("EVAL", ackScript, 1, slot.key, groupName, issued.streamId)
    return { _tag: "Acknowledged", queue, consumer, receipt, messageId: issued.messageId, deleted: acked === 1 }
  }

  /** Sets the idle time of the receipt's entry so that its visibility ends at logical `endMs`, if the receipt's delivery is still in flight. */
  private async setVisibilityEnd(slot: QueueSlot, issued: IssuedReceipt, endMs: number): Promise<boolean> {
    const vt = slot.config.visibilityTimeoutMs
    const minIdleMs = this.clock.claimIdleMs(vt)
    const idleMs = this.clock.idleSinceMs(endMs - vt)
    const done = await this.call("EVAL", setIdleScript, 1, slot.key, groupName, issued.streamId, issued.consumer, issued.deliveries, minIdleMs, idleMs)
    return done === 1
  }

  private async release(command: CommandOf<"QueueRelease">): Promise<Response> {
    const { queue, consumer, receipt } = command
    const slot = this.queues.get(queue)
    if (slot === undefined) return { _tag: "UnknownQueue", queue }
    const issued = this.issuedBy(queue, receipt)
    if (issued === undefined) return { _tag: "UnknownReceipt", queue, receipt }
    if (!(await this.setVisibilityEnd(slot, issued, this.clock.nowMs))) return { _tag: "NotInFlight", queue, receipt }
    issued.endMs = this.clock.nowMs
    const buffer = slot.consumers.get(consumer)
    const at = buffer?.indexOf(receipt) ?? -1
    if (buffer !== undefined && at >= 0) buffer.splice(at, 1)
    return { _tag: "Released", queue, consumer, receipt, messageId: issued.messageId, deadLettered: false }
  }

  private async extend(command: CommandOf<"QueueExtend">): Promise<Response> {
    const { queue, consumer, receipt, ms } = command
    const slot = this.queues.get(queue)
    if (slot === undefined) return { _tag: "UnknownQueue", queue }
    const issued = this.issuedBy(queue, receipt)
    if (issued === undefined) return { _tag: "UnknownReceipt", queue, receipt }
    const nowMs = this.clock.nowMs
    // A run reaches only multiples of the quantum: the end it sees is the first one at or after nowMs + ms.
    const endMs = this.clock.ceilToQuantum(nowMs + ms)
    if (endMs - slot.config.visibilityTimeoutMs > nowMs) {
      return {
        _tag: "Unsupported",
        command: "QueueExtend",
        reason: `XCLAIM ... IDLE can only set an entry's idle time to 0 or more, so it becomes claimable again at most the visibility timeout (${slot.config.visibilityTimeoutMs} ms) from now, not ${ms} ms`
      }
    }
    if (!(await this.setVisibilityEnd(slot, issued, endMs))) return { _tag: "NotInFlight", queue, receipt }
    issued.endMs = nowMs + ms
    return { _tag: "Extended", queue, consumer, receipt, messageId: issued.messageId, inFlightUntilMs: nowMs + ms }
  }

  private crash(command: CommandOf<"QueueCrash">): Response {
    const { queue, consumer } = command
    const slot = this.queues.get(queue)
    if (slot === undefined) return { _tag: "UnknownQueue", queue }
    const buffer = slot.consumers.get(consumer)
    slot.consumers.delete(consumer)
    return { _tag: "QueueCrashed", queue, consumer, receipts: buffer ?? [] }
  }

  private async list(command: CommandOf<"ObserverQueue">): Promise<Response> {
    const { queue } = command
    const slot = this.queues.get(queue)
    if (slot === undefined) return { _tag: "UnknownQueue", queue }
    const vt = slot.config.visibilityTimeoutMs
    const entries = rangeEntriesOf(await this.call("XRANGE", slot.key, "-", "+"))
    const minIdleMs = this.clock.claimIdleMs(vt)
    const pending = new Map(pendingEntriesOf(await this.call("XPENDING", slot.key, groupName, "-", "+", entries.length + 100)).map((entry) => [entry.id, entry]))
    const messages: Array<QueueEntry> = entries.map((entry) => {
      const delivery = pending.get(entry.id)
      if (delivery === undefined) return { messageId: entry.messageId, value: entry.value, receiveCount: 0 }
      const receipt = this.byDelivery.get(`${queue}\n${entry.id}\n${delivery.deliveries}`)
      const issued = receipt === undefined ? undefined : this.receipts[receipt]
      const base = { messageId: entry.messageId, value: entry.value, receiveCount: delivery.deliveries, ...(receipt === undefined ? {} : { receipt }) }
      if (delivery.idleMs >= minIdleMs) return base
      const ownDelivery = issued !== undefined && issued.consumer === delivery.consumer
      return { ...base, inFlightUntilMs: ownDelivery ? issued.endMs : this.clock.deliveredAtMs(delivery.idleMs) + vt }
    })
    return { _tag: "QueueListed", queue, messages, remembered: [] }
  }

  private async restart(): Promise<ResponseOf<"BrokerRestarted">> {
    const managed = this.server.managed
    if (managed === undefined) throw new Error("BrokerRestart needs a server qsem started (this target connects to a server at an address)")
    const started = performance.now()
    this.client.disconnect()
    await managed.restart()
    this.client = await connectRedis(this.server.address)
    // The application's reconnect: a consumer group the restart lost is made again, from the stream's start.
    await this.ensureGroups()
    this.server.onRestart?.(performance.now() - started)
    const clients: Array<ResponseOf<"BrokerRestarted">["clients"][number]> = []
    for (const [queue, slot] of this.queues) {
      for (const [consumer, receipts] of slot.consumers) clients.push({ queue, consumer, receipts })
      slot.consumers = new Map()
    }
    return { _tag: "BrokerRestarted", clients }
  }
}
