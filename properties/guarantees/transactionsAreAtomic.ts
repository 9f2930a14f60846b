/**
 * TransactionsAreAtomic: a transaction's records and consumed offsets become
 * visible together or not at all, in every partition and group it touched.
 *
 * @module
 */
import type { Config, History, PartitionOffset } from "../../spec/index.ts"
import { needs } from "./applicability.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { dumpedLogsOf, type DumpedLogs } from "./internal/dumps.ts"
import { partitionKey, showPartition, showRecord } from "./internal/keys.ts"
import { Replay } from "./internal/replay.ts"
import { showsTransactions } from "./internal/transactional.ts"
import type { Transaction, TransactionEnd } from "./internal/transactions.ts"

const showEnd = (transaction: Transaction, end: TransactionEnd): string => {
  const how = end.control === "commit" ? "committed" : "aborted"
  const by = end.by === "producer" ? "" : end.by === "init" ? " by a new epoch's init" : " by the coordinator on timeout"
  return `${transaction.transactionalId}'s transaction ${how}${by} at step ${end.step + 1}`
}

/** Why the markers the end's answer names do not match the partitions the transaction wrote to, or `undefined`. */
const markersMismatch = (transaction: Transaction, end: TransactionEnd): string | undefined => {
  const marked = new Map<string, PartitionOffset>()
  for (const marker of end.markers) {
    const key = partitionKey(marker.topic, marker.partition)
    if (marked.has(key)) return `wrote two markers in ${showPartition(marker.topic, marker.partition)}`
    marked.set(key, marker)
    if (!transaction.partitions.has(key)) {
      return `wrote a marker at ${showRecord(marker.topic, marker.partition, marker.offset)}, in a partition it never wrote to`
    }
  }
  for (const [key, written] of transaction.partitions) {
    if (!marked.has(key)) return `wrote no marker in ${showPartition(written.topic, written.partition)}, where it wrote records`
  }
  for (const record of transaction.records) {
    const marker = marked.get(partitionKey(record.topic, record.partition))
    if (record.offset !== undefined && marker !== undefined && marker.offset <= record.offset) {
      return `put its marker at ${showRecord(marker.topic, marker.partition, marker.offset)}, not after its record at ${
        showRecord(record.topic, record.partition, record.offset)
      }`
    }
  }
  return undefined
}

/** The first violation the dumps show: a named marker that is not stored as a marker of its transaction and kind. */
const dumpMismatch = (transactions: ReadonlyArray<Transaction>, logs: DumpedLogs): Violation | undefined => {
  let first: Violation | undefined
  for (const transaction of transactions) {
    const end = transaction.end!
    for (const marker of end.markers) {
      const dumped = logs.partition(marker.topic, marker.partition)
      if (dumped === undefined || marker.offset < dumped.from || (first !== undefined && first.step <= dumped.step)) continue
      const stored = dumped.entries.get(marker.offset)
      const where = showRecord(marker.topic, marker.partition, marker.offset)
      const wrong =
        stored === undefined
          ? "the log has no entry there"
          : stored._tag === "Data"
            ? `the log holds ${stored.producer}'s record with value ${JSON.stringify(stored.value)} there`
            : stored.control !== end.control || stored.transactionalId !== transaction.transactionalId
              ? `the log holds a ${stored.control} marker of ${stored.transactionalId} there`
              : undefined
      if (wrong !== undefined) first = { step: dumped.step, message: `${showEnd(transaction, end)} named its ${end.control} marker at ${where}, but ${wrong}` }
    }
  }
  return first
}

const offsetsText = (offsets: ReadonlyArray<string>): string => (offsets.length === 0 ? "none" : offsets.join(" "))

/**
 * The first of, by step: an ended transaction whose answer names markers
 * that do not match the partitions it wrote to (one each, after its records);
 * an `OffsetsFetched` answer that differs from the committed offsets the
 * history implies (plain commits and committed transactions' offsets); a
 * dump that does not store a named marker as a marker of its transaction and
 * kind.
 */
const always = (history: History, config: Config): Violation | undefined => {
  if (!showsTransactions(history)) return undefined
  const all = new Replay(config)
  history.forEach((entry, step) => all.apply(entry, step))
  const inDump = dumpMismatch(all.transactions.ended, dumpedLogsOf(history))
  const replay = new Replay(config)
  const ended = replay.transactions.ended
  for (let step = 0; step < history.length; step++) {
    if (inDump !== undefined && inDump.step === step) return inDump
    const entry = history[step]
    const response = entry.response
    if (response._tag === "OffsetsFetched") {
      const impliedText = [...replay.group(response.group).committed.entries()].map(([key, committed]) => {
        const [topic, partition] = key.split("\u0000")
        return showRecord(topic, Number(partition), committed.offset)
      }).sort()
      const fetchedText = response.offsets.map((o) => showRecord(o.topic, o.partition, o.offset)).sort()
      if (impliedText.length !== fetchedText.length || impliedText.some((text, i) => text !== fetchedText[i])) {
        return {
          step,
          message: `${response.group}'s committed offsets were fetched as ${offsetsText(fetchedText)}, but its commits and committed transactions make them ${
            offsetsText(impliedText)
          }`
        }
      }
    }
    const before = ended.length
    replay.apply(entry, step)
    for (const transaction of ended.slice(before)) {
      const why = markersMismatch(transaction, transaction.end!)
      if (why !== undefined) return { step, message: `${showEnd(transaction, transaction.end!)} but ${why}` }
    }
  }
  return undefined
}

/**
 * A transaction that touched two or more partitions, or wrote records and
 * sent offsets, committed; and another transaction (with records or offsets)
 * aborted.
 */
const sometimes = (history: History, config: Config): boolean => {
  if (!showsTransactions(history)) return false
  const replay = new Replay(config)
  history.forEach((entry, step) => replay.apply(entry, step))
  const ended = replay.transactions.ended
  const wide = ended.some((transaction) =>
    transaction.end?.control === "commit" &&
    (transaction.partitions.size >= 2 || (transaction.records.length > 0 && transaction.offsets.length > 0))
  )
  const aborted = ended.some((transaction) =>
    transaction.end?.control === "abort" && (transaction.records.length > 0 || transaction.offsets.length > 0)
  )
  return wide && aborted
}

/** The checker of TransactionsAreAtomic. */
export const transactionsAreAtomic: GuaranteeCheck = {
  id: "TransactionsAreAtomic",
  always,
  sometimes,
  notApplicableReason: needs.transactionalProducer
}
