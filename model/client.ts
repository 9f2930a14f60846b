/**
 * Consumer clients: the client side of a member. A running member has one
 * client, holding the generation and assignment it last learned, a position
 * per assigned partition (the next offset it will fetch there) and a buffer of
 * records it was delivered and has not processed yet, and, in a group with a
 * `failure` config, its failed attempts per record place (see
 * `model/failure/attempts.ts`). A crash destroys it.
 *
 * @module
 */
import type { LogRecord } from "../spec/record.ts"
import type { Assignment } from "./assignor.ts"
import type { Attempts } from "./failure/attempts.ts"
import { attemptsNone } from "./failure/attempts.ts"
import * as Seq from "./internal/seq.ts"

/** One member's consumer client. */
export interface Client {
  readonly member: string
  readonly generation: number
  readonly assignment: Assignment
  /**
   * Position per entry of `assignment.partitions` (same index); -1, or an
   * index past the end of this array, means no position yet.
   */
  readonly positions: ReadonlyArray<number>
  /** Delivered records not processed yet, in delivery order. */
  readonly buffer: Seq.Seq<LogRecord>
  /** Its failed attempts per record place (always {@link attemptsNone} in a group without a `failure` config). */
  readonly attempts: Attempts
}

/** The running clients of one group (any order; at most one per member). */
export type Clients = ReadonlyArray<Client>

const positionsNone: ReadonlyArray<number> = []

/** A fresh client, as a join creates it: no positions, an empty buffer and no failed attempts. */
export const clientFresh = (member: string, generation: number, assignment: Assignment): Client => ({
  member,
  generation,
  assignment,
  positions: positionsNone,
  buffer: Seq.empty(),
  attempts: attemptsNone
})

/**
 * The client after it learned of a rebalance: it adopts the group's
 * generation and its assignment and forgets every position (an eager
 * rebalance revokes everything); its buffer and its failed attempts are
 * kept (the process goes on).
 */
export const clientSync = (client: Client, generation: number, assignment: Assignment): Client => ({
  member: client.member,
  generation,
  assignment,
  positions: positionsNone,
  buffer: client.buffer,
  attempts: client.attempts
})

/** The client's position in its `index`-th assigned partition, or -1 when it has none. */
export const positionAt = (client: Client, index: number): number =>
  index < client.positions.length ? client.positions[index] : -1

/** The client with its position in its `index`-th assigned partition set to `offset`. */
export const clientSeek = (client: Client, index: number, offset: number): Client => {
  const positions: Array<number> = []
  const count = client.assignment.partitions.length
  for (let i = 0; i < count; i++) positions.push(i === index ? offset : positionAt(client, i))
  return { member: client.member, generation: client.generation, assignment: client.assignment, positions, buffer: client.buffer, attempts: client.attempts }
}

/** The client after a fetch: these positions, and `records` appended to its buffer. */
export const clientDeliver = (client: Client, positions: ReadonlyArray<number>, records: ReadonlyArray<LogRecord>): Client => ({
  member: client.member,
  generation: client.generation,
  assignment: client.assignment,
  positions,
  buffer: Seq.appendAll(client.buffer, records),
  attempts: client.attempts
})

/** The index of the first buffered record at `topic`/`partition`/`offset`, or -1. */
export const bufferIndexOf = (client: Client, topic: string, partition: number, offset: number): number =>
  Seq.findIndex(client.buffer, (record) => record.offset === offset && record.partition === partition && record.topic === topic)

/** The buffered record at `index`. */
export const bufferAt = (client: Client, index: number): LogRecord => Seq.at(client.buffer, index)

/**
 * The client with the buffered record at `index` removed and its failed
 * attempts replaced by `attempts` (kept as they are when left out).
 */
export const clientTake = (client: Client, index: number, attempts: Attempts = client.attempts): Client => ({
  member: client.member,
  generation: client.generation,
  assignment: client.assignment,
  positions: client.positions,
  buffer: Seq.removeAt(client.buffer, index),
  attempts
})

/** The client with its failed attempts replaced (its buffer kept). */
export const clientWithAttempts = (client: Client, attempts: Attempts): Client => ({
  member: client.member,
  generation: client.generation,
  assignment: client.assignment,
  positions: client.positions,
  buffer: client.buffer,
  attempts
})

/** The index of `member`'s client in `clients`, or -1 when it is not running. */
export const indexOfClient = (clients: Clients, member: string): number => {
  for (let i = 0; i < clients.length; i++) {
    if (clients[i].member === member) return i
  }
  return -1
}

/** The clients with the one at `index` replaced by `client`, or `client` added when `index` is -1. */
export const clientsPut = (clients: Clients, index: number, client: Client): Clients => {
  if (index < 0) return [...clients, client]
  const next = clients.slice()
  next[index] = client
  return next
}

/** The clients without the one at `index`. */
export const clientsRemove = (clients: Clients, index: number): Clients => {
  const next = clients.slice()
  next.splice(index, 1)
  return next
}
