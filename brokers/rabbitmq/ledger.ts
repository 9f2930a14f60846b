/**
 * What a RabbitMQ session remembers to answer in qsem's terms: the run's
 * message ids and receipts are qsem's counters, not RabbitMQ's, so the
 * adapter keeps maps from them to the broker's deliveries, and the consumer
 * clients (an AMQP connection each) with the buffers of their applications.
 *
 * @module
 */
import type { AmqpChannel, AmqpConnection, AmqpGetMessage } from "./amqp.ts"

/** The message header that carries qsem's message id through RabbitMQ (and a dead-lettering, and a redrive). */
export const messageIdHeader = "qsem-message-id"

/**
 * One consumer's client for one queue: its own AMQP connection and channel
 * (so that a crash drops exactly its connection), and its application's
 * buffer: the receipts it received and has neither processed nor released,
 * in receive order.
 */
export interface ConsumerClient {
  readonly queue: string
  readonly consumer: string
  readonly connection: AmqpConnection
  readonly channel: AmqpChannel
  readonly buffer: Array<number>
  /** False once the client crashed, the broker restarted, or the broker closed its channel (then `closedBecause` says why). */
  alive: boolean
  closedBecause: string | undefined
}

/**
 * One delivery `basic.get` made: the receipt qsem gave it, and the AMQP
 * delivery tag on its client's channel. `open` until it is acknowledged,
 * released (nack with requeue) or returned by its client's end (crash,
 * restart): only an open delivery can be acknowledged or released.
 */
export interface Delivery {
  readonly receipt: number
  readonly queue: string
  readonly consumer: string
  readonly client: ConsumerClient
  readonly message: AmqpGetMessage
  readonly messageId: number
  /** The receive count qsem reported (quorum: `x-delivery-count` + 1). */
  readonly receiveCount: number
  /** Logical time of the receive. */
  readonly atMs: number
  open: boolean
}

/** What the session knows of a message it enqueued: its body, and its receives since its enqueue or last redrive as the answers reported them. */
export interface MessageInfo {
  readonly messageId: number
  readonly value: string
  receiveCount: number
  latestReceipt: number | undefined
}

/** The session's counters and maps. */
export class Ledger {
  /** The next message id (the run's n-th enqueued message). */
  messageIdNext = 0
  /** The next receipt (the run's n-th handed-out message). */
  receiptNext = 0
  readonly messages = new Map<number, MessageInfo>()
  readonly deliveries = new Map<number, Delivery>()
  /** Per qsem queue, its consumers' clients in the order they started. */
  readonly clients = new Map<string, Map<string, ConsumerClient>>()

  /** The client of `consumer` on `queue`, if it has one. */
  clientOf(queue: string, consumer: string): ConsumerClient | undefined {
    return this.clients.get(queue)?.get(consumer)
  }

  /** Records a new client (it starts last in its queue's order). */
  addClient(client: ConsumerClient): void {
    let byConsumer = this.clients.get(client.queue)
    if (byConsumer === undefined) {
      byConsumer = new Map()
      this.clients.set(client.queue, byConsumer)
    }
    byConsumer.delete(client.consumer)
    byConsumer.set(client.consumer, client)
  }

  /** Forgets a client (it crashed or the broker restarted). */
  removeClient(client: ConsumerClient): void {
    const byConsumer = this.clients.get(client.queue)
    if (byConsumer?.get(client.consumer) === client) byConsumer.delete(client.consumer)
  }

  /** The open deliveries of `client`, in receipt order. */
  openDeliveriesOf(client: ConsumerClient): ReadonlyArray<Delivery> {
    return [...this.deliveries.values()].filter((delivery) => delivery.open && delivery.client === client)
  }

  /** The open deliveries of qsem queue `queue`, in receipt order. */
  openDeliveriesOfQueue(queue: string): ReadonlyArray<Delivery> {
    return [...this.deliveries.values()].filter((delivery) => delivery.open && delivery.queue === queue)
  }
}
