/**
 * Reading Redis's stream replies (RESP2, as ioredis hands them over: arrays
 * of strings and integers) into typed values, with one clear error when a
 * reply is not shaped as the Redis 7.0 documentation says.
 *
 * @module
 */

/** A stream entry as the adapter writes it: `XADD key * v <value> m <messageId>`. */
export interface StreamEntry {
  /** Redis's entry id, `<ms>-<seq>`. */
  readonly id: string
  /** The run's message id (field `m`). */
  readonly messageId: number
  /** The message body (field `v`). */
  readonly value: string
}

/** One entry of a group's pending entries list, as the extended `XPENDING` lists it. */
export interface PendingEntry {
  readonly id: string
  /** The consumer that owns it (its last delivery's). */
  readonly consumer: string
  /** Real milliseconds since its delivery time. */
  readonly idleMs: number
  /** How many times it was delivered (Redis's delivery counter). */
  readonly deliveries: number
}

const malformed = (what: string, reply: unknown): Error =>
  new Error(`Redis answered ${what} with an unexpected reply: ${JSON.stringify(reply)?.slice(0, 200)}`)

/** An entry `[id, [field, value, ...]]` of `XRANGE`, `XREADGROUP` or `XAUTOCLAIM`, or `undefined` for a nil (deleted) one. */
export const streamEntryOf = (what: string, reply: unknown): StreamEntry | undefined => {
  if (reply === null) return undefined
  if (!Array.isArray(reply) || typeof reply[0] !== "string") throw malformed(what, reply)
  const fields = reply[1]
  if (fields === null) return undefined
  if (!Array.isArray(fields)) throw malformed(what, reply)
  let messageId: number | undefined
  let value: string | undefined
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i] === "m") messageId = Number(fields[i + 1])
    if (fields[i] === "v") value = String(fields[i + 1])
  }
  if (messageId === undefined || !Number.isSafeInteger(messageId) || value === undefined) throw malformed(what, reply)
  return { id: reply[0], messageId, value }
}

/** The entries of an `XRANGE` reply. */
export const rangeEntriesOf = (reply: unknown): Array<StreamEntry> => {
  if (!Array.isArray(reply)) throw malformed("XRANGE", reply)
  return reply.map((entry) => streamEntryOf("XRANGE", entry)).filter((entry): entry is StreamEntry => entry !== undefined)
}

/** The entries of an `XREADGROUP` reply of one stream (`null` when there was nothing new). */
export const readGroupEntriesOf = (reply: unknown): Array<StreamEntry> => {
  if (reply === null) return []
  if (!Array.isArray(reply) || reply.length !== 1 || !Array.isArray(reply[0]) || !Array.isArray(reply[0][1])) throw malformed("XREADGROUP", reply)
  return (reply[0][1] as Array<unknown>).map((entry) => streamEntryOf("XREADGROUP", entry)).filter((entry): entry is StreamEntry => entry !== undefined)
}

/** An `XAUTOCLAIM` reply of Redis 7.0: the next cursor, the claimed entries, and the ids it found deleted (and dropped from the PEL). */
export const autoClaimOf = (reply: unknown): { readonly cursor: string; readonly entries: Array<StreamEntry>; readonly deleted: Array<string> } => {
  if (!Array.isArray(reply) || typeof reply[0] !== "string" || !Array.isArray(reply[1])) throw malformed("XAUTOCLAIM", reply)
  const entries = (reply[1] as Array<unknown>).map((entry) => streamEntryOf("XAUTOCLAIM", entry)).filter((entry): entry is StreamEntry => entry !== undefined)
  const deleted = Array.isArray(reply[2]) ? (reply[2] as Array<unknown>).map(String) : []
  return { cursor: reply[0], entries, deleted }
}

/** The entries of an extended `XPENDING key group start end count` reply: `[id, consumer, idle, deliveries]` each. */
export const pendingEntriesOf = (reply: unknown): Array<PendingEntry> => {
  if (!Array.isArray(reply)) throw malformed("XPENDING", reply)
  return reply.map((entry) => {
    if (!Array.isArray(entry) || entry.length !== 4) throw malformed("XPENDING", reply)
    return { id: String(entry[0]), consumer: String(entry[1]), idleMs: Number(entry[2]), deliveries: Number(entry[3]) }
  })
}
