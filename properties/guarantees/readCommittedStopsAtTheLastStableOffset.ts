/**
 * ReadCommittedStopsAtTheLastStableOffset: a read_committed reader never
 * receives a record of a transaction that is still open; its fetches stop at
 * the last stable offset.
 *
 * @module
 */
import { type Config, type History, isolationOf } from "../../spec/index.ts"
import { needs } from "./applicability.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { dumpedLogsOf } from "./internal/dumps.ts"
import { partitionKey, recordKey, showRecord } from "./internal/keys.ts"
import { Replay } from "./internal/replay.ts"
import { showsTransactions } from "./internal/transactional.ts"

/** A transactional record and the step its transaction's marker was appended at (`Infinity`: still open at the end). */
interface OpenUntil {
  readonly offset: number
  readonly markerStep: number
  readonly transactionalId: string
}

/**
 * Per partition key, the dump's transactional data entries in offset order,
 * each with the step whose answer named its ending marker; an entry whose
 * marker no answer named is left out (the history cannot date it).
 */
const openUntilOf = (history: History, replay: Replay): ReadonlyMap<string, ReadonlyArray<OpenUntil>> => {
  const logs = dumpedLogsOf(history)
  const byPartition = new Map<string, Array<OpenUntil>>()
  for (const dumped of logs.partitions.values()) {
    const list: Array<OpenUntil> = []
    for (const entry of logs.dataOf(dumped)) {
      if (entry.transactional !== true) continue
      const end = logs.endOf(dumped.topic, dumped.partition, entry.offset)
      const written = end === undefined ? undefined : replay.transactions.markers.get(recordKey(dumped.topic, dumped.partition, end.offset))
      if (end !== undefined && written === undefined) continue
      const transactionalId = end?.transactionalId ?? replay.transactions.kinds.of(entry.producer).transactionalId ?? entry.producer
      list.push({ offset: entry.offset, markerStep: written?.step ?? Infinity, transactionalId })
    }
    byPartition.set(partitionKey(dumped.topic, dumped.partition), list)
  }
  return byPartition
}

/**
 * The first `Polled` answer to a `read_committed` group that delivers a
 * record at or past the first offset, in its partition, of a transaction
 * open at that step: a record of an open transaction the answers placed
 * (`Sent`, `Processed` with an output), or a transactional entry of the dump
 * whose marker a later step appended (or none did).
 */
const always = (history: History, config: Config): Violation | undefined => {
  if (!showsTransactions(history)) return undefined
  const readCommitted = new Set(config.groups.filter((group) => isolationOf(group) === "read_committed").map((group) => group.name))
  if (readCommitted.size === 0) return undefined
  const ended = new Replay(config)
  history.forEach((entry, step) => ended.apply(entry, step))
  const openUntil = openUntilOf(history, ended)
  const replay = new Replay(config)
  for (let step = 0; step < history.length; step++) {
    const entry = history[step]
    const response = entry.response
    if (response._tag === "Polled" && readCommitted.has(response.group)) {
      for (const record of response.records) {
        const key = partitionKey(record.topic, record.partition)
        let open: { offset: number; transactionalId: string } | undefined
        for (const transaction of replay.transactions.open.values()) {
          for (const written of transaction.records) {
            if (written.offset === undefined || partitionKey(written.topic, written.partition) !== key || written.offset > record.offset) continue
            if (open === undefined || written.offset < open.offset) open = { offset: written.offset, transactionalId: transaction.transactionalId }
          }
        }
        for (const dumped of openUntil.get(key) ?? []) {
          if (dumped.offset > record.offset) break
          if (dumped.markerStep > step && (open === undefined || dumped.offset < open.offset)) open = dumped
        }
        if (open === undefined) continue
        return {
          step,
          message: `read_committed member ${response.member} of ${response.group} was delivered ${
            showRecord(record.topic, record.partition, record.offset)
          }, at or past ${showRecord(record.topic, record.partition, open.offset)}, the first record of ${open.transactionalId}'s transaction still open at this step (the last stable offset)`
        }
      }
    }
    replay.apply(entry, step)
  }
  return undefined
}

/**
 * A `read_committed` poll with room left (fewer records than `recordsMax`)
 * by a member owning a partition in which an open transaction had appended a
 * record: the fetch stopped at that transaction's first offset, short of the
 * high watermark.
 */
const sometimes = (history: History, config: Config): boolean => {
  if (!showsTransactions(history)) return false
  const readCommitted = new Set(config.groups.filter((group) => isolationOf(group) === "read_committed").map((group) => group.name))
  const replay = new Replay(config)
  for (let step = 0; step < history.length; step++) {
    const entry = history[step]
    const { command, response } = entry
    if (response._tag === "Polled" && command._tag === "ConsumerPoll" && readCommitted.has(response.group) && response.records.length < command.recordsMax) {
      const owned = new Set(replay.client(response.group, response.member).assignment.map((tp) => partitionKey(tp.topic, tp.partition)))
      for (const transaction of replay.transactions.open.values()) {
        if (transaction.records.some((record) => owned.has(partitionKey(record.topic, record.partition)))) return true
      }
    }
    replay.apply(entry, step)
  }
  return false
}

/** The checker of ReadCommittedStopsAtTheLastStableOffset. */
export const readCommittedStopsAtTheLastStableOffset: GuaranteeCheck = {
  id: "ReadCommittedStopsAtTheLastStableOffset",
  always,
  sometimes,
  notApplicableReason: needs.readCommitted
}
