/**
 * The client side of consumer groups: per (group, member), at most one
 * running consumer client holding the generation and assignment it last
 * learned, a position per partition and a buffer of delivered, unprocessed
 * records. A crash destroys the client; the broker side is untouched.
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import { autoOffsetResetOf, isolationOf } from "../spec/config.ts"
import type { LogRecord, TopicPartition } from "../spec/record.ts"
import type { OffsetReset } from "../spec/response.ts"
import { BrokerConfig, type BrokerConfigShape } from "./brokerConfig.ts"
import { NotDelivered, OffsetOutOfRange, UnknownMember } from "./errors.ts"
import * as Fifo from "./internal/fifo.ts"
import { partitionKey } from "./internal/topicPartition.ts"
import { isolationKafka, type IsolationPolicy } from "./isolation.ts"
import { type LogSnapshot, LogStore, type LogStoreShape } from "./logStore.ts"
import { type CommittedOffsets, OffsetStore, type OffsetStoreShape, type UnstableOffsets } from "./offsetStore.ts"
import { offsetAfterReset } from "./retention/offsetReset.ts"

/** One running consumer client. */
export interface ClientState {
  readonly generation: number
  readonly assignment: ReadonlyArray<TopicPartition>
  /** Next offset to read, by `partitionKey(topic, partition)`. */
  readonly positions: ReadonlyMap<string, number>
  /** Delivered records not processed yet, in delivery order. */
  readonly buffer: Fifo.Fifo<LogRecord>
}

/** What one poll makes of the records fetched from one partition. */
export interface Delivery {
  /** The records handed to the application (and buffered), in delivery order. */
  readonly records: ReadonlyArray<LogRecord>
  /** The client's position in the partition afterwards. */
  readonly position: number
}

/** What one poll handed to the application: the records, and the starts it reset because retention had deleted them. */
export interface PollResult {
  /** The delivered records, in delivery order. */
  readonly records: ReadonlyArray<LogRecord>
  /** Each partition whose start was below its log start, in assignment order (empty when none). */
  readonly resets: ReadonlyArray<OffsetReset>
}

/**
 * How a client turns the records it fetched from one partition, starting at
 * offset `from`, into a delivery; `position` is where the fetch's walk
 * stopped (past the records, markers and skipped records it stepped over).
 * The correct policy is {@link deliverInOrder}; mutants swap in broken ones.
 */
export type DeliveryPolicy = (fetched: ReadonlyArray<LogRecord>, from: number, position: number) => Delivery

/** Delivers the fetched records as they are and moves the position to where the walk stopped. */
export const deliverInOrder: DeliveryPolicy = (fetched, _from, position) => ({ records: fetched, position })

/**
 * The consumer clients of every group. Every method expects a configured
 * group (the broker checks it first; another is a defect); every method that
 * acts on one member's client throws `UnknownMember` when it has none.
 */
export interface ConsumerClientsShape {
  /** The member's running client; throws `UnknownMember` when it has none. */
  readonly running: (group: string, member: string) => ClientState
  /** Whether the member has a running client. */
  readonly isRunning: (group: string, member: string) => boolean
  /** Starts a fresh client (replacing any old one): this generation and assignment, no positions, empty buffer. */
  readonly start: (group: string, member: string, generation: number, assignment: ReadonlyArray<TopicPartition>) => void
  /** Destroys the member's client (positions and buffer are gone). */
  readonly destroy: (group: string, member: string) => void
  /** The client adopts a generation and assignment and forgets all positions; the buffer stays. */
  readonly sync: (group: string, member: string, generation: number, assignment: ReadonlyArray<TopicPartition>) => void
  /**
   * Fetches up to `recordsMax` records over the assigned partitions in order,
   * each from the client's position, else the group's committed offset, else
   * the log start, up to the bound of the group's isolation, stepping over
   * markers (and, under `read_committed`, aborted records); buffers them and
   * moves the positions. A `read_committed` client without a position in a
   * partition whose offsets an open transaction holds for its group takes
   * nothing from it (KIP-447). A start below the partition's log start is
   * reset by the group's `autoOffsetReset`, or, under `none`, the poll throws
   * `OffsetOutOfRange` (the first such partition, with its log start) and
   * the client is left as it was. Answers the delivered records and the
   * resets.
   */
  readonly poll: (group: string, member: string, recordsMax: number) => PollResult
  /**
   * The first buffered record at this place, left in the buffer; throws
   * `UnknownMember` when the member has no client, then `NotDelivered` when
   * its buffer holds no such record.
   */
  readonly buffered: (group: string, member: string, topic: string, partition: number, offset: number) => LogRecord
  /**
   * Removes the first buffered record at this place and answers it; throws
   * `UnknownMember` when the member has no client, then `NotDelivered` when
   * its buffer holds no such record.
   */
  readonly process: (group: string, member: string, topic: string, partition: number, offset: number) => LogRecord
  /** Sets the client's position in one partition; the buffer stays. */
  readonly seek: (group: string, member: string, topic: string, partition: number, offset: number) => void
}

/** A fresh client: this generation and assignment, no positions, empty buffer. */
const clientFresh = (generation: number, assignment: ReadonlyArray<TopicPartition>): ClientState => ({
  generation,
  assignment,
  positions: new Map(),
  buffer: Fifo.empty()
})

/** One group's running clients, by member (each client state is replaced, never mutated, at each change). */
type GroupClients = Map<string, ClientState>

/** The group's clients; a group that is not configured is a defect. */
const clientsIn = (groups: ReadonlyMap<string, GroupClients>, group: string): GroupClients => {
  const clients = groups.get(group)
  if (clients === undefined) throw new Error(`ConsumerClients: no group ${group}`)
  return clients
}

/** The member's client; throws `UnknownMember` when it has none. */
const clientIn = (groups: ReadonlyMap<string, GroupClients>, group: string, member: string): ClientState => {
  const client = clientsIn(groups, group).get(member)
  if (client === undefined) throw new UnknownMember({ group, member })
  return client
}

/** The index of the first buffered record at this place (-1: none). */
const bufferedAt = (client: ClientState, topic: string, partition: number, offset: number): number =>
  Fifo.indexWhere(client.buffer, (record) => record.offset === offset && record.partition === partition && record.topic === topic)

/** Consumer clients (none running) whose polls deliver with the given policy and honour isolation as `isolation` says. */
export const consumerClientsOf = (
  { config }: BrokerConfigShape,
  logs: LogStoreShape,
  offsets: OffsetStoreShape,
  policy: DeliveryPolicy = deliverInOrder,
  isolation: IsolationPolicy = isolationKafka
): ConsumerClientsShape => {
  const levels = new Map(config.groups.map((group) => [group.name, isolationOf(group)]))
  const resetPolicies = new Map(config.groups.map((group) => [group.name, autoOffsetResetOf(group)]))
  /** Whether some topic has retention (else every log start stays 0 and a poll need not read them). */
  const retentionAny = config.topics.some((topic) => topic.retentionMs !== undefined || topic.retentionRecordsMax !== undefined)
  const groups = new Map<string, GroupClients>()
  for (const group of config.groups) groups.set(group.name, new Map())

  return {
    running(group, member) {
      return clientIn(groups, group, member)
    },

    isRunning(group, member) {
      return clientsIn(groups, group).has(member)
    },

    start(group, member, generation, assignment) {
      clientsIn(groups, group).set(member, clientFresh(generation, assignment))
    },

    destroy(group, member) {
      clientsIn(groups, group).delete(member)
    },

    sync(group, member, generation, assignment) {
      const client = clientIn(groups, group, member)
      clientsIn(groups, group).set(member, { ...client, generation, assignment, positions: new Map() })
    },

    poll(group, member, recordsMax) {
      const state = clientIn(groups, group, member)
      const level = levels.get(group) ?? "read_uncommitted"
      const resetPolicy = resetPolicies.get(group) ?? "latest"
      const committed: CommittedOffsets = offsets.committedOf(group)
      const log: LogSnapshot = logs.snapshot()
      const unstable: UnstableOffsets | undefined = level === "read_committed" ? offsets.unstableOf(group) : undefined
      const positions = new Map(state.positions)
      const delivered: Array<LogRecord> = []
      const resets: Array<OffsetReset> = []
      let left = recordsMax
      for (const { partition, topic } of state.assignment) {
        const key = partitionKey(topic, partition)
        const logStartOffset = retentionAny ? log.logStartOffset(topic, partition) : 0
        let from = positions.get(key)
        if (from === undefined) {
          if (unstable !== undefined && unstable(topic, partition)) continue
          from = committed(topic, partition) ?? logStartOffset
        }
        if (from < logStartOffset) {
          const highWatermark = log.highWatermark(topic, partition)
          const to = offsetAfterReset(resetPolicy, logStartOffset, highWatermark)
          if (to === undefined) throw new OffsetOutOfRange({ topic, partition, offset: from, highWatermark, logStartOffset })
          resets.push({ topic, partition, from, to })
          from = to
        }
        const bound = isolation.bound(level, log, topic, partition)
        const entries = log.log(topic, partition)
        const fetched: Array<LogRecord> = []
        let offset = from
        while (left > 0 && offset < bound && offset < entries.length) {
          const stored = entries.entries[offset]
          offset++
          if (stored._tag === "Marker" || isolation.skips(level, log, topic, partition, offset - 1)) continue
          fetched.push(stored.record)
          left--
        }
        const delivery = policy(fetched, from, offset)
        positions.set(key, delivery.position)
        for (const record of delivery.records) delivered.push(record)
      }
      clientsIn(groups, group).set(member, { ...state, positions, buffer: Fifo.pushAll(state.buffer, delivered) })
      return { records: delivered, resets }
    },

    buffered(group, member, topic, partition, offset) {
      const client = clientIn(groups, group, member)
      const index = bufferedAt(client, topic, partition, offset)
      if (index < 0) throw new NotDelivered({ group, member, topic, partition, offset })
      return Fifo.at(client.buffer, index)
    },

    process(group, member, topic, partition, offset) {
      const client = clientIn(groups, group, member)
      const index = bufferedAt(client, topic, partition, offset)
      if (index < 0) throw new NotDelivered({ group, member, topic, partition, offset })
      const record = Fifo.at(client.buffer, index)
      clientsIn(groups, group).set(member, { ...client, buffer: Fifo.removeAt(client.buffer, index) })
      return record
    },

    seek(group, member, topic, partition, offset) {
      const client = clientIn(groups, group, member)
      clientsIn(groups, group).set(member, { ...client, positions: new Map(client.positions).set(partitionKey(topic, partition), offset) })
    }
  }
}

/** {@link consumerClientsOf} the broker's config, logs and offsets, as an Effect. */
export const makeConsumerClientsWith = (
  policy: DeliveryPolicy,
  isolation: IsolationPolicy = isolationKafka
): Effect.Effect<ConsumerClientsShape, never, BrokerConfig | LogStore | OffsetStore> =>
  Effect.gen(function*() {
    return consumerClientsOf(yield* BrokerConfig, yield* LogStore, yield* OffsetStore, policy, isolation)
  })

/** The consumer clients of the broker's groups. */
export class ConsumerClients extends Context.Service<ConsumerClients, ConsumerClientsShape>()(
  "qsem/impl/ConsumerClients"
) {
  /** Clients that deliver each partition's records in order and move past them. */
  static readonly layer: Layer.Layer<ConsumerClients, never, BrokerConfig | LogStore | OffsetStore> = Layer.effect(
    ConsumerClients,
    makeConsumerClientsWith(deliverInOrder)
  )
}
