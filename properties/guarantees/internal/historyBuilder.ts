/**
 * A small writer of hand-made histories, for tests: each method appends one
 * (command, response) entry, with the exact response shapes of the spec.
 * Positions are written `orders/1` (partition) and `orders/1@3` (record or
 * committed offset). Delivered records are copied from the matching send, so
 * they agree with it unless a test writes them by hand.
 *
 * @example
 * ```ts
 * const history = new HistoryBuilder()
 *   .send("orders/0@0")
 *   .join("billing", "a", 1, ["orders/0"])
 *   .poll("billing", "a", ["orders/0@0"])
 *   .process("billing", "a", "orders/0@0")
 *   .history
 * ```
 *
 * @module
 */
import type {
  Command,
  GroupGeneration,
  GroupMember,
  History,
  HistoryEntry,
  LogRecord,
  PartitionOffset,
  Response,
  TopicPartition
} from "../../../spec/index.ts"

/** Parses `orders/1` into a partition. */
export const partitionOf = (text: string): TopicPartition => {
  const slash = text.lastIndexOf("/")
  const partition = Number(text.slice(slash + 1))
  if (slash <= 0 || !Number.isInteger(partition)) throw new Error(`not a partition: ${text}`)
  return { topic: text.slice(0, slash), partition }
}

/** Parses `orders/1@3` into a position. */
export const positionOf = (text: string): PartitionOffset => {
  const at = text.lastIndexOf("@")
  const offset = Number(text.slice(at + 1))
  if (at <= 0 || !Number.isInteger(offset)) throw new Error(`not a position: ${text}`)
  return { ...partitionOf(text.slice(0, at)), offset }
}

/** What a test may say about a send: its key, value and producer. */
export interface SendOptions {
  readonly key?: string
  readonly value?: string
  readonly producer?: string
}

/** Appends entries to a history; see the module comment. */
export class HistoryBuilder {
  private readonly entries: Array<HistoryEntry> = []
  private readonly records = new Map<string, LogRecord>()

  /** The history written so far. */
  get history(): History {
    return this.entries
  }

  /** The index the next entry will get. */
  get step(): number {
    return this.entries.length
  }

  /** Appends any entry as given. */
  entry(command: Command, response: Response): this {
    this.entries.push({ command, response })
    return this
  }

  /** A `ProducerSend` answered `Sent` at this position (value `v<offset>` and producer `p` unless given). */
  send(at: string, options: SendOptions = {}): this {
    const { topic, partition, offset } = positionOf(at)
    const producer = options.producer ?? "p"
    const value = options.value ?? `v${offset}`
    const record: LogRecord =
      options.key === undefined
        ? { topic, partition, offset, producer, value, timestampMs: 0 }
        : { topic, partition, offset, producer, key: options.key, value, timestampMs: 0 }
    this.records.set(at, record)
    const command: Command =
      options.key === undefined
        ? { _tag: "ProducerSend", producer, topic, value }
        : { _tag: "ProducerSend", producer, topic, key: options.key, value }
    return this.entry(command, { _tag: "Sent", topic, partition, offset })
  }

  /** A `GroupJoin` answered `Joined`. */
  join(group: string, member: string, generation: number, assignment: ReadonlyArray<string>): this {
    return this.entry(
      { _tag: "GroupJoin", group, member },
      { _tag: "Joined", group, member, generation, assignment: assignment.map(partitionOf) }
    )
  }

  /** A `GroupLeave` answered `Left`. */
  leave(group: string, member: string, generation: number): this {
    return this.entry({ _tag: "GroupLeave", group, member }, { _tag: "Left", group, member, generation })
  }

  /** A `ConsumerHeartbeat` answered `HeartbeatOk`. */
  heartbeat(group: string, member: string, generation: number, assignment: ReadonlyArray<string>): this {
    return this.entry(
      { _tag: "ConsumerHeartbeat", group, member },
      { _tag: "HeartbeatOk", group, member, generation, assignment: assignment.map(partitionOf) }
    )
  }

  /** A `ConsumerPoll` answered `RebalanceInProgress` (the client syncs). */
  rebalancing(group: string, member: string, generation: number, assignment: ReadonlyArray<string>): this {
    return this.entry(
      { _tag: "ConsumerPoll", group, member, recordsMax: 10 },
      { _tag: "RebalanceInProgress", group, member, generation, assignment: assignment.map(partitionOf) }
    )
  }

  /** A `ConsumerPoll` answered `Polled` with the records sent at these positions, in this order. */
  poll(group: string, member: string, positions: ReadonlyArray<string>): this {
    return this.pollRecords(
      group,
      member,
      positions.map((at) => {
        const record = this.records.get(at)
        if (record === undefined) throw new Error(`nothing was sent at ${at}`)
        return record
      })
    )
  }

  /** A `ConsumerPoll` answered `Polled` with exactly these records. */
  pollRecords(group: string, member: string, records: ReadonlyArray<LogRecord>): this {
    return this.entry(
      { _tag: "ConsumerPoll", group, member, recordsMax: Math.max(1, records.length) },
      { _tag: "Polled", group, member, records }
    )
  }

  /** A `ConsumerProcess` answered `Processed`. */
  process(group: string, member: string, at: string): this {
    const { topic, partition, offset } = positionOf(at)
    return this.entry(
      { _tag: "ConsumerProcess", group, member, topic, partition, offset },
      { _tag: "Processed", group, member, topic, partition, offset }
    )
  }

  /** A `ConsumerCommit` answered `Committed` in this generation. */
  commit(group: string, member: string, generation: number, offsets: ReadonlyArray<string>): this {
    const positions = offsets.map(positionOf)
    return this.entry(
      { _tag: "ConsumerCommit", group, member, offsets: positions },
      { _tag: "Committed", group, member, generation, offsets: positions }
    )
  }

  /** A `ConsumerCommit` answered `StaleGeneration`. */
  commitStale(
    group: string,
    member: string,
    generation: number,
    generationCurrent: number,
    offsets: ReadonlyArray<string>
  ): this {
    return this.entry(
      { _tag: "ConsumerCommit", group, member, offsets: offsets.map(positionOf) },
      { _tag: "StaleGeneration", group, member, generation, generationCurrent }
    )
  }

  /** A `ConsumerSeek` answered `Seeked`. */
  seek(group: string, member: string, at: string): this {
    const { topic, partition, offset } = positionOf(at)
    return this.entry(
      { _tag: "ConsumerSeek", group, member, topic, partition, offset },
      { _tag: "Seeked", group, member, topic, partition, offset }
    )
  }

  /** A `ConsumerCrash` answered `Crashed`. */
  crash(group: string, member: string): this {
    return this.entry({ _tag: "ConsumerCrash", group, member }, { _tag: "Crashed", group, member })
  }

  /** A `ClockAdvance` answered `ClockAdvanced` with these expiries and rebalances. */
  advance(
    ms: number,
    nowMs: number,
    expired: ReadonlyArray<GroupMember> = [],
    rebalanced: ReadonlyArray<GroupGeneration> = []
  ): this {
    return this.entry({ _tag: "ClockAdvance", ms }, { _tag: "ClockAdvanced", nowMs, expired, rebalanced })
  }
}
