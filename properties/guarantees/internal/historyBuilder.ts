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
  AppliedEffect,
  BusinessRow,
  Command,
  DeadLettered,
  DeadLetterHeader,
  FailureCause,
  EffectOutcome,
  EntityState,
  GroupGeneration,
  GroupMember,
  History,
  HistoryEntry,
  LogEntry,
  LogRecord,
  OffsetReset,
  OutboxRow,
  PartitionOffset,
  QueueEntry,
  ReceivedMessage,
  RedrivenMessage,
  RememberedDedupId,
  RememberedId,
  Response,
  TopicPartition,
  TransactionAbortedByCoordinator
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

/** What a test may say about a queue send: its FIFO group and dedup id, its value and sender. */
export interface QueueSendOptions {
  readonly group?: string
  readonly dedupId?: string
  readonly value?: string
  readonly sender?: string
}

/** The `QueueSend` command (sender `s` unless given). */
const queueSendCommand = (queue: string, value: string, options: QueueSendOptions): Command => ({
  _tag: "QueueSend",
  sender: options.sender ?? "s",
  queue,
  value,
  ...(options.group === undefined ? {} : { group: options.group }),
  ...(options.dedupId === undefined ? {} : { dedupId: options.dedupId })
})

/** Appends entries to a history; see the module comment. */
export class HistoryBuilder {
  private readonly entries: Array<HistoryEntry> = []
  private readonly records = new Map<string, LogRecord>()
  private readonly serviceKeys = new Map<string, string | undefined>()
  /** Queue messages by id as sent (value, group, dedup id) and their receive count since their enqueue or redrive. */
  private readonly queueMessages = new Map<number, { readonly value: string; readonly group?: string; readonly dedupId?: string; count: number }>()
  /** The message each receipt delivered. */
  private readonly receiptMessages = new Map<number, number>()
  private messageIdNext = 0
  private receiptNext = 0

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
  /** A `ProducerSend` with a lost acknowledgement, answered `SendTimedOut` (the record went to this partition, `orders/1`). */
  sendTimedOut(partition: string, options: SendOptions & { readonly value: string }): this {
    const { topic, partition: index } = partitionOf(partition)
    const producer = options.producer ?? "p"
    const command: Command =
      options.key === undefined
        ? { _tag: "ProducerSend", producer, topic, value: options.value, ackLost: true }
        : { _tag: "ProducerSend", producer, topic, key: options.key, value: options.value, ackLost: true }
    return this.entry(command, { _tag: "SendTimedOut", producer, topic, partition: index })
  }

  /**
   * A `ProducerRetry` answered `Sent` at this position (the record is the
   * retried send's, so polls can deliver it), or `SendTimedOut` with the
   * acknowledgement lost again when `at` is a partition and `ackLost` is set.
   */
  retry(producer: string, at: string, record: SendOptions & { readonly value: string }, ackLost = false): this {
    if (ackLost) {
      const { topic, partition } = partitionOf(at)
      return this.entry({ _tag: "ProducerRetry", producer, ackLost: true }, { _tag: "SendTimedOut", producer, topic, partition })
    }
    const { topic, partition, offset } = positionOf(at)
    this.records.set(at, record.key === undefined
      ? { topic, partition, offset, producer, value: record.value, timestampMs: 0 }
      : { topic, partition, offset, producer, key: record.key, value: record.value, timestampMs: 0 })
    return this.entry({ _tag: "ProducerRetry", producer }, { _tag: "Sent", topic, partition, offset })
  }

  /** Any producer command answered with one of the producer errors (`ProducerFenced`, `NothingToRetry`, ...). */
  producerError(
    command: Command,
    error: "ProducerFenced" | "NothingToRetry" | "NotTransactional" | "ProducerNotInitialized" | "TransactionNotOpen" | "TransactionAlreadyOpen",
    producer: string
  ): this {
    return this.entry(command, { _tag: error, producer })
  }

  /** A `ProducerInit` answered `ProducerInitialized` (with `aborted` markers when given). */
  init(producer: string, producerId: number, epoch: number, aborted?: ReadonlyArray<string>): this {
    return this.entry(
      { _tag: "ProducerInit", producer },
      aborted === undefined
        ? { _tag: "ProducerInitialized", producer, producerId, epoch }
        : { _tag: "ProducerInitialized", producer, producerId, epoch, aborted: aborted.map(positionOf) }
    )
  }

  /** A `ProducerCrash` answered `ProducerCrashed`. */
  producerCrash(producer: string): this {
    return this.entry({ _tag: "ProducerCrash", producer }, { _tag: "ProducerCrashed", producer })
  }

  /** A `TxnBegin` answered `TxnBegun`. */
  begin(producer: string): this {
    return this.entry({ _tag: "TxnBegin", producer }, { _tag: "TxnBegun", producer })
  }

  /** A `TxnSendOffsets` answered `TxnOffsetsSent` in this generation. */
  sendOffsets(producer: string, group: string, member: string, generation: number, offsets: ReadonlyArray<string>): this {
    const positions = offsets.map(positionOf)
    return this.entry(
      { _tag: "TxnSendOffsets", producer, group, member, offsets: positions },
      { _tag: "TxnOffsetsSent", producer, group, member, generation, offsets: positions }
    )
  }

  /** A `TxnCommit` answered `TxnCommitted` with these markers. */
  txnCommit(producer: string, markers: ReadonlyArray<string>): this {
    return this.entry({ _tag: "TxnCommit", producer }, { _tag: "TxnCommitted", producer, markers: markers.map(positionOf) })
  }

  /** A `TxnAbort` answered `TxnAborted` with these markers. */
  txnAbort(producer: string, markers: ReadonlyArray<string>): this {
    return this.entry({ _tag: "TxnAbort", producer }, { _tag: "TxnAborted", producer, markers: markers.map(positionOf) })
  }

  /** A `ConsumerProcess` of an exactly-once member answered `Processed` with its result at `output`. */
  processTo(group: string, member: string, at: string, output: string): this {
    const { topic, partition, offset } = positionOf(at)
    return this.entry(
      { _tag: "ConsumerProcess", group, member, topic, partition, offset },
      { _tag: "Processed", group, member, topic, partition, offset, output: positionOf(output) }
    )
  }

  /** A `ClockAdvance` answered `ClockAdvanced` with these transactions timed out (and no expiry). */
  advanceTimingOut(ms: number, nowMs: number, transactionsAborted: ReadonlyArray<TransactionAbortedByCoordinator>): this {
    return this.entry({ _tag: "ClockAdvance", ms }, { _tag: "ClockAdvanced", nowMs, expired: [], rebalanced: [], transactionsAborted })
  }

  /** An `ObserverDump` of a whole partition (`orders/0`) answered `Dumped` with these entries (last stable offset = high watermark unless given). */
  dump(partition: string, entries: ReadonlyArray<LogEntry>, lastStableOffset?: number): this {
    const { topic, partition: index } = partitionOf(partition)
    const highWatermark = entries.length === 0 ? 0 : Math.max(...entries.map((entry) => entry.offset)) + 1
    return this.entry(
      { _tag: "ObserverDump", topic, partition: index, offset: 0, entriesMax: 1000 },
      { _tag: "Dumped", topic, partition: index, entries, highWatermark, lastStableOffset: lastStableOffset ?? highWatermark }
    )
  }

  /** An `ObserverOffsets` answered `OffsetsFetched` with these offsets. */
  fetched(group: string, offsets: ReadonlyArray<string>): this {
    return this.entry({ _tag: "ObserverOffsets", group }, { _tag: "OffsetsFetched", group, offsets: offsets.map(positionOf) })
  }

  /** A `ConsumerProcess` answered `Processed` with this effect outcome (and an exactly-once result at `output` when given). */
  processEffect(group: string, member: string, at: string, effect: EffectOutcome, output?: string): this {
    const { topic, partition, offset } = positionOf(at)
    return this.entry(
      { _tag: "ConsumerProcess", group, member, topic, partition, offset },
      output === undefined
        ? { _tag: "Processed", group, member, topic, partition, offset, effect }
        : { _tag: "Processed", group, member, topic, partition, offset, output: positionOf(output), effect }
    )
  }

  /** A `ConsumerProcess` with `crashMidway` answered `ProcessCrashed`, with what its first write did. */
  processCrashed(group: string, member: string, at: string, written: { readonly effect?: EffectOutcome; readonly output?: string } = {}): this {
    const { topic, partition, offset } = positionOf(at)
    return this.entry(
      { _tag: "ConsumerProcess", group, member, topic, partition, offset, crashMidway: true },
      {
        _tag: "ProcessCrashed",
        group,
        member,
        topic,
        partition,
        offset,
        ...(written.output === undefined ? {} : { output: positionOf(written.output) }),
        ...(written.effect === undefined ? {} : { effect: written.effect })
      }
    )
  }

  /** An `ObserverEffects` answered `EffectsListed` with these lists (empty unless given). */
  effects(
    group: string,
    listed: { readonly applied?: ReadonlyArray<AppliedEffect>; readonly remembered?: ReadonlyArray<RememberedId>; readonly entities?: ReadonlyArray<EntityState> }
  ): this {
    return this.entry(
      { _tag: "ObserverEffects", group },
      { _tag: "EffectsListed", group, applied: listed.applied ?? [], remembered: listed.remembered ?? [], entities: listed.entities ?? [] }
    )
  }

  private serviceSent(service: string, event: string, at: string | undefined): PartitionOffset | undefined {
    if (at === undefined) return undefined
    const sent = positionOf(at)
    const key = this.serviceKeys.get(`${service}\u0000${event}`)
    const producer = `service:${service}`
    this.records.set(at, key === undefined
      ? { ...sent, producer, value: event, timestampMs: 0 }
      : { ...sent, producer, key, value: event, timestampMs: 0 })
    return sent
  }

  private serviceCommand(service: string, event: string, key: string | undefined, crashMidway: boolean): Command {
    this.serviceKeys.set(`${service}\u0000${event}`, key)
    return {
      _tag: "ServiceWrite",
      service,
      event,
      ...(key === undefined ? {} : { key }),
      ...(crashMidway ? { crashMidway: true as const } : {})
    }
  }

  /** A `ServiceWrite` answered `ServiceWritten` (a dual write's event sent at `sent`, `events/0@3`, so polls can deliver it). */
  serviceWrite(service: string, event: string, options: { readonly key?: string; readonly sent?: string } = {}): this {
    const command = this.serviceCommand(service, event, options.key, false)
    const sent = this.serviceSent(service, event, options.sent)
    return this.entry(command, sent === undefined ? { _tag: "ServiceWritten", service, event } : { _tag: "ServiceWritten", service, event, sent })
  }

  /** A `ServiceWrite` with `crashMidway` answered `ServiceCrashed`. */
  serviceCrash(service: string, event: string, committed: boolean, options: { readonly key?: string; readonly sent?: string } = {}): this {
    const command = this.serviceCommand(service, event, options.key, true)
    const sent = this.serviceSent(service, event, options.sent)
    return this.entry(
      command,
      sent === undefined ? { _tag: "ServiceCrashed", service, event, committed } : { _tag: "ServiceCrashed", service, event, committed, sent }
    )
  }

  /** A `RelayPublish` answered `Relayed` (or, `crashed`, `RelayCrashed`) with the event sent at `sent`. */
  relay(service: string, event: string, sent: string, crashed = false): this {
    const at = this.serviceSent(service, event, sent)!
    return this.entry(
      crashed ? { _tag: "RelayPublish", service, crashMidway: true } : { _tag: "RelayPublish", service },
      { _tag: crashed ? "RelayCrashed" : "Relayed", service, event, sent: at }
    )
  }

  /** A `RelayPublish` answered `OutboxEmpty`. */
  outboxEmpty(service: string): this {
    return this.entry({ _tag: "RelayPublish", service }, { _tag: "OutboxEmpty", service })
  }

  /** An `ObserverService` answered `ServiceListed` with these rows. */
  serviceListed(service: string, rows: ReadonlyArray<BusinessRow>, outbox: ReadonlyArray<OutboxRow> = []): this {
    return this.entry({ _tag: "ObserverService", service }, { _tag: "ServiceListed", service, rows, outbox })
  }

  /**
   * A `QueueSend` answered `Enqueued` with the next message id (value `m<id>`
   * and sender `s` unless given); with `deduplicated`, answered as a
   * duplicate of that message id instead; with `dropped`, the answer names
   * that message as dropped by the queue's bound (the next message id
   * itself for `drop-newest`).
   */
  queueSend(
    queue: string,
    options: QueueSendOptions & { readonly messageId?: number; readonly deduplicated?: number; readonly dropped?: number } = {}
  ): this {
    const messageId = options.deduplicated ?? options.messageId ?? this.messageIdNext
    const value = options.value ?? `m${messageId}`
    const command = queueSendCommand(queue, value, options)
    const dropped = options.dropped === undefined ? {} : { dropped: options.dropped }
    if (options.deduplicated !== undefined) return this.entry(command, { _tag: "Enqueued", queue, messageId, deduplicated: true, ...dropped })
    this.messageIdNext = Math.max(this.messageIdNext, messageId + 1)
    this.queueMessages.set(messageId, {
      value,
      ...(options.group === undefined ? {} : { group: options.group }),
      ...(options.dedupId === undefined ? {} : { dedupId: options.dedupId }),
      count: 0
    })
    return this.entry(command, { _tag: "Enqueued", queue, messageId, ...dropped })
  }

  /** A `QueueSend` of `value` answered `SendBlocked` (a full `block` queue): no message id is used. */
  queueSendBlocked(queue: string, value: string, options: QueueSendOptions = {}): this {
    return this.entry(queueSendCommand(queue, value, options), { _tag: "SendBlocked", queue })
  }

  /** A `QueueSend` of `value` answered `SendRejected` (a full `reject` queue): no message id is used. */
  queueSendRejected(queue: string, value: string, options: QueueSendOptions = {}): this {
    return this.entry(queueSendCommand(queue, value, options), { _tag: "SendRejected", queue })
  }

  /**
   * A `QueueReceive` answered `Received` with these message ids, in this
   * order, each with the next receipt and its receive count plus one (as
   * sent and counted so far) unless `counts` or `receipts` say otherwise.
   */
  queueReceive(
    queue: string,
    consumer: string,
    messageIds: ReadonlyArray<number>,
    options: { readonly counts?: ReadonlyArray<number>; readonly receipts?: ReadonlyArray<number>; readonly messagesMax?: number } = {}
  ): this {
    const messages = messageIds.map((messageId, index): ReceivedMessage => {
      const sent = this.queueMessages.get(messageId) ?? { value: `m${messageId}`, count: 0 }
      this.queueMessages.set(messageId, sent)
      sent.count = options.counts?.[index] ?? sent.count + 1
      const receipt = options.receipts?.[index] ?? this.receiptNext
      this.receiptNext = Math.max(this.receiptNext, receipt + 1)
      this.receiptMessages.set(receipt, messageId)
      return {
        messageId,
        value: sent.value,
        ...(sent.group === undefined ? {} : { group: sent.group }),
        ...(sent.dedupId === undefined ? {} : { dedupId: sent.dedupId }),
        receipt,
        receiveCount: sent.count
      }
    })
    return this.entry(
      { _tag: "QueueReceive", queue, consumer, messagesMax: options.messagesMax ?? Math.max(1, messages.length) },
      { _tag: "Received", queue, consumer, messages }
    )
  }

  private messageOfReceipt(receipt: number): number {
    const messageId = this.receiptMessages.get(receipt)
    if (messageId === undefined) throw new Error(`no receive issued receipt ${receipt}`)
    return messageId
  }

  /** A `QueueProcess` answered `QueueProcessed`. */
  queueProcess(queue: string, consumer: string, receipt: number): this {
    return this.entry(
      { _tag: "QueueProcess", queue, consumer, receipt },
      { _tag: "QueueProcessed", queue, consumer, receipt, messageId: this.messageOfReceipt(receipt) }
    )
  }

  /** A `QueueAck` answered `Acknowledged` (`deleted` unless given). */
  queueAck(queue: string, consumer: string, receipt: number, deleted = true): this {
    return this.entry(
      { _tag: "QueueAck", queue, consumer, receipt },
      { _tag: "Acknowledged", queue, consumer, receipt, messageId: this.messageOfReceipt(receipt), deleted }
    )
  }

  /** A `QueueRelease` answered `Released` (moved to the dead-letter queue when `deadLettered`). */
  queueRelease(queue: string, consumer: string, receipt: number, deadLettered = false): this {
    return this.entry(
      { _tag: "QueueRelease", queue, consumer, receipt },
      { _tag: "Released", queue, consumer, receipt, messageId: this.messageOfReceipt(receipt), deadLettered }
    )
  }

  /** A `QueueExtend` by `ms` answered `Extended` until `inFlightUntilMs`. */
  queueExtend(queue: string, consumer: string, receipt: number, ms: number, inFlightUntilMs: number): this {
    return this.entry(
      { _tag: "QueueExtend", queue, consumer, receipt, ms },
      { _tag: "Extended", queue, consumer, receipt, messageId: this.messageOfReceipt(receipt), inFlightUntilMs }
    )
  }

  /** A `QueueCrash` answered `QueueCrashed` with these receipts. */
  queueCrash(queue: string, consumer: string, receipts: ReadonlyArray<number> = []): this {
    return this.entry({ _tag: "QueueCrash", queue, consumer }, { _tag: "QueueCrashed", queue, consumer, receipts })
  }

  /** A `QueueRedrive` answered `Redriven` with these messages (their counts start again). */
  queueRedrive(queue: string, messages: ReadonlyArray<RedrivenMessage>): this {
    for (const redriven of messages) {
      const sent = this.queueMessages.get(redriven.messageId)
      if (sent !== undefined) sent.count = 0
    }
    return this.entry({ _tag: "QueueRedrive", queue }, { _tag: "Redriven", queue, messages })
  }

  /** An `ObserverQueue` answered `QueueListed` with these messages and remembered dedup ids. */
  queueListed(queue: string, messages: ReadonlyArray<QueueEntry> = [], remembered: ReadonlyArray<RememberedDedupId> = []): this {
    return this.entry({ _tag: "ObserverQueue", queue }, { _tag: "QueueListed", queue, messages, remembered })
  }

  /** A `ConsumerProcess` answered `ProcessFailed` (cause, attempt number, and retry time when given). */
  processFailed(group: string, member: string, at: string, cause: FailureCause, attempt: number, retryAtMs?: number): this {
    const { topic, partition, offset } = positionOf(at)
    return this.entry(
      { _tag: "ConsumerProcess", group, member, topic, partition, offset },
      { _tag: "ProcessFailed", group, member, topic, partition, offset, cause, attempt, ...(retryAtMs === undefined ? {} : { retryAtMs }) }
    )
  }

  /**
   * A `ConsumerProcess` answered `ProcessDeadLettered` to `deadLetter`
   * (`billing-dlt/0@0`): polls can then deliver the dead-letter record there
   * (producer `dead-letter:<group>`, the original's key and value, the
   * header of the answer).
   */
  deadLettered(group: string, member: string, at: string, cause: FailureCause, attempts: number, deadLetter: string): this {
    const { topic, partition, offset } = positionOf(at)
    const place = positionOf(deadLetter)
    const original = this.records.get(at)
    const header: DeadLetterHeader = { group, topic, partition, offset, cause, attempts }
    this.records.set(deadLetter, {
      ...place,
      producer: `dead-letter:${group}`,
      ...(original?.key === undefined ? {} : { key: original.key }),
      value: original?.value ?? `v${offset}`,
      timestampMs: 0,
      deadLetter: header
    })
    return this.entry(
      { _tag: "ConsumerProcess", group, member, topic, partition, offset },
      { _tag: "ProcessDeadLettered", group, member, topic, partition, offset, cause, attempts, deadLetter: place }
    )
  }

  /** A `ConsumerProcess` answered `BackoffPending` until `retryAtMs`. */
  backoffPending(group: string, member: string, at: string, retryAtMs: number): this {
    const { topic, partition, offset } = positionOf(at)
    return this.entry(
      { _tag: "ConsumerProcess", group, member, topic, partition, offset },
      { _tag: "BackoffPending", group, member, topic, partition, offset, retryAtMs }
    )
  }

  /** A `ConsumerProcess` answered `BreakerOpen` until `untilMs`. */
  breakerOpen(group: string, member: string, at: string, untilMs: number): this {
    const { topic, partition, offset } = positionOf(at)
    return this.entry(
      { _tag: "ConsumerProcess", group, member, topic, partition, offset },
      { _tag: "BreakerOpen", group, member, topic, partition, offset, untilMs }
    )
  }

  /** A `DownstreamDown` (`up` false) or `DownstreamUp` answered `DownstreamSet`. */
  downstream(group: string, up: boolean): this {
    return this.entry({ _tag: up ? "DownstreamUp" : "DownstreamDown", group }, { _tag: "DownstreamSet", group, up })
  }

  /**
   * A `DeadLetterRedrive` answered `DeadLettersRedriven` with these
   * (dead-letter place, source place) pairs, in order: polls can then
   * deliver each redriven record at its source place (producer
   * `dead-letter:<group>`, the dead-letter record's key and value, no header).
   */
  redrive(group: string, records: ReadonlyArray<readonly [deadLetter: string, source: string]>): this {
    for (const [deadLetter, source] of records) {
      const dead = this.records.get(deadLetter)
      const place = positionOf(source)
      this.records.set(source, {
        ...place,
        producer: `dead-letter:${group}`,
        ...(dead?.key === undefined ? {} : { key: dead.key }),
        value: dead?.value ?? "",
        timestampMs: 0
      })
    }
    return this.entry(
      { _tag: "DeadLetterRedrive", group },
      { _tag: "DeadLettersRedriven", group, records: records.map(([deadLetter, source]) => ({ deadLetter: positionOf(deadLetter), source: positionOf(source) })) }
    )
  }

  /** A `ConsumerPoll` answered `Polled` with the records sent at these positions and these resets. */
  pollReset(group: string, member: string, positions: ReadonlyArray<string>, resets: ReadonlyArray<OffsetReset>): this {
    this.poll(group, member, positions)
    const last = this.entries.pop()!
    return this.entry(last.command, { ...(last.response as Extract<Response, { _tag: "Polled" }>), resets })
  }

  /** A `ConsumerPoll` answered `OffsetOutOfRange` at `at` (`events/0@1`, the start below the log start) with the log start. */
  pollRefused(group: string, member: string, at: string, highWatermark: number, logStartOffset: number): this {
    const { topic, partition, offset } = positionOf(at)
    return this.entry(
      { _tag: "ConsumerPoll", group, member, recordsMax: 10 },
      { _tag: "OffsetOutOfRange", topic, partition, offset, highWatermark, logStartOffset }
    )
  }

  /** A `ClockAdvance` answered `ClockAdvanced` with these log starts moved by retention (`events/0@3`: the new log start 3), and no expiry. */
  advanceRetaining(ms: number, nowMs: number, logStarts: ReadonlyArray<string>): this {
    return this.entry(
      { _tag: "ClockAdvance", ms },
      logStarts.length === 0
        ? { _tag: "ClockAdvanced", nowMs, expired: [], rebalanced: [] }
        : {
          _tag: "ClockAdvanced",
          nowMs,
          expired: [],
          rebalanced: [],
          logStarts: logStarts.map((at) => {
            const { topic, partition, offset } = positionOf(at)
            return { topic, partition, logStartOffset: offset }
          })
        }
    )
  }

  /** An `ObserverDump` of a whole partition (`events/0`, from offset 0) answered `Dumped` with these entries, this high watermark and (above 0) log start. */
  dumpRetained(partition: string, entries: ReadonlyArray<LogEntry>, highWatermark: number, logStartOffset: number): this {
    const { topic, partition: index } = partitionOf(partition)
    return this.entry(
      { _tag: "ObserverDump", topic, partition: index, offset: 0, entriesMax: 1000 },
      {
        _tag: "Dumped",
        topic,
        partition: index,
        entries,
        highWatermark,
        lastStableOffset: highWatermark,
        ...(logStartOffset > 0 ? { logStartOffset } : {})
      }
    )
  }

  /** A `ClockAdvance` answered `ClockAdvanced` with these messages moved to their dead-letter queues (and no expiry). */
  advanceDeadLettering(ms: number, nowMs: number, deadLettered: ReadonlyArray<DeadLettered>): this {
    return this.entry(
      { _tag: "ClockAdvance", ms },
      deadLettered.length === 0 ? { _tag: "ClockAdvanced", nowMs, expired: [], rebalanced: [] } : { _tag: "ClockAdvanced", nowMs, expired: [], rebalanced: [], deadLettered }
    )
  }

}

/** What a test may say about a dumped data entry. */
export interface DataOptions {
  readonly producer?: string
  readonly key?: string
  readonly value?: string
  /** `[producerId, epoch, sequence]` of an idempotent producer's record. */
  readonly id?: readonly [number, number, number]
  readonly transactional?: boolean
  /** The dead-letter header of a dead-letter record. */
  readonly deadLetter?: DeadLetterHeader
}

/** A dumped data entry at `offset` (producer `p`, value `v<offset>` unless given). */
export const dataEntry = (offset: number, options: DataOptions = {}): LogEntry => ({
  _tag: "Data",
  offset,
  producer: options.producer ?? "p",
  ...(options.key === undefined ? {} : { key: options.key }),
  value: options.value ?? `v${offset}`,
  timestampMs: 0,
  ...(options.id === undefined ? {} : { producerId: options.id[0], epoch: options.id[1], sequence: options.id[2] }),
  ...(options.transactional === true ? { transactional: true as const } : {}),
  ...(options.deadLetter === undefined ? {} : { deadLetter: options.deadLetter })
})

/** A dumped transaction marker at `offset`. */
export const markerEntry = (
  offset: number,
  transactionalId: string,
  producerId: number,
  epoch: number,
  control: "commit" | "abort"
): LogEntry => ({ _tag: "Marker", offset, transactionalId, producerId, epoch, control, timestampMs: 0 })

/** A queue listing's entry: message `id` (value `m<id>`), with what is given (receive count 0 unless given). */
export const queueEntry = (
  messageId: number,
  options: Partial<Omit<QueueEntry, "messageId">> = {}
): QueueEntry => ({ messageId, value: options.value ?? `m${messageId}`, receiveCount: options.receiveCount ?? 0, ...options })
