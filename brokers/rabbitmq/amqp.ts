/**
 * Small promise helpers over amqplib (AMQP 0-9-1) that the RabbitMQ adapter
 * uses: connecting with every error event handled (an unhandled `error`
 * event would take the whole process down), a publish that waits for its
 * publisher confirm, and the number of ready messages of a queue.
 *
 * @module
 */
import amqp from "amqplib"
import type { BrokerAddress } from "../brokerTarget.ts"
import { rabbitmqCredentials } from "./server.ts"

/** An open AMQP connection (amqplib's promise API). */
export type AmqpConnection = amqp.ChannelModel

/** A channel of a connection. */
export type AmqpChannel = amqp.Channel

/** A channel in confirm mode (`confirm.select`): every publish is acked or nacked by the broker. */
export type AmqpConfirmChannel = amqp.ConfirmChannel

/** A message `basic.get` handed out, with its delivery tag. */
export type AmqpGetMessage = amqp.GetMessage

/** Opens an AMQP connection to `address` as the `guest` user; its `error` events are swallowed (the caller watches `close`). */
export const connectAmqp = async (address: BrokerAddress): Promise<AmqpConnection> => {
  const connection = await amqp.connect(
    { protocol: "amqp", hostname: address.host, port: address.port, ...rabbitmqCredentials, heartbeat: 0 },
    { timeout: 5_000, noDelay: true }
  )
  connection.on("error", () => {})
  return connection
}

/** Opens a channel whose `error` events are swallowed (a channel the broker closes rejects what was pending on it and emits `close`). */
export const openChannel = async (connection: AmqpConnection): Promise<AmqpChannel> => {
  const channel = await connection.createChannel()
  channel.on("error", () => {})
  return channel
}

/** Opens a confirm channel whose `error` events are swallowed. */
export const openConfirmChannel = async (connection: AmqpConnection): Promise<AmqpConfirmChannel> => {
  const channel = await connection.createConfirmChannel()
  channel.on("error", () => {})
  return channel
}

/** What the broker answered to a publish on a confirm channel. */
export type Confirm = "ack" | "nack"

/**
 * Publishes `content` to `queue` through the default exchange on a confirm
 * channel and waits for the broker's confirm: `"ack"` once the broker took
 * responsibility for it (for a persistent message on a durable queue: once it
 * is on disk), `"nack"` when it refused it. Rejects when the channel closed
 * before the confirm came.
 */
export const publishConfirmed = (
  channel: AmqpConfirmChannel,
  queue: string,
  content: Buffer,
  options: amqp.Options.Publish
): Promise<Confirm> =>
  withTimeout(
    new Promise((resolve, reject) => {
      const closed = () => reject(new Error(`the publish channel closed before RabbitMQ confirmed a message to ${queue}`))
      channel.once("close", closed)
      channel.sendToQueue(queue, content, options, (error) => {
        channel.removeListener("close", closed)
        if (error === null || error === undefined) resolve("ack")
        else if (error instanceof Error && error.message === "message nacked") resolve("nack")
        else reject(error instanceof Error ? error : new Error(String(error)))
      })
    }),
    `RabbitMQ did not confirm a publish to ${queue}`
  )

/** How long a broker call may take before the adapter calls the queue unavailable: 5 s (every call answers in milliseconds on a healthy node). */
export const callMsMax = 5_000

/**
 * `promise`, or a rejection saying `what` within {@link callMsMax} (RabbitMQ
 * lets a publish or a `basic.get` to an unavailable quorum queue wait
 * forever).
 */
export const withTimeout = <A>(promise: Promise<A>, what: string): Promise<A> => {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${callMsMax / 1000} s: the queue is unavailable`)), callMsMax)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** `basic.get` with manual acknowledgement, or a rejection when the queue does not answer within {@link callMsMax}. */
export const getMessage = (channel: AmqpChannel, queue: string): Promise<AmqpGetMessage | false> =>
  withTimeout(channel.get(queue, { noAck: false }), `RabbitMQ did not answer a basic.get on ${queue}`)

/** The number of ready messages (not handed out to a consumer) of `queue`, from a passive `queue.declare`. */
export const readyCount = async (channel: AmqpChannel, queue: string): Promise<number> => (await channel.checkQueue(queue)).messageCount

/** Closes a connection, ignoring that it may be closed already. */
export const closeQuietly = async (connection: AmqpConnection | undefined): Promise<void> => {
  if (connection === undefined) return
  try {
    await connection.close()
  } catch {
    // closed already, or the broker is gone
  }
}

/**
 * Drops a connection the way a crashed process does: its TCP socket is
 * destroyed without an AMQP `connection.close`, so the broker sees the
 * connection vanish and requeues what its channels held unacknowledged.
 */
export const dropConnection = (connection: AmqpConnection): void => {
  const stream = (connection.connection as unknown as { readonly stream?: { destroy: (error?: Error) => void } }).stream
  if (stream === undefined) throw new Error("amqplib connection without a socket: cannot drop it")
  stream.destroy(new Error("qsem: the consumer crashed"))
}
