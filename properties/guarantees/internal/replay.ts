/**
 * A replay of what a history's answers imply about consumer groups: per group
 * its latest generation, its committed offsets and a fault epoch; per member
 * the client it last learned of (generation, assignment, positions, buffer,
 * own commits, failed attempts per record place; a `ProcessCrashed` ends the
 * client as `Crashed` does); in `transactions`, producers and transactions
 * (see `transactions.ts`): a committed transaction's sent offsets become its
 * groups' committed offsets at the step of its commit; and in `logStarts`,
 * each partition's log start under retention (see `logStarts.ts`). Built
 * from the responses only, never from a model, so it describes what the
 * target claims happened.
 *
 * Failures and retention, as the contract of `ConsumerProcess` and
 * `ConsumerPoll` says: a `ProcessDeadLettered` removes the buffered record
 * like `Processed` does (it is not a processing) and appends to the
 * dead-letter topic; `ProcessFailed`, `BackoffPending` and `BreakerOpen`
 * change no buffer; a `DeadLettersRedriven` appends to the source
 * partitions; a poll's `resets` move the start; a poll answered
 * `OffsetOutOfRange` changes nothing.
 *
 * Checkers walk the history once, look at the replay *before* each entry (the
 * state the entry acts on), then `apply` the entry.
 *
 * @module
 */
import { type Config, type GroupConfig, type HistoryEntry, type Isolation, isolationOf, type LogRecord, type TopicPartition } from "../../../spec/index.ts"
import { partitionKey, recordKey } from "./keys.ts"
import { LogStarts } from "./logStarts.ts"
import { committedOffsetsOf, Transactions } from "./transactions.ts"

/** Where a member's position in a partition came from (`reset`: a poll's reset by its group's `autoOffsetReset`). */
export type PositionSource = "delivery" | "seek" | "poll" | "reset"

/**
 * A client's position in one partition (the next offset it reads), the kind
 * of answer that set it, and the step of that answer.
 */
export interface Position {
  readonly offset: number
  readonly source: PositionSource
  readonly step: number
}

/** A client's last `Polled` answer: its step and whether it delivered no record. */
export interface LastPoll {
  readonly step: number
  readonly empty: boolean
}

/** One record position held in a client's buffer, with its multiplicity. */
export interface BufferedRecord {
  readonly topic: string
  readonly partition: number
  readonly offset: number
  count: number
}

/**
 * A client's attempts at one record place (topic, partition, offset) under a
 * `failure` config, as its answers show them: the failed attempts so far
 * (`ProcessFailed`), the retry time the last one gave, and whether its last
 * attempt failed. Forgotten when the place is processed or dead-lettered, and
 * with the client (a crash, a leave, a new join).
 */
export interface PlaceAttempts {
  readonly topic: string
  readonly partition: number
  readonly offset: number
  /** The `ProcessFailed` answers so far. */
  failed: number
  /** The `retryAtMs` of the last `ProcessFailed` (none under policy `none`). */
  retryAtMs: number | undefined
  /** The clock and step of the last `ProcessFailed`. */
  lastFailedAtMs: number
  lastFailedStep: number
}

/** A group's committed offset for one partition, and the answer that stored it. */
export interface CommittedOffset {
  readonly offset: number
  readonly member: string
  readonly step: number
}

/**
 * What the answers say about one member's client. A new `Joined` starts a new
 * incarnation; `Crashed` and `Left` end it (`running` false, buffer and
 * positions gone); an expiry leaves it running as a zombie (`expired` true).
 * `generation` is the last generation the member learned, kept after a crash.
 */
export class ClientView {
  running = true
  expired = false
  generation: number | undefined = undefined
  assignment: ReadonlyArray<TopicPartition> = []
  /** Next offset to read, per partition key. */
  readonly positions = new Map<string, Position>()
  /** Offset of the last record delivered since the last sync or seek, per partition key. */
  readonly lastDelivered = new Map<string, number>()
  /** Delivered and not yet processed, per record key. */
  readonly buffer = new Map<string, BufferedRecord>()
  /** The last offset this client got a `Committed` answer for, per partition key. */
  readonly commits = new Map<string, number>()
  /** The client's failed attempts per record key (groups with a `failure` config; see {@link PlaceAttempts}). */
  readonly attempts = new Map<string, PlaceAttempts>()
  /**
   * The client's last `Polled` answer since it last synced (joined, or
   * learned a new generation), or `undefined` when it has not polled since.
   */
  lastPoll: LastPoll | undefined = undefined

  constructor(
    readonly group: string,
    readonly member: string
  ) {}

  /** Drops the client's local state (crash, leave). */
  end(): void {
    this.running = false
    this.positions.clear()
    this.lastDelivered.clear()
    this.buffer.clear()
    this.attempts.clear()
  }
}

/**
 * What the answers say about one group: the highest generation seen, a fault
 * epoch that moves on at every crash, leave, join, expiry or rebalance (and
 * every newly seen generation), its committed offsets, and its members'
 * clients.
 */
export class GroupView {
  generationMax = 0
  epoch = 0
  /** Committed offsets per partition key. */
  readonly committed = new Map<string, CommittedOffset>()
  /** The latest client of each member. */
  readonly clients = new Map<string, ClientView>()

  constructor(
    readonly name: string,
    readonly config: GroupConfig | undefined
  ) {}

  /** Records a generation seen in an answer; a higher one is a rebalance. */
  learnGeneration(generation: number): void {
    if (generation > this.generationMax) {
      this.generationMax = generation
      this.epoch += 1
    }
  }

  /** The member's latest client, created (not running) when no answer started one. */
  client(member: string): ClientView {
    let client = this.clients.get(member)
    if (client === undefined) {
      client = new ClientView(this.name, member)
      client.running = false
      this.clients.set(member, client)
    }
    return client
  }
}

const bufferAdd = (client: ClientView, topic: string, partition: number, offset: number): void => {
  const key = recordKey(topic, partition, offset)
  const held = client.buffer.get(key)
  if (held === undefined) client.buffer.set(key, { topic, partition, offset, count: 1 })
  else held.count += 1
}

const bufferRemove = (client: ClientView, topic: string, partition: number, offset: number): void => {
  const key = recordKey(topic, partition, offset)
  const held = client.buffer.get(key)
  if (held === undefined) return
  held.count -= 1
  if (held.count === 0) client.buffer.delete(key)
}

/** The replay of one history's answers; see the module comment. */
export class Replay {
  private readonly groups = new Map<string, GroupView>()
  private readonly configs: ReadonlyMap<string, GroupConfig>
  /** One past the highest offset a `Sent` answer, an exactly-once result, a marker or a service's send took in each partition, per partition key. */
  private readonly logEnds = new Map<string, number>()

  /** Producers and transactions as the answers show them. */
  readonly transactions: Transactions
  /** The key of each service event a `ServiceWrite` answered `ServiceWritten` or `ServiceCrashed` for (the key its relay sends it with). */
  private readonly serviceEventKeys = new Map<string, string | undefined>()
  /** The record last delivered at each position, per record key. */
  private readonly delivered = new Map<string, LogRecord>()
  /** The original (as delivered) of each dead-letter record a `ProcessDeadLettered` named, per record key of its dead-letter place. */
  private readonly deadLetterOriginals = new Map<string, LogRecord | undefined>()

  /** The log starts of the partitions under retention (see `logStarts.ts`). */
  readonly logStarts: LogStarts

  constructor(config: Config) {
    this.configs = new Map(config.groups.map((group) => [group.name, group]))
    this.transactions = new Transactions(config, (topic, partition, offset) => this.deliveredRecord(topic, partition, offset))
    this.logStarts = new LogStarts(config)
  }

  /** The clock as the latest `ClockAdvanced` answer set it (0 before any). */
  get nowMs(): number {
    return this.transactions.nowMs
  }

  /** The record last delivered (in a `Polled` answer) at this position, if any. */
  deliveredRecord(topic: string, partition: number, offset: number): LogRecord | undefined {
    return this.delivered.get(recordKey(topic, partition, offset))
  }

  /**
   * The original record (as last delivered at its place) of the dead-letter
   * record a `ProcessDeadLettered` put at this place, if one did: the key and
   * value the dead-letter record and its redriven copy carry.
   */
  deadLetterOriginal(topic: string, partition: number, offset: number): LogRecord | undefined {
    return this.deadLetterOriginals.get(recordKey(topic, partition, offset))
  }

  /** The partition's log start offset (see `logStarts.ts`). */
  logStart(topic: string, partition: number): number {
    return this.logStarts.startOf(topic, partition)
  }

  /** The config of a group (`undefined` for a name the config does not know). */
  groupConfig(name: string): GroupConfig | undefined {
    return this.configs.get(name)
  }

  /** The view of a group (created empty on first use, even for an unconfigured name). */
  group(name: string): GroupView {
    let group = this.groups.get(name)
    if (group === undefined) {
      group = new GroupView(name, this.configs.get(name))
      this.groups.set(name, group)
    }
    return group
  }

  /** Every group seen so far or configured. */
  allGroups(): Iterable<GroupView> {
    for (const name of this.configs.keys()) this.group(name)
    return this.groups.values()
  }

  /** The end of a partition's log as the answers so far show it (`Sent`, exactly-once results, markers, dead-letter publishes and redrives): one past their highest offset, 0 before any. */
  logEnd(topic: string, partition: number): number {
    return this.logEnds.get(partitionKey(topic, partition)) ?? 0
  }

  private extendLog(topic: string, partition: number, offset: number): void {
    const key = partitionKey(topic, partition)
    this.logEnds.set(key, Math.max(this.logEnds.get(key) ?? 0, offset + 1))
    this.logStarts.appended(topic, partition, offset, this.nowMs)
  }

  /**
   * Where a reader of this isolation must stop in a partition as the answers
   * so far show it: the log's end, or under `read_committed` the first offset
   * of a transaction still open in it (the last stable offset); `undefined`
   * when an open transaction appended there at an offset no answer named (a
   * lost acknowledgement), so the stop is unknown.
   */
  stableEnd(topic: string, partition: number, isolation: Isolation): number | undefined {
    let end = this.logEnd(topic, partition)
    if (isolation === "read_uncommitted" || this.transactions.open.size === 0) return end
    for (const transaction of this.transactions.open.values()) {
      for (const record of transaction.records) {
        if (record.topic !== topic || record.partition !== partition) continue
        if (record.offset === undefined) return undefined
        end = Math.min(end, record.offset)
      }
    }
    return end
  }

  /** The isolation of a group (`read_uncommitted` for a group the config does not name). */
  isolation(group: string): Isolation {
    const config = this.configs.get(group)
    return config === undefined ? "read_uncommitted" : isolationOf(config)
  }

  /**
   * Whether a `read_committed` group's member without a position in this
   * partition waits (KIP-447): an open transaction holds offsets sent for the
   * group in it.
   */
  waitsForOffsets(group: string, topic: string, partition: number): boolean {
    if (this.transactions.open.size === 0 || this.isolation(group) !== "read_committed") return false
    for (const transaction of this.transactions.open.values()) {
      for (const sent of transaction.offsets) {
        if (sent.group === group && sent.offsets.some((offset) => offset.topic === topic && offset.partition === partition)) return true
      }
    }
    return false
  }

  /** The key a service's event is sent with: the one its `ServiceWrite` named (`undefined`: none, or no such write answered). */
  serviceEventKey(service: string, event: string): string | undefined {
    return this.serviceEventKeys.get(`${service}\u0000${event}`)
  }

  /** The latest client of a member (see {@link GroupView.client}). */
  client(group: string, member: string): ClientView {
    return this.group(group).client(member)
  }

  /** Folds one entry's answer into the replay. */
  apply(entry: HistoryEntry, step: number): void {
    const response = entry.response
    for (const ended of this.transactions.apply(entry, step)) {
      if (ended.end?.control !== "commit") continue
      for (const { group: name, member, offsets } of committedOffsetsOf(ended)) {
        const group = this.group(name)
        for (const offset of offsets) {
          group.committed.set(partitionKey(offset.topic, offset.partition), { offset: offset.offset, member, step })
        }
      }
    }
    switch (response._tag) {
      case "Sent":
        this.extendLog(response.topic, response.partition, response.offset)
        return
      case "TxnCommitted":
      case "TxnAborted":
        for (const marker of response.markers) this.extendLog(marker.topic, marker.partition, marker.offset)
        return
      case "ProducerInitialized":
        for (const marker of response.aborted ?? []) this.extendLog(marker.topic, marker.partition, marker.offset)
        return
      case "Joined": {
        const group = this.group(response.group)
        group.learnGeneration(response.generation)
        group.epoch += 1
        const client = new ClientView(response.group, response.member)
        client.generation = response.generation
        client.assignment = response.assignment
        group.clients.set(response.member, client)
        return
      }
      case "Left": {
        const group = this.group(response.group)
        group.learnGeneration(response.generation)
        group.epoch += 1
        group.client(response.member).end()
        return
      }
      case "Crashed": {
        const group = this.group(response.group)
        group.epoch += 1
        group.client(response.member).end()
        return
      }
      case "ProcessCrashed": {
        // The process died midway: its first write happened, then everything a `ConsumerCrash` does.
        if (response.output !== undefined) this.extendLog(response.output.topic, response.output.partition, response.output.offset)
        const group = this.group(response.group)
        group.epoch += 1
        group.client(response.member).end()
        return
      }
      case "ServiceWritten":
      case "ServiceCrashed":
        if (entry.command._tag === "ServiceWrite") this.serviceEventKeys.set(`${response.service}\u0000${response.event}`, entry.command.key)
        if (response.sent !== undefined) this.extendLog(response.sent.topic, response.sent.partition, response.sent.offset)
        return
      case "Relayed":
      case "RelayCrashed":
        if (response.sent !== undefined) this.extendLog(response.sent.topic, response.sent.partition, response.sent.offset)
        return
      case "HeartbeatOk": {
        const group = this.group(response.group)
        group.learnGeneration(response.generation)
        const client = group.client(response.member)
        if (client.generation !== response.generation) client.lastPoll = undefined
        client.generation = response.generation
        client.assignment = response.assignment
        return
      }
      case "RebalanceInProgress": {
        const group = this.group(response.group)
        group.learnGeneration(response.generation)
        const client = group.client(response.member)
        client.generation = response.generation
        client.assignment = response.assignment
        client.positions.clear()
        client.lastDelivered.clear()
        client.lastPoll = undefined
        return
      }
      case "Polled": {
        const group = this.group(response.group)
        const client = group.client(response.member)
        client.lastPoll = { step, empty: response.records.length === 0 }
        for (const tp of client.assignment) {
          const key = partitionKey(tp.topic, tp.partition)
          if (!client.positions.has(key) && !this.waitsForOffsets(response.group, tp.topic, tp.partition)) {
            client.positions.set(key, { offset: group.committed.get(key)?.offset ?? this.logStart(tp.topic, tp.partition), source: "poll", step })
          }
        }
        for (const reset of response.resets ?? []) {
          client.positions.set(partitionKey(reset.topic, reset.partition), { offset: reset.to, source: "reset", step })
          client.lastDelivered.delete(partitionKey(reset.topic, reset.partition))
        }
        for (const record of response.records) {
          const key = partitionKey(record.topic, record.partition)
          bufferAdd(client, record.topic, record.partition, record.offset)
          client.positions.set(key, { offset: record.offset + 1, source: "delivery", step })
          client.lastDelivered.set(key, record.offset)
          this.delivered.set(recordKey(record.topic, record.partition, record.offset), record)
        }
        return
      }
      case "Processed": {
        if (response.output !== undefined) this.extendLog(response.output.topic, response.output.partition, response.output.offset)
        const client = this.client(response.group, response.member)
        bufferRemove(client, response.topic, response.partition, response.offset)
        client.attempts.delete(recordKey(response.topic, response.partition, response.offset))
        return
      }
      case "ProcessFailed": {
        const client = this.client(response.group, response.member)
        const key = recordKey(response.topic, response.partition, response.offset)
        let attempts = client.attempts.get(key)
        if (attempts === undefined) {
          attempts = { topic: response.topic, partition: response.partition, offset: response.offset, failed: 0, retryAtMs: undefined, lastFailedAtMs: 0, lastFailedStep: step }
          client.attempts.set(key, attempts)
        }
        attempts.failed += 1
        attempts.retryAtMs = response.retryAtMs
        attempts.lastFailedAtMs = this.nowMs
        attempts.lastFailedStep = step
        return
      }
      case "ProcessDeadLettered": {
        // The application published the record to its dead-letter topic and is done with it: it leaves the buffer, not to the sink.
        this.extendLog(response.deadLetter.topic, response.deadLetter.partition, response.deadLetter.offset)
        this.deadLetterOriginals.set(
          recordKey(response.deadLetter.topic, response.deadLetter.partition, response.deadLetter.offset),
          this.deliveredRecord(response.topic, response.partition, response.offset)
        )
        const client = this.client(response.group, response.member)
        bufferRemove(client, response.topic, response.partition, response.offset)
        client.attempts.delete(recordKey(response.topic, response.partition, response.offset))
        return
      }
      case "DeadLettersRedriven": {
        for (const redriven of response.records) this.extendLog(redriven.source.topic, redriven.source.partition, redriven.source.offset)
        return
      }
      case "Committed": {
        const group = this.group(response.group)
        group.learnGeneration(response.generation)
        const client = group.client(response.member)
        for (const entry of response.offsets) {
          const key = partitionKey(entry.topic, entry.partition)
          group.committed.set(key, { offset: entry.offset, member: response.member, step })
          client.commits.set(key, entry.offset)
        }
        return
      }
      case "Seeked": {
        const client = this.client(response.group, response.member)
        const key = partitionKey(response.topic, response.partition)
        client.positions.set(key, { offset: response.offset, source: "seek", step })
        client.lastDelivered.delete(key)
        return
      }
      case "ClockAdvanced": {
        for (const aborted of response.transactionsAborted ?? []) {
          for (const marker of aborted.markers) this.extendLog(marker.topic, marker.partition, marker.offset)
        }
        for (const moved of response.logStarts ?? []) this.logStarts.moveTo(moved.topic, moved.partition, moved.logStartOffset)
        for (const expired of response.expired) {
          const group = this.group(expired.group)
          group.epoch += 1
          const client = group.clients.get(expired.member)
          if (client !== undefined) client.expired = true
        }
        for (const rebalanced of response.rebalanced) {
          const group = this.group(rebalanced.group)
          group.learnGeneration(rebalanced.generation)
          group.epoch += 1
        }
        return
      }
      case "StaleGeneration": {
        this.group(response.group).learnGeneration(response.generationCurrent)
        return
      }
      default:
        return
    }
  }
}
