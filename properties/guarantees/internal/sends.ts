/**
 * The acknowledged sends of a history: each `Sent` answer with the record the
 * `ProducerSend` command asked for (producer, key, value).
 *
 * @module
 */
import type { History, HistoryEntry } from "../../../spec/index.ts"

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
