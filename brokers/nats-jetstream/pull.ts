/**
 * One pull request to a durable pull consumer that answers at once: what
 * `QueueReceive` is on JetStream.
 *
 * The request is `$JS.API.CONSUMER.MSG.NEXT.<stream>.<consumer>` with
 * `{ batch, no_wait: true }` and no `expires`: nats-server 2.9 then answers
 * `404 No Messages` at once when nothing is deliverable, and otherwise
 * delivers what it has (redeliveries first, then new messages) and ends the
 * request with `408 Request Timeout` when it runs out before `batch` (a full
 * batch ends it without a status). The client's own `fetch` is not used: it
 * stops listening as soon as a message says `pending: 0` (a redelivery
 * behind it would then be handed to nobody, counted as delivered) and sends
 * `expires` beside `no_wait`, which makes an empty pull wait the whole
 * `expires`.
 *
 * @module
 */
import { createInbox, type Msg, type NatsConnection } from "nats"

/** A message as a pull delivered it: the raw message (its `reply` is the ack subject) and the delivery count and stream sequence its ack subject carries. */
export interface PulledMessage {
  readonly msg: Msg
  readonly ackSubject: string
  readonly streamSeq: number
  /** How many times the consumer delivered it (1 on the first delivery), from the ack subject. */
  readonly deliveryCount: number
}

/** How long a pull may take before it counts as unanswered (real ms); the server answers a no-wait pull at once. */
export const pullAnswerMsMax = 5_000

/**
 * The delivery count and stream sequence of an ack subject:
 * `$JS.ACK.<stream>.<consumer>.<delivered>.<stream seq>.<consumer seq>.<time>.<pending>`
 * (nats-server 2.9's nine-token form; the domain form of 2.10 has 12 tokens with
 * the same fields from the end).
 */
export const ackSubjectInfo = (subject: string): { readonly deliveryCount: number; readonly streamSeq: number } | undefined => {
  const tokens = subject.split(".")
  if (tokens[0] !== "$JS" || tokens[1] !== "ACK" || tokens.length < 9) return undefined
  const at = tokens.length - 5
  const deliveryCount = Number(tokens[at])
  const streamSeq = Number(tokens[at + 1])
  if (!Number.isSafeInteger(deliveryCount) || !Number.isSafeInteger(streamSeq)) return undefined
  return { deliveryCount, streamSeq }
}

/** A status message (no payload, a `code` header) that ends a pull request. */
const statusOf = (msg: Msg): string | undefined => {
  const headers = msg.headers
  if (headers === undefined || msg.data.length > 0 || headers.code === 0) return undefined
  return `${headers.code} ${headers.description}`
}

/**
 * Pulls up to `batch` messages from `consumer` of `stream` without waiting
 * for new ones. Resolves with the messages in delivery order; rejects with a
 * one-line Error when the server does not end the request within
 * {@link pullAnswerMsMax} or answers with an unexpected status.
 */
export const pullNoWait = (nc: NatsConnection, stream: string, consumer: string, batch: number): Promise<ReadonlyArray<PulledMessage>> =>
  new Promise((resolve, reject) => {
    const inbox = createInbox()
    const pulled: Array<PulledMessage> = []
    let settled = false
    const finish = (error?: Error) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      subscription.unsubscribe()
      if (error === undefined) resolve(pulled)
      else reject(error)
    }
    const subscription = nc.subscribe(inbox, {
      callback: (error, msg) => {
        if (error !== null) return finish(new Error(`pull from ${stream}: ${error.message}`))
        const status = statusOf(msg)
        if (status !== undefined) {
          if (status.startsWith("404") || status.startsWith("408")) return finish()
          return finish(new Error(`pull from ${stream} answered ${status}`))
        }
        const info = msg.reply === undefined ? undefined : ackSubjectInfo(msg.reply)
        if (info === undefined || msg.reply === undefined) return finish(new Error(`pull from ${stream}: a message without an ack subject (${msg.reply ?? "none"})`))
        pulled.push({ msg, ackSubject: msg.reply, streamSeq: info.streamSeq, deliveryCount: info.deliveryCount })
        if (pulled.length >= batch) finish()
      }
    })
    const timer = setTimeout(() => finish(new Error(`pull from ${stream} was not answered within ${pullAnswerMsMax} ms`)), pullAnswerMsMax)
    nc.publish(`$JS.API.CONSUMER.MSG.NEXT.${stream}.${consumer}`, JSON.stringify({ batch, no_wait: true }), { reply: inbox })
  })
