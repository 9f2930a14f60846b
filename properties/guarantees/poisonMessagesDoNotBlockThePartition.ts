/**
 * PoisonMessagesDoNotBlockThePartition: under a `retry-then-dead-letter`
 * policy, an at-least-once group dead-letters every poison record (never
 * processes it), processes or dead-letters every record behind it in its
 * partition, and commits past it. Only the groups whose drain the history
 * shows complete are judged (see `internal/drainedGroups.ts`); records a
 * reset of the group's polls skipped, or below a log start a poll of it was
 * refused at, are documented losses of retention (see
 * `internal/documentedLosses.ts`) and are not judged.
 *
 * @module
 */
import { type Config, type History, isPoison } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { documentedLossesOf } from "./internal/documentedLosses.ts"
import { drainedGroupsOf, undrainedAmong } from "./internal/drainedGroups.ts"
import { failureGroupsOf, failureNeeds } from "./internal/failureConfigs.ts"
import { partitionKey, recordKey, showRecord } from "./internal/keys.ts"
import { Replay } from "./internal/replay.ts"
import { type AcknowledgedSend, acknowledgedRecordsOf, showAppended } from "./internal/sends.ts"

/** What a group did with each record place: processed it, dead-lettered it (per group, per record key). */
interface Handled {
  readonly processed: Map<string, Set<string>>
  readonly deadLettered: Map<string, Set<string>>
}

const handledOf = (history: History): Handled => {
  const handled: Handled = { processed: new Map(), deadLettered: new Map() }
  for (const { response } of history) {
    if (response._tag !== "Processed" && response._tag !== "ProcessDeadLettered") continue
    const map = response._tag === "Processed" ? handled.processed : handled.deadLettered
    let keys = map.get(response.group)
    if (keys === undefined) map.set(response.group, (keys = new Set()))
    keys.add(recordKey(response.topic, response.partition, response.offset))
  }
  return handled
}

const showAppend = (record: AcknowledgedSend, history: History): string =>
  `${showRecord(record.topic, record.partition, record.offset)} (${showAppended(history, record)})`

/**
 * Group by group in configuration order, the first acknowledged record (in
 * append order) that a drained at-least-once group with a
 * `retry-then-dead-letter` policy, reading its topic, handled wrongly: a poison record (sent, or appended by a redrive)
 * processed, never dead-lettered, or not passed by the group's last commit
 * of its partition; or a record behind a poison record in its partition
 * neither processed nor dead-lettered. Reported at the last step.
 */
const always = (history: History, config: Config): Violation | undefined => {
  const drained = drainedGroupsOf(history, config)
  const groups = failureGroupsOf(config, ["retry-then-dead-letter"], ["at-least-once"]).filter((group) => drained.has(group.name))
  if (groups.length === 0) return undefined
  const acknowledged = acknowledgedRecordsOf(history, config)
  const losses = documentedLossesOf(history, config)
  const handled = handledOf(history)
  const replay = new Replay(config)
  history.forEach((entry, step) => replay.apply(entry, step))
  const last = history.length - 1
  for (const group of groups) {
    const poisonFrom = new Map<string, number>()
    const isSentOrRedriven = (record: AcknowledgedSend): boolean => {
      const tag = history[record.step]?.response._tag
      return tag === "Sent" || tag === "DeadLettersRedriven"
    }
    for (const record of acknowledged) {
      if (!group.topics.includes(record.topic) || !isPoison(record.value) || !isSentOrRedriven(record)) continue
      if (losses.retentionLossOf(group.name, record.topic, record.partition, record.offset) !== undefined) continue
      const key = partitionKey(record.topic, record.partition)
      poisonFrom.set(key, Math.min(poisonFrom.get(key) ?? record.offset, record.offset))
    }
    if (poisonFrom.size === 0) continue
    const processed = handled.processed.get(group.name)
    const deadLettered = handled.deadLettered.get(group.name)
    for (const record of acknowledged) {
      if (!group.topics.includes(record.topic)) continue
      const from = poisonFrom.get(partitionKey(record.topic, record.partition))
      if (from === undefined || record.offset < from) continue
      if (losses.retentionLossOf(group.name, record.topic, record.partition, record.offset) !== undefined) continue
      const key = recordKey(record.topic, record.partition, record.offset)
      const what = `at-least-once group ${group.name}`
      if (isPoison(record.value) && isSentOrRedriven(record)) {
        if (processed?.has(key) === true) return { step: last, message: `${what} processed the poison record ${showAppend(record, history)}` }
        if (deadLettered?.has(key) !== true) {
          return { step: last, message: `${what} never dead-lettered the poison record ${showAppend(record, history)} by the end of the history` }
        }
        const committed = replay.group(group.name).committed.get(partitionKey(record.topic, record.partition))
        if (committed === undefined || committed.offset <= record.offset) {
          return {
            step: last,
            message: `${what} dead-lettered the poison record ${showAppend(record, history)}, but its last commit of ${record.topic}/${record.partition} ${
              committed === undefined ? "never happened" : `(step ${committed.step + 1}) is at ${committed.offset}`
            }, not past it`
          }
        }
      } else if (processed?.has(key) !== true && deadLettered?.has(key) !== true) {
        return {
          step: last,
          message: `${what} never processed nor dead-lettered ${showAppend(record, history)}, behind the poison record ${showRecord(record.topic, record.partition, from)}, by the end of the history`
        }
      }
    }
  }
  return undefined
}

/** An at-least-once group dead-lettered a poison record, and then processed a record behind it in its partition. */
const sometimes = (history: History, config: Config): boolean => {
  const groups = new Set(failureGroupsOf(config, ["retry-then-dead-letter"], ["at-least-once"]).map((group) => group.name))
  if (groups.size === 0) return false
  const replay = new Replay(config)
  const poisonAt = new Map<string, number>()
  for (let step = 0; step < history.length; step++) {
    const entry = history[step]
    const response = entry.response
    if ((response._tag === "ProcessDeadLettered" || response._tag === "Processed") && groups.has(response.group)) {
      const key = `${response.group}\u0000${partitionKey(response.topic, response.partition)}`
      if (response._tag === "ProcessDeadLettered") {
        const value = replay.deliveredRecord(response.topic, response.partition, response.offset)?.value
        if (value !== undefined && isPoison(value)) poisonAt.set(key, Math.min(poisonAt.get(key) ?? response.offset, response.offset))
      } else if ((poisonAt.get(key) ?? Infinity) < response.offset) {
        return true
      }
    }
    replay.apply(entry, step)
  }
  return false
}

/** The checker of PoisonMessagesDoNotBlockThePartition. */
export const poisonMessagesDoNotBlockThePartition: GuaranteeCheck = {
  id: "PoisonMessagesDoNotBlockThePartition",
  always,
  sometimes,
  judgesDrainedHistory: true,
  undrainedOf: undrainedAmong((config) => failureGroupsOf(config, ["retry-then-dead-letter"], ["at-least-once"])),
  notApplicableReason: failureNeeds.atLeastOnceDeadLetter
}
