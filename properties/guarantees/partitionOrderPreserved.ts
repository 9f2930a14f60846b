/**
 * PartitionOrderPreserved: a member sees each partition's offsets consecutive
 * and increasing between syncs and seeks, starting where its own group's
 * history puts it; sends with one key land on one partition in send order;
 * every delivered record is the one sent there.
 *
 * @module
 */
import type { Config, History, LogRecord } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { dumpedLogsOf } from "./internal/dumps.ts"
import { alwaysByEntry, type EntryCheck } from "./internal/entryWalk.ts"
import { memberKey, partitionKey, recordKey, showPartition, showRecord } from "./internal/keys.ts"
import { type AcknowledgedSend, type Append, appendsOf } from "./internal/sends.ts"
import { skipsOf } from "./internal/skips.ts"
import { showStartMismatch, startMismatchOf } from "./internal/startPosition.ts"

const show = (value: string | undefined): string => (value === undefined ? "no key" : JSON.stringify(value))

/** Why a delivered record is not the record sent at its position, or `undefined` when it is. */
const mismatch = (record: LogRecord, sent: AcknowledgedSend | undefined): string | undefined => {
  if (sent === undefined) return "no Sent answer put a record there"
  if (record.key !== sent.key) return `it carries key ${show(record.key)}, but the record sent there (step ${sent.step + 1}) has ${show(sent.key)}`
  if (record.value !== sent.value) return `it carries value ${JSON.stringify(record.value)}, but the record sent there (step ${sent.step + 1}) has ${JSON.stringify(sent.value)}`
  if (record.producer !== sent.producer) return `it names producer ${record.producer}, but producer ${sent.producer} sent the record there (step ${sent.step + 1})`
  return undefined
}

/**
 * The first of: a send landing on a position already sent to; a send whose
 * key was last sent to another partition or to a later offset; a delivered
 * record that differs from the record sent at its position; a delivery to a
 * member that does not continue, offset by offset, its previous delivery of
 * that partition in the same client incarnation and generation with no seek
 * between; a delivery that does not start where the member's own group's
 * history puts it (its position, else its group's last commit, else 0) when
 * no other group's commit explains the start (that is GroupsAreIndependent's
 * case).
 *
 * With transactions: the appends are `Sent` answers (a retry's with the
 * retried send's record), exactly-once results (`Processed` with an output)
 * and, for a send answered `SendTimedOut` (its position unknown), the dump's
 * entry or the first delivery of its record in its partition; "offset by
 * offset" steps over markers and, under `read_committed`, aborted records
 * (`internal/skips.ts`).
 *
 * With failures and retention: dead-letter publishes and redrives are
 * appends too (a redrive is not a keyed send: it goes back to its source
 * partition); a poll's reset starts its partition again at the reset's end,
 * and a partition's log start replaces 0 where nothing else puts the start.
 */
const entryCheckOf = (history: History, config: Config): EntryCheck => {
  const skips = skipsOf(history, config)
  const logs = dumpedLogsOf(history)
  const sent = new Map<string, AcknowledgedSend>()
  const lastOfKey = new Map<string, AcknowledgedSend>()
  /** Sends answered `SendTimedOut` whose position no answer named yet, per partition key. */
  const unplaced = new Map<string, Array<AcknowledgedSend>>()
  /** The append at a position: from the answers, else a timed-out send of the same record to that partition, else the dump. */
  const appendAt = (record: LogRecord): AcknowledgedSend | undefined => {
    const position = recordKey(record.topic, record.partition, record.offset)
    const known = sent.get(position)
    if (known !== undefined) return known
    const waiting = unplaced.get(partitionKey(record.topic, record.partition)) ?? []
    const index = waiting.findIndex((send) => send.producer === record.producer && send.key === record.key && send.value === record.value)
    const stored = logs.entry(record.topic, record.partition, record.offset)
    const placed = index >= 0
      ? { ...waiting.splice(index, 1)[0], offset: record.offset }
      : stored?._tag === "Data"
        ? { step: -1, topic: record.topic, partition: record.partition, offset: record.offset, producer: stored.producer, key: stored.key, value: stored.value }
        : undefined
    if (placed !== undefined) sent.set(position, placed)
    return placed
  }
  /** The first violation an append shows: a position sent to twice, or a key out of place or order. */
  const appendViolation = (appended: Append, step: number): Violation | undefined => {
    if (appended.offset === undefined) {
      const key = partitionKey(appended.topic, appended.partition)
      let waiting = unplaced.get(key)
      if (waiting === undefined) unplaced.set(key, (waiting = []))
      waiting.push({ ...appended, offset: -1 })
      return undefined
    }
    const send = { ...appended, offset: appended.offset }
    if (appended.retried !== undefined) {
      // An idempotent retry names the offset of the timed-out send it repeats: that send is placed now.
      const waiting = unplaced.get(partitionKey(send.topic, send.partition))
      const index = waiting?.findIndex((candidate) => candidate.step === appended.retried) ?? -1
      if (index >= 0) waiting!.splice(index, 1)
    }
    const position = recordKey(send.topic, send.partition, send.offset)
    const where = showRecord(send.topic, send.partition, send.offset)
    const earlier = sent.get(position)
    if (earlier !== undefined && !(appended.retried !== undefined && earlier.step === appended.retried)) {
      return { step, message: `a send was stored at ${where}, where the send of step ${earlier.step + 1} already sits` }
    }
    sent.set(position, send)
    // A recognised retry is no new send: its record sits where the timed-out send it repeats was appended.
    // A redrive appends to the partition its dead-letter record came from, not by key: it is not a send.
    if (send.key !== undefined && appended.retried === undefined && history[step].response._tag !== "DeadLettersRedriven") {
      const keyed = `${send.topic}\u0000${send.key}`
      const previous = lastOfKey.get(keyed)
      if (previous !== undefined && previous.partition !== send.partition) {
        return {
          step,
          message: `key ${show(send.key)} was sent to ${where}, but its send of step ${previous.step + 1} went to ${showPartition(previous.topic, previous.partition)}`
        }
      }
      if (previous !== undefined && previous.offset >= send.offset) {
        return {
          step,
          message: `key ${show(send.key)} was sent to ${where}, not after its send of step ${previous.step + 1} at ${showRecord(previous.topic, previous.partition, previous.offset)}`
        }
      }
      lastOfKey.set(keyed, send)
    }
    return undefined
  }
  return (entry, step, replay) => {
    const response = entry.response
    const appends = appendsOf(entry, step, replay)
    if (appends.length > 0) {
      for (const appended of appends) {
        const violation = appendViolation(appended, step)
        if (violation !== undefined) return violation
      }
    } else if (response._tag === "Polled") {
      const client = replay.client(response.group, response.member)
      const isolation = replay.isolation(response.group)
      const lastInPoll = new Map<string, number>()
      // A partition this poll reset (retention deleted its start) starts again at the reset's end.
      const reset = new Set((response.resets ?? []).map((r) => partitionKey(r.topic, r.partition)))
      for (const record of response.records) {
        const where = showRecord(record.topic, record.partition, record.offset)
        const wrong = mismatch(record, appendAt(record))
        if (wrong !== undefined) {
          return { step, message: `member ${response.member} of ${response.group} was delivered ${where}, but ${wrong}` }
        }
        const key = partitionKey(record.topic, record.partition)
        const previous = lastInPoll.get(key) ?? (reset.has(key) ? undefined : client.lastDelivered.get(key))
        const next = previous === undefined ? undefined : skips.next(record.topic, record.partition, previous + 1, isolation)
        if (previous !== undefined && !skips.continues(record.topic, record.partition, previous + 1, record.offset, isolation)) {
          const when = lastInPoll.has(key) ? "in the same poll" : "in an earlier poll of the same generation, with no seek between"
          return {
            step,
            message: `member ${response.member} of ${response.group} was delivered ${where} right after ${showRecord(record.topic, record.partition, previous)} ${when} (expected offset ${next})`
          }
        }
        lastInPoll.set(key, record.offset)
      }
      const start = startMismatchOf(replay, skips, response.group, response.member, response.records, response.resets)
      if (start !== undefined && start.causedBy.length === 0) return { step, message: showStartMismatch(start) }
    }
    return undefined
  }
}

/**
 * Some poll delivered two or more records of one partition, and some member
 * was delivered two different records sent with the same topic and key.
 */
const sometimes = (history: History, _config: Config): boolean => {
  let severalInOnePoll = false
  let sameKeyDelivered = false
  const keysDelivered = new Map<string, string>()
  for (const { response } of history) {
    if (response._tag !== "Polled") continue
    const seenInPoll = new Set<string>()
    for (const record of response.records) {
      const partition = partitionKey(record.topic, record.partition)
      if (seenInPoll.has(partition)) severalInOnePoll = true
      seenInPoll.add(partition)
      if (record.key === undefined) continue
      const keyed = `${memberKey(response.group, response.member)}\u0000${record.topic}\u0000${record.key}`
      const position = recordKey(record.topic, record.partition, record.offset)
      const earlier = keysDelivered.get(keyed)
      if (earlier === undefined) keysDelivered.set(keyed, position)
      else if (earlier !== position) sameKeyDelivered = true
    }
    if (severalInOnePoll && sameKeyDelivered) return true
  }
  return false
}

/** The checker of PartitionOrderPreserved. */
export const partitionOrderPreserved: GuaranteeCheck = {
  id: "PartitionOrderPreserved",
  always: alwaysByEntry(entryCheckOf),
  sometimes,
  entryCheckOf
}
