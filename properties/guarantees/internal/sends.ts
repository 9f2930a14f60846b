/**
 * The acknowledged sends of a history: each `Sent` answer with the record the
 * `ProducerSend` command asked for (producer, key, value); and, with
 * transactions or failures, every append an answer shows ({@link appendsOf})
 * and the acknowledged records ({@link acknowledgedRecordsOf}).
 *
 * @module
 */
import type { Config, History, HistoryEntry } from "../../../spec/index.ts"
import { deadLetterProducerName, serviceProducerName } from "../../../spec/index.ts"
import { Replay } from "./replay.ts"
import { memoByHistoryAndConfig } from "./historyMemo.ts"
import { showsTransactions } from "./transactional.ts"

/** One acknowledged send: where the answer put it, and what was sent. */
export interface AcknowledgedSend {
  readonly step: number
  readonly topic: string
  readonly partition: number
  readonly offset: number
  readonly producer: string
  readonly key: string | undefined
  readonly value: string
}

/**
 * The acknowledged send of this entry, or `undefined` when its answer is not
 * `Sent`. The position comes from the answer; producer, key and value from
 * the command (undefined fields when the command is not a `ProducerSend`).
 */
export const acknowledgedSend = (entry: HistoryEntry, step: number): AcknowledgedSend | undefined => {
  const response = entry.response
  if (response._tag !== "Sent") return undefined
  const command = entry.command
  const sent = command._tag === "ProducerSend" ? command : undefined
  return {
    step,
    topic: response.topic,
    partition: response.partition,
    offset: response.offset,
    producer: sent?.producer ?? "",
    key: sent?.key,
    value: sent?.value ?? ""
  }
}

/** Every acknowledged send of the history, in send order. */
export const acknowledgedSends = (history: History): ReadonlyArray<AcknowledgedSend> => {
  const sends: Array<AcknowledgedSend> = []
  history.forEach((entry, step) => {
    const send = acknowledgedSend(entry, step)
    if (send !== undefined) sends.push(send)
  })
  return sends
}

/**
 * One append an entry's answer shows: a send or retry answered `Sent` or
 * `SendTimedOut` (then `offset` is unknown), an exactly-once result
 * (`Processed` or `ProcessCrashed` with an output, by the member's producer,
 * the input's key and value `<topic>/<partition>@<offset>`), a service's
 * send (`ServiceWritten` or `ServiceCrashed` with `sent`, `Relayed`,
 * `RelayCrashed`: by `service:<name>`, the event's key, the event id as
 * value), a dead-letter publish (`ProcessDeadLettered`: at its `deadLetter`
 * place, by `dead-letter:<group>`, with the original's key and value as
 * delivered) or a redrive (each record of `DeadLettersRedriven`: at its
 * `source` place, by `dead-letter:<group>`, with the dead-letter record's key
 * and value). An idempotent producer's retry
 * answered `Sent` names the offset of the timed-out send it repeats, whose
 * step is `retried`; answered `SendTimedOut`, it appended nothing.
 */
export interface Append {
  readonly step: number
  readonly topic: string
  readonly partition: number
  readonly offset: number | undefined
  readonly producer: string
  readonly key: string | undefined
  readonly value: string
  readonly retried?: number | undefined
}

/**
 * The appends of this entry (none, one, or a redrive's several, in order),
 * read from the replay *before* the entry is applied (a retry's record is
 * the client's pending send).
 */
export const appendsOf = (entry: HistoryEntry, step: number, replay: Replay): ReadonlyArray<Append> => {
  const response = entry.response
  switch (response._tag) {
    case "ProcessDeadLettered": {
      const original = replay.deliveredRecord(response.topic, response.partition, response.offset)
      return [{ step, ...response.deadLetter, producer: deadLetterProducerName(response.group), key: original?.key, value: original?.value ?? "" }]
    }
    case "DeadLettersRedriven":
      return response.records.map((redriven) => {
        const original = replay.deadLetterOriginal(redriven.deadLetter.topic, redriven.deadLetter.partition, redriven.deadLetter.offset)
        return { step, ...redriven.source, producer: deadLetterProducerName(response.group), key: original?.key, value: original?.value ?? "" }
      })
    default: {
      const append = oneAppendOf(entry, step, replay)
      return append === undefined ? [] : [append]
    }
  }
}

/** The append of an entry whose answer appends at most one record, other than by failure handling. */
const oneAppendOf = (entry: HistoryEntry, step: number, replay: Replay): Append | undefined => {
  const { command, response } = entry
  switch (response._tag) {
    case "Sent":
    case "SendTimedOut": {
      const offset = response._tag === "Sent" ? response.offset : undefined
      if (command._tag === "ProducerSend") {
        return { step, topic: response.topic, partition: response.partition, offset, producer: command.producer, key: command.key, value: command.value }
      }
      const where = { step, topic: response.topic, partition: response.partition, offset }
      if (command._tag !== "ProducerRetry") return { ...where, producer: "", key: undefined, value: "" }
      const pending = replay.transactions.clients.get(command.producer)?.pending
      const record = { producer: command.producer, key: pending?.key, value: pending?.value ?? "" }
      if (!replay.transactions.kinds.of(command.producer).idempotent) return { ...where, ...record }
      return offset === undefined ? undefined : { ...where, ...record, retried: pending?.step }
    }
    case "Processed":
    case "ProcessCrashed": {
      if (response.output === undefined) return undefined
      const producer = replay.transactions.kinds.memberProducer(response.group, response.member)
      return {
        step,
        ...response.output,
        producer: producer ?? "",
        key: replay.transactions.deliveredKey(response.topic, response.partition, response.offset),
        value: `${response.topic}/${response.partition}@${response.offset}`
      }
    }
    case "ServiceWritten":
    case "ServiceCrashed":
    case "Relayed":
    case "RelayCrashed": {
      if (response.sent === undefined) return undefined
      const key = command._tag === "ServiceWrite" ? command.key : replay.serviceEventKey(response.service, response.event)
      return { step, ...response.sent, producer: serviceProducerName(response.service), key, value: response.event }
    }
    default:
      return undefined
  }
}

/** Whether an entry appends through a group's failure handling: a dead-letter publish or a redrive. */
const appendsOnFailure = ({ response }: HistoryEntry): boolean =>
  response._tag === "ProcessDeadLettered" || (response._tag === "DeadLettersRedriven" && response.records.length > 0)

const acknowledgedRecordsFresh = (history: History, config: Config): ReadonlyArray<AcknowledgedSend> => {
  if (!showsTransactions(history) && !history.some(appendsOnFailure)) return acknowledgedSends(history)
  const replay = new Replay(config)
  const appends: Array<Append> = []
  history.forEach((entry, step) => {
    for (const append of appendsOf(entry, step, replay)) if (append.offset !== undefined) appends.push(append)
    replay.apply(entry, step)
  })
  const transactions = replay.transactions
  const committedSteps = new Set<number>()
  for (const transaction of transactions.ended) {
    if (transaction.end?.control !== "commit") continue
    for (const record of transaction.records) committedSteps.add(record.step)
  }
  return appends
    .filter((append) =>
      transactions.kinds.of(append.producer).transactionalId === undefined || committedSteps.has(append.retried ?? append.step)
    )
    .map((append) => ({ ...append, offset: append.offset! }))
}

/**
 * The acknowledged records of a history, in append order: appends at a
 * position an answer named (`Sent`, exactly-once results, services' sends,
 * dead-letter publishes and redrives, see {@link appendsOf}) that are not
 * transactional, or whose transaction committed. A record of a transaction
 * that aborted, or is still open at the end of the history, is not an
 * acknowledged send (a `read_committed` reader never gets it, and none is
 * owed it). A dead-letter record is owed to every group that reads its
 * dead-letter topic, and a redriven record to every group that reads its
 * source topic, like any record. On a history without transactions and
 * failures these are exactly {@link acknowledgedSends}.
 */
export const acknowledgedRecordsOf: (history: History, config: Config) => ReadonlyArray<AcknowledgedSend> = memoByHistoryAndConfig(acknowledgedRecordsFresh)

/**
 * How an acknowledged record got its place, for messages: `sent at step 3`,
 * or, appended by a group's failure handling, `dead-lettered at step 5` (a
 * dead-letter publish) and `redriven at step 9`.
 */
export const showAppended = (history: History, record: AcknowledgedSend): string => {
  const tag = history[record.step]?.response._tag
  const how = tag === "ProcessDeadLettered" ? "dead-lettered" : tag === "DeadLettersRedriven" ? "redriven" : "sent"
  return `${how} at step ${record.step + 1}`
}
