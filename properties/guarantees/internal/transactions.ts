/**
 * What a history's answers say about producers and transactions: each
 * producer client's epoch and pending send (the send whose acknowledgement
 * was lost), each transactional id's latest epoch at the coordinator, its open
 * transaction (the records it appended and the offsets it sent per group) and
 * every transaction that ended (committed or aborted, by its producer, by a
 * new epoch or by a timeout), with the markers its answer names and the step
 * that appended them. Built from the answers only, never from a model.
 *
 * {@link Replay} owns one and folds every entry into it; checkers read
 * `replay.transactions`.
 *
 * @module
 */
import type { Config, HistoryEntry, LogRecord, PartitionOffset } from "../../../spec/index.ts"
import { partitionKey, recordKey } from "./keys.ts"
import { ProducerKinds } from "./producers.ts"

/** A send whose acknowledgement was lost and that the producer may retry. */
export interface PendingSend {
  readonly step: number
  readonly producer: string
  readonly topic: string
  readonly partition: number
  readonly key: string | undefined
  readonly value: string
}

/** One producer client as the answers show it. */
export interface ProducerClient {
  /** The epoch of its last `ProducerInitialized`, until it crashes. */
  epoch: number | undefined
  pending: PendingSend | undefined
}

/** One record a transaction appended: where (the offset is unknown for a send answered `SendTimedOut`), what, and when. */
export interface TransactionRecord {
  readonly step: number
  readonly producer: string
  readonly topic: string
  readonly partition: number
  offset: number | undefined
  readonly key: string | undefined
  readonly value: string
  /** For an exactly-once result: the input record it is the result of. */
  readonly input: PartitionOffset | undefined
}

/** Offsets a transaction sent for a group (`TxnOffsetsSent`). */
export interface SentOffsets {
  readonly step: number
  readonly group: string
  readonly member: string
  readonly offsets: ReadonlyArray<PartitionOffset>
}

/** How a transaction ended. */
export interface TransactionEnd {
  readonly step: number
  readonly control: "commit" | "abort"
  /** `producer`: `TxnCommit` or `TxnAbort`; `init`: a new epoch's `ProducerInit`; `timeout`: the coordinator on `ClockAdvance`. */
  readonly by: "producer" | "init" | "timeout"
  readonly markers: ReadonlyArray<PartitionOffset>
}

/** One transaction of a transactional id, from its first record or offsets to its end. */
export interface Transaction {
  readonly transactionalId: string
  readonly startStep: number
  /** The clock when the coordinator opened it (the latest `ClockAdvanced` before its first record or offsets). */
  readonly startMs: number
  readonly records: Array<TransactionRecord>
  /** The partitions it touched, in the order it first touched them, per partition key. */
  readonly partitions: Map<string, { readonly topic: string; readonly partition: number }>
  readonly offsets: Array<SentOffsets>
  end: TransactionEnd | undefined
}

/** A marker an answer named: the step that appended it, its transaction and kind. */
export interface MarkerWritten {
  readonly step: number
  readonly transaction: Transaction
  readonly control: "commit" | "abort"
}

/** A retry answered with success or a lost acknowledgement: what it resent and how it was answered. */
export interface Retry {
  readonly step: number
  readonly pending: PendingSend
  readonly idempotent: boolean
  /** The offset of a `Sent` answer, `undefined` for `SendTimedOut`. */
  readonly offset: number | undefined
}

/** The producer and transaction replay; see the module comment. */
export class Transactions {
  readonly kinds: ProducerKinds
  /** The client of each producer name that has one. */
  readonly clients = new Map<string, ProducerClient>()
  /** The latest epoch each transactional id has at the coordinator. */
  readonly epochs = new Map<string, number>()
  /** The open transaction of each transactional id. */
  readonly open = new Map<string, Transaction>()
  /** Every ended transaction, in the order they ended. */
  readonly ended: Array<Transaction> = []
  /** Every marker an answer named, per record key. */
  readonly markers = new Map<string, MarkerWritten>()
  /** Every retry answered `Sent` or `SendTimedOut`. */
  readonly retries: Array<Retry> = []
  /** The clock as the latest `ClockAdvanced` answer set it. */
  nowMs = 0

  constructor(
    config: Config,
    /** The record last delivered (in a `Polled` answer) at a position, as the replay that owns this one keeps it. */
    private readonly deliveredRecord: (topic: string, partition: number, offset: number) => LogRecord | undefined
  ) {
    this.kinds = new ProducerKinds(config)
  }

  /** The key of the record last delivered at this position (`undefined`: no key, or never delivered); what an exactly-once result carries. */
  deliveredKey(topic: string, partition: number, offset: number): string | undefined {
    return this.deliveredRecord(topic, partition, offset)?.key
  }

  /** The client of a producer name (created without an epoch). */
  client(producer: string): ProducerClient {
    let client = this.clients.get(producer)
    if (client === undefined) {
      client = { epoch: undefined, pending: undefined }
      this.clients.set(producer, client)
    }
    return client
  }

  private transaction(transactionalId: string, step: number): Transaction {
    let open = this.open.get(transactionalId)
    if (open === undefined) {
      open = { transactionalId, startStep: step, startMs: this.nowMs, records: [], partitions: new Map(), offsets: [], end: undefined }
      this.open.set(transactionalId, open)
    }
    return open
  }

  private append(record: TransactionRecord): void {
    const transactionalId = this.kinds.of(record.producer).transactionalId
    if (transactionalId === undefined) return
    const transaction = this.transaction(transactionalId, record.step)
    transaction.records.push(record)
    const key = partitionKey(record.topic, record.partition)
    if (!transaction.partitions.has(key)) transaction.partitions.set(key, { topic: record.topic, partition: record.partition })
  }

  /** Ends the transactional id's transaction (an empty one when none is open but markers were named), returning it. */
  private end(transactionalId: string, end: TransactionEnd): Transaction | undefined {
    let transaction = this.open.get(transactionalId)
    if (transaction === undefined) {
      if (end.markers.length === 0) return undefined
      transaction = { transactionalId, startStep: end.step, startMs: this.nowMs, records: [], partitions: new Map(), offsets: [], end: undefined }
    }
    this.open.delete(transactionalId)
    transaction.end = end
    this.ended.push(transaction)
    for (const marker of end.markers) {
      this.markers.set(recordKey(marker.topic, marker.partition, marker.offset), { step: end.step, transaction, control: end.control })
    }
    return transaction
  }

  /** The epoch the coordinator holds for a transactional id, `undefined` before any. */
  epochOf(transactionalId: string): number | undefined {
    return this.epochs.get(transactionalId)
  }

  /**
   * Folds one entry in; returns the transactions that ended at it (so the
   * replay can store a committed one's offsets).
   */
  apply(entry: HistoryEntry, step: number): ReadonlyArray<Transaction> {
    const command = entry.command
    const response = entry.response
    switch (response._tag) {
      case "Sent":
      case "SendTimedOut": {
        const offset = response._tag === "Sent" ? response.offset : undefined
        if (command._tag === "ProducerSend") {
          const client = this.client(command.producer)
          const record = { step, producer: command.producer, topic: command.topic, partition: response.partition, key: command.key, value: command.value }
          if (this.kinds.of(command.producer).transactionalId !== undefined) this.append({ ...record, offset, input: undefined })
          client.pending = offset === undefined ? record : undefined
        } else if (command._tag === "ProducerRetry") {
          const client = this.client(command.producer)
          const pending = client.pending
          if (pending === undefined) return []
          const kind = this.kinds.of(command.producer)
          this.retries.push({ step, pending, idempotent: kind.idempotent, offset })
          if (kind.idempotent) {
            // The broker recognises the sequence: the retry names the offset of the timed-out send's record.
            if (offset !== undefined) {
              const open = kind.transactionalId === undefined ? undefined : this.open.get(kind.transactionalId)
              const timedOut = open?.records.find((record) => record.step === pending.step)
              if (timedOut !== undefined) timedOut.offset = offset
            }
          } else {
            this.append({ ...pending, step, offset, input: undefined })
          }
          if (offset !== undefined) client.pending = undefined
        }
        return []
      }
      case "Processed":
      case "ProcessCrashed": {
        const producer = this.kinds.memberProducer(response.group, response.member)
        if (producer === undefined) return []
        if (response.output === undefined) {
          // A process that crashed midway did everything a `ConsumerCrash` does: the member's producer client is gone.
          if (response._tag === "ProcessCrashed") this.clients.delete(producer)
          return []
        }
        const input = { topic: response.topic, partition: response.partition, offset: response.offset }
        this.append({
          step,
          producer,
          topic: response.output.topic,
          partition: response.output.partition,
          offset: response.output.offset,
          key: this.deliveredKey(input.topic, input.partition, input.offset),
          value: `${input.topic}/${input.partition}@${input.offset}`,
          input
        })
        if (response._tag === "ProcessCrashed") this.clients.delete(producer)
        else this.client(producer).pending = undefined
        return []
      }
      case "ProducerFenced":
        if (command._tag === "ProducerRetry") this.client(command.producer).pending = undefined
        return []
      case "ProducerInitialized": {
        const client = this.client(response.producer)
        client.epoch = response.epoch
        client.pending = undefined
        const transactionalId = this.kinds.of(response.producer).transactionalId ?? response.producer
        this.epochs.set(transactionalId, response.epoch)
        const ended = this.end(transactionalId, { step, control: "abort", by: "init", markers: response.aborted ?? [] })
        return ended === undefined ? [] : [ended]
      }
      case "ProducerCrashed":
        this.clients.delete(response.producer)
        return []
      case "Crashed": {
        const producer = this.kinds.memberProducer(response.group, response.member)
        if (producer !== undefined) this.clients.delete(producer)
        return []
      }
      case "TxnOffsetsSent": {
        const transactionalId = this.kinds.of(response.producer).transactionalId
        if (transactionalId === undefined) return []
        this.transaction(transactionalId, step).offsets.push({ step, group: response.group, member: response.member, offsets: response.offsets })
        return []
      }
      case "TxnCommitted":
      case "TxnAborted": {
        this.client(response.producer).pending = undefined
        const transactionalId = this.kinds.of(response.producer).transactionalId
        if (transactionalId === undefined) return []
        const control = response._tag === "TxnCommitted" ? "commit" : "abort"
        const ended = this.end(transactionalId, { step, control, by: "producer", markers: response.markers })
        return ended === undefined ? [] : [ended]
      }
      case "ClockAdvanced": {
        this.nowMs = response.nowMs
        const ended: Array<Transaction> = []
        for (const aborted of response.transactionsAborted ?? []) {
          this.epochs.set(aborted.transactionalId, aborted.epoch)
          const transaction = this.end(aborted.transactionalId, { step, control: "abort", by: "timeout", markers: aborted.markers })
          if (transaction !== undefined) ended.push(transaction)
        }
        return ended
      }
      default:
        return []
    }
  }
}

/**
 * The committed offsets a committed transaction stores, group by group in
 * the order its offsets were first sent, a later entry for a partition
 * replacing an earlier one (`TxnCommit`, check 6).
 */
export const committedOffsetsOf = (
  transaction: Transaction
): ReadonlyArray<{ readonly group: string; readonly member: string; readonly offsets: ReadonlyArray<PartitionOffset> }> => {
  const byGroup = new Map<string, { member: string; offsets: Map<string, PartitionOffset> }>()
  for (const sent of transaction.offsets) {
    let group = byGroup.get(sent.group)
    if (group === undefined) byGroup.set(sent.group, (group = { member: sent.member, offsets: new Map() }))
    group.member = sent.member
    for (const offset of sent.offsets) group.offsets.set(partitionKey(offset.topic, offset.partition), offset)
  }
  return [...byGroup].map(([group, { member, offsets }]) => ({ group, member, offsets: [...offsets.values()] }))
}
