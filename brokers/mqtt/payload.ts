/**
 * What a queue message carries over MQTT: the run's message id (the n-th
 * enqueued message, which the adapter numbers, since MQTT has no message
 * ids of its own that outlive a session's packet identifiers) and its
 * value, as JSON (lossless for every JavaScript string: `JSON.stringify`
 * escapes lone surrogates).
 *
 * @module
 */

/** A queue message as published. */
export interface MessagePayload {
  readonly messageId: number
  readonly value: string
}

/** The PUBLISH payload of a message. */
export const encodePayload = (message: MessagePayload): Buffer =>
  Buffer.from(JSON.stringify({ id: message.messageId, value: message.value }), "utf8")

/** The message a PUBLISH payload carries; throws a one-line Error for a payload qsem did not write. */
export const decodePayload = (payload: Buffer): MessagePayload => {
  const text = payload.toString("utf8")
  const data: unknown = JSON.parse(text)
  if (typeof data === "object" && data !== null && "id" in data && "value" in data) {
    const { id, value } = data as { readonly id: unknown; readonly value: unknown }
    if (typeof id === "number" && Number.isSafeInteger(id) && id >= 0 && typeof value === "string") return { messageId: id, value }
  }
  throw new Error(`a message qsem did not publish: ${text.slice(0, 80)}`)
}
