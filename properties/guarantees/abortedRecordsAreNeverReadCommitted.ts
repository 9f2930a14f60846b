/**
 * AbortedRecordsAreNeverReadCommitted: a read_committed reader never
 * receives a record of an aborted transaction (Jepsen's G1a, aborted read).
 *
 * @module
 */
import { type Config, type History, isolationOf, type Isolation } from "../../spec/index.ts"
import { needs } from "./applicability.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { dumpedLogsOf, type DumpedLogs } from "./internal/dumps.ts"
import { recordKey, showRecord } from "./internal/keys.ts"
import { Replay } from "./internal/replay.ts"
import { showsTransactions } from "./internal/transactional.ts"

const isolations = (config: Config): ReadonlyMap<string, Isolation> => new Map(config.groups.map((group) => [group.name, isolationOf(group)]))

/**
 * The records whose transaction aborted, per record key, with how the
 * history shows it: the drain's dump (the next marker of the record's
 * producer id is an abort marker), else the answers (a record whose offset an
 * answer named, of a transaction that ended in an abort).
 */
const abortedRecordsOf = (history: History, config: Config, logs: DumpedLogs): ReadonlyMap<string, string> => {
  const aborted = new Map<string, string>()
  const replay = new Replay(config)
  history.forEach((entry, step) => replay.apply(entry, step))
  for (const transaction of replay.transactions.ended) {
    if (transaction.end?.control !== "abort") continue
    for (const record of transaction.records) {
      if (record.offset === undefined) continue
      aborted.set(recordKey(record.topic, record.partition, record.offset), `a record of ${transaction.transactionalId}'s transaction that aborted at step ${transaction.end.step + 1}`)
    }
  }
  for (const dumped of logs.partitions.values()) {
    for (const entry of logs.dataOf(dumped)) {
      const end = logs.endOf(dumped.topic, dumped.partition, entry.offset)
      if (end?.control !== "abort") continue
      aborted.set(
        recordKey(dumped.topic, dumped.partition, entry.offset),
        `a record of ${end.transactionalId}'s transaction that aborted (abort marker at ${showRecord(dumped.topic, dumped.partition, end.offset)})`
      )
    }
  }
  return aborted
}

/** The first record of an aborted transaction delivered to a group of this isolation, with its step. */
const abortedRead = (history: History, config: Config, isolation: Isolation): Violation | undefined => {
  if (!showsTransactions(history)) return undefined
  const isolationByGroup = isolations(config)
  const aborted = abortedRecordsOf(history, config, dumpedLogsOf(history))
  if (aborted.size === 0) return undefined
  for (let step = 0; step < history.length; step++) {
    const response = history[step].response
    if (response._tag !== "Polled" || isolationByGroup.get(response.group) !== isolation) continue
    for (const record of response.records) {
      const why = aborted.get(recordKey(record.topic, record.partition, record.offset))
      if (why === undefined) continue
      return {
        step,
        message: `${isolation} member ${response.member} of ${response.group} was delivered ${
          showRecord(record.topic, record.partition, record.offset)
        }, ${why}`
      }
    }
  }
  return undefined
}

/** The first `Polled` answer to a `read_committed` group that holds a record whose transaction aborted (see `abortedRecordsOf`). */
const always = (history: History, config: Config): Violation | undefined => abortedRead(history, config, "read_committed")

/** A `read_uncommitted` group was delivered a record whose transaction aborted. */
const sometimes = (history: History, config: Config): boolean => abortedRead(history, config, "read_uncommitted") !== undefined

/** The checker of AbortedRecordsAreNeverReadCommitted. */
export const abortedRecordsAreNeverReadCommitted: GuaranteeCheck = {
  id: "AbortedRecordsAreNeverReadCommitted",
  always,
  sometimes,
  notApplicableReason: needs.bothIsolations
}
