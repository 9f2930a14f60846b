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
import { memberKey, partitionKey, recordKey, showPartition, showRecord } from "./internal/keys.ts"
import { Replay } from "./internal/replay.ts"
import { showStartMismatch, startMismatchOf } from "./internal/startPosition.ts"
import { type AcknowledgedSend, acknowledgedSend } from "./internal/sends.ts"

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
 */
const always = (history: History, config: Config): Violation | undefined => {
  const replay = new Replay(config)
  const sent = new Map<string, AcknowledgedSend>()
  const lastOfKey = new Map<string, AcknowledgedSend>()
  for (let step = 0; step < history.length; step++) {
    const entry = history[step]
    const response = entry.response
    const send = acknowledgedSend(entry, step)
    if (send !== undefined) {
      const position = recordKey(send.topic, send.partition, send.offset)
      const where = showRecord(send.topic, send.partition, send.offset)
      const earlier = sent.get(position)
      if (earlier !== undefined) {
        return { step, message: `a send was stored at ${where}, where the send of step ${earlier.step + 1} already sits` }
      }
      sent.set(position, send)
      if (send.key !== undefined) {
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
    } else if (response._tag === "Polled") {
      const client = replay.client(response.group, response.member)
      const lastInPoll = new Map<string, number>()
      for (const record of response.records) {
        const where = showRecord(record.topic, record.partition, record.offset)
        const wrong = mismatch(record, sent.get(recordKey(record.topic, record.partition, record.offset)))
        if (wrong !== undefined) {
          return { step, message: `member ${response.member} of ${response.group} was delivered ${where}, but ${wrong}` }
        }
        const key = partitionKey(record.topic, record.partition)
        const previous = lastInPoll.get(key) ?? client.lastDelivered.get(key)
        if (previous !== undefined && record.offset !== previous + 1) {
          const when = lastInPoll.has(key) ? "in the same poll" : "in an earlier poll of the same generation, with no seek between"
          return {
            step,
            message: `member ${response.member} of ${response.group} was delivered ${where} right after ${showRecord(record.topic, record.partition, previous)} ${when} (expected offset ${previous + 1})`
          }
        }
        lastInPoll.set(key, record.offset)
      }
      const start = startMismatchOf(replay, response.group, response.member, response.records)
      if (start !== undefined && start.causedBy.length === 0) return { step, message: showStartMismatch(start) }
    }
    replay.apply(entry, step)
  }
  return undefined
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
export const partitionOrderPreserved: GuaranteeCheck = { id: "PartitionOrderPreserved", always, sometimes }
