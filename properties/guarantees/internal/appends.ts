/**
 * Where a history's answers say records and markers were appended, and
 * whether the dumps show a topic whole after its last append: what the drain
 * detection of groups and of services shares.
 *
 * @module
 */
import type { History, HistoryEntry } from "../../../spec/index.ts"
import type { DumpedLogs } from "./dumps.ts"
import { partitionKey, showPartition } from "./keys.ts"

/**
 * The partitions an entry's answer says it appended to: a send or retry
 * (`Sent`, or `SendTimedOut`: appended, the answer lost), an exactly-once
 * result (`Processed` or `ProcessCrashed` with an output), the markers a
 * transaction's end wrote, a service's sends (`ServiceWritten`,
 * `ServiceCrashed`, `Relayed`, `RelayCrashed`), a dead-letter publish
 * (`ProcessDeadLettered`) and a redrive (`DeadLettersRedriven`). On
 * histories without transactions, services or failures only `Sent` appends.
 */
export const appendedBy = (entry: HistoryEntry): ReadonlyArray<{ readonly topic: string; readonly partition: number }> => {
  const response = entry.response
  switch (response._tag) {
    case "Sent":
    case "SendTimedOut":
      return [response]
    case "Processed":
    case "ProcessCrashed":
      return response.output === undefined ? [] : [response.output]
    case "ServiceWritten":
    case "ServiceCrashed":
      return response.sent === undefined ? [] : [response.sent]
    case "Relayed":
    case "RelayCrashed":
      return response.sent === undefined ? [] : [response.sent]
    case "TxnCommitted":
    case "TxnAborted":
      return response.markers
    case "ProducerInitialized":
      return response.aborted ?? []
    case "ClockAdvanced":
      return (response.transactionsAborted ?? []).flatMap((aborted) => aborted.markers)
    case "ProcessDeadLettered":
      return [response.deadLetter]
    case "DeadLettersRedriven":
      return response.records.map((redriven) => redriven.source)
    default:
      return []
  }
}

/** The step of the last append (see {@link appendedBy}) to each partition, per partition key. */
export const lastAppendStepsOf = (history: History): ReadonlyMap<string, number> => {
  const steps = new Map<string, number>()
  history.forEach((entry, step) => {
    for (const appended of appendedBy(entry)) steps.set(partitionKey(appended.topic, appended.partition), step)
  })
  return steps
}

/**
 * Why the dumps do not show every partition of `topic` whole after its last
 * append (a dump from offset 0 at a later step), or `undefined` when they do.
 */
export const undumpedReasonOf = (
  logs: DumpedLogs,
  lastAppendSteps: ReadonlyMap<string, number>,
  topic: { readonly name: string; readonly partitions: number }
): string | undefined => {
  for (let partition = 0; partition < topic.partitions; partition++) {
    const dumped = logs.partition(topic.name, partition)
    const appended = lastAppendSteps.get(partitionKey(topic.name, partition)) ?? -1
    if (dumped === undefined || dumped.from > 0 || dumped.step < appended) {
      return `no dump of ${showPartition(topic.name, partition)} shows it whole after its last append`
    }
  }
  return undefined
}
