/**
 * How qsem's strings travel through NATS. A message body, a group or a dedup
 * id may be any string (the generator sends empty, long, non-ASCII, astral
 * and lone-surrogate ones): UTF-8 would turn every lone surrogate into
 * U+FFFD (two different dedup ids would then collide) and a header value
 * may not hold a line break. Each is sent as its JSON text, which is
 * injective, escapes every control character and lone surrogate, and never
 * starts or ends with white space; equal strings still give equal
 * `Nats-Msg-Id`s, so deduplication stays JetStream's.
 *
 * @module
 */

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** A string as a header value or payload text: its JSON text. */
export const encodeText = (text: string): string => JSON.stringify(text)

/** The string behind {@link encodeText}'s output; `undefined` when `encoded` is not a JSON string. */
export const decodeText = (encoded: string): string | undefined => {
  try {
    const value: unknown = JSON.parse(encoded)
    return typeof value === "string" ? value : undefined
  } catch {
    return undefined
  }
}

/** A message body as a payload. */
export const encodeBody = (value: string): Uint8Array => encoder.encode(encodeText(value))

/** The body behind a payload, or `undefined` when it is not one qsem sent. */
export const decodeBody = (payload: Uint8Array): string | undefined => decodeText(decoder.decode(payload))
