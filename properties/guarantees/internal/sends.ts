/**
 * The acknowledged sends of a history: each `Sent` answer with the record the
 * `ProducerSend` command asked for (producer, key, value); and, with
 * transactions, every append an answer shows ({@link appendOf}) and the
 * acknowledged records ({@link acknowledgedRecordsOf}).
 *
 * @module
 */
import type { Config, History, HistoryEntry } from "../../../spec/index.ts"
import { serviceProducerName } from "../../../spec/index.ts"
import { Replay } from "./replay.ts"
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
 * the input's key and value `<topic>/<partition>@<offset>`), or a service's
 * send (`ServiceWritten` or `ServiceCrashed` with `sent`, `Relayed`,
 * `RelayCrashed`: by `service:<name>`, the event's key, the event id as
 * value). An idempotent producer's retry
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

/** The append of this entry, read from the replay *before* the entry is applied (a retry's record is the client's pending send). */
export const appendOf = (entry: HistoryEntry, step: number, replay: Replay): Append | undefined => {
  const { command, response } = entry
  switch (response._tag) {
    case "Sent":
    case "SendTimedOut": {
      const offset = response._tag === "Sent" ? response.offset : undefined
      const where = { step, topic: response.topic, partition: response.partition, offset }
      if (command._tag === "ProducerSend") return { ...where, producer: command.producer, key: command.key, value: command.value }
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

/**
 * The acknowledged records of a history, in append order: appends at a
 * position an answer named (`Sent`, exactly-once results) that are not
 * transactional, or whose transaction committed. A record of a transaction
 * that aborted, or is still open at the end of the history, is not an
 * acknowledged send (a `read_committed` reader never gets it, and none is
 * owed it). On a history without transactions these are exactly
 * {@link acknowledgedSends}.
 */
export const acknowledgedRecordsOf = (history: History, config: Config): ReadonlyArray<AcknowledgedSend> => {
  if (!showsTransactions(history)) return acknowledgedSends(history)
  const replay = new Replay(config)
  const appends: Array<Append> = []
  history.forEach((entry, step) => {
    const append = appendOf(entry, step, replay)
    if (append !== undefined && append.offset !== undefined) appends.push(append)
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
