/**
 * RedrivenDeadLettersAreProcessed: a `DeadLetterRedrive` returns exactly the
 * group's dead-letterings no earlier redrive returned, in order, each to a
 * new place at the end of its original's partition holding the original's
 * key and value; after the final drain an at-least-once group has processed
 * (or dead-lettered again) every redriven record that is not poison. An
 * at-most-once group may lose a redriven record as it may lose any record
 * (a seek forward past it, a commit past it before a crash: see
 * AtMostOnceCanLose), so only its redrives are judged. Records a reset of the
 * group's polls skipped are retention's documented losses
 * (`internal/documentedLosses.ts`) and are not judged; only the groups whose
 * drain the history shows complete are judged for the processing.
 *
 * @module
 */
import { type Config, type History, isPoison } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { documentedLossesOf } from "./internal/documentedLosses.ts"
import { drainedGroupsOf, undrainedAmong } from "./internal/drainedGroups.ts"
import { dumpedLogsOf } from "./internal/dumps.ts"
import { failureGroupsOf, failureNeeds } from "./internal/failureConfigs.ts"
import { type DeadLettering, FailureReplay } from "./internal/failureReplay.ts"
import { ordinal, partitionKey, recordKey, showRecord } from "./internal/keys.ts"

const showDeadLettering = (d: DeadLettering): string =>
  `${showRecord(d.deadLetter.topic, d.deadLetter.partition, d.deadLetter.offset)} (the dead-lettering of ${showRecord(d.topic, d.partition, d.offset)} at step ${d.step + 1})`

const showValue = (value: string | undefined): string => (value === undefined ? "none" : JSON.stringify(value))

/** The first violation the redrive answers themselves show, and the failure replay up to it (or of the whole history). */
const answerViolation = (history: History, config: Config): { readonly violation: Violation | undefined; readonly failures: FailureReplay } => {
  const failures = new FailureReplay(config)
  for (let step = 0; step < history.length; step++) {
    const entry = history[step]
    const response = entry.response
    if (response._tag === "DeadLettersRedriven") {
      const pending = failures.group(response.group).pendingRedrive()
      const what = `DeadLetterRedrive of ${response.group}`
      const next = new Map<string, number>()
      for (let i = 0; i < Math.max(pending.length, response.records.length); i++) {
        const expected = pending[i]
        const listed = response.records[i]
        if (listed === undefined) {
          return { violation: { step, message: `${what} listed ${response.records.length} records, but it had not redriven ${showDeadLettering(expected)} yet` }, failures }
        }
        const where = showRecord(listed.deadLetter.topic, listed.deadLetter.partition, listed.deadLetter.offset)
        if (expected === undefined || recordKey(expected.deadLetter.topic, expected.deadLetter.partition, expected.deadLetter.offset) !== recordKey(listed.deadLetter.topic, listed.deadLetter.partition, listed.deadLetter.offset)) {
          return {
            violation: {
              step,
              message: `${what} listed ${where} ${ordinal(i + 1)}, but ${
                expected === undefined ? `${response.group} has only ${pending.length} dead-letterings no earlier redrive listed` : `expected ${showDeadLettering(expected)}`
              }`
            },
            failures
          }
        }
        const source = listed.source
        const to = showRecord(source.topic, source.partition, source.offset)
        if (source.topic !== expected.topic || source.partition !== expected.partition) {
          return { violation: { step, message: `${what} returned ${where} to ${to}, but its original ${showRecord(expected.topic, expected.partition, expected.offset)} came from ${expected.topic}/${expected.partition}` }, failures }
        }
        const key = partitionKey(source.topic, source.partition)
        const end = next.get(key) ?? failures.replay.logEnd(source.topic, source.partition)
        if (source.offset < end) {
          return { violation: { step, message: `${what} returned ${where} to ${to}, but ${source.topic}/${source.partition} already held offset ${source.offset} (expected a new place at ${end} or later)` }, failures }
        }
        next.set(key, source.offset + 1)
      }
    }
    failures.apply(entry, step)
  }
  return { violation: undefined, failures }
}

/**
 * The first, by step, of: a `DeadLettersRedriven` that does not list, in
 * order, exactly the group's `ProcessDeadLettered` answers no earlier redrive
 * listed, or that puts one in another partition than its original's or not
 * at a new place past the partition's end (as the answers before it show
 * it); a dump of a source partition (from offset 0, after the redrive) whose
 * entry at a redriven record's place does not hold the original's key and
 * value; and, in a drained history, a redriven record that is not poison
 * and that a drained at-least-once group with a `retry-then-dead-letter`
 * policy never processed nor dead-lettered again (at the last step).
 */
const always = (history: History, config: Config): Violation | undefined => {
  if (failureGroupsOf(config, ["retry-then-dead-letter"]).length === 0) return undefined
  const { violation, failures } = answerViolation(history, config)
  const before = violation?.step ?? history.length
  let first = violation
  const logs = dumpedLogsOf(history)
  for (const d of failures.bySource.values()) {
    const redriven = d.redriven!
    const source = redriven.source
    const dumped = logs.partition(source.topic, source.partition)
    if (dumped === undefined || dumped.from > source.offset || dumped.step < redriven.step || dumped.step >= before) continue
    // Retention may have deleted it since: the dump then starts past it.
    if (source.offset < dumped.logStart) continue
    const entry = dumped.entries.get(source.offset)
    if (entry?._tag === "Data" && entry.key === d.key && entry.value === d.value) continue
    if (first !== undefined && first.step <= dumped.step) continue
    first = {
      step: dumped.step,
      message: `the dump of ${source.topic}/${source.partition} shows ${
        entry === undefined ? "nothing" : entry._tag === "Data" ? `key ${showValue(entry.key)} and value ${showValue(entry.value)}` : "a marker"
      } at ${showRecord(source.topic, source.partition, source.offset)}, but the redrive of step ${redriven.step + 1} put ${showDeadLettering(d)} there with key ${
        showValue(d.key)
      } and value ${showValue(d.value)}`
    }
  }
  if (first !== undefined) return first
  const drained = drainedGroupsOf(history, config)
  const groups = failureGroupsOf(config, ["retry-then-dead-letter"]).filter((group) => group.mode === "at-least-once" && drained.has(group.name))
  if (groups.length === 0) return undefined
  const handled = new Set<string>()
  for (const { response } of history) {
    if (response._tag === "Processed" || response._tag === "ProcessDeadLettered") {
      handled.add(`${response.group}\u0000${recordKey(response.topic, response.partition, response.offset)}`)
    }
  }
  const losses = documentedLossesOf(history, config)
  for (const group of groups) {
    for (const d of failures.group(group.name).deadLetterings) {
      const source = d.redriven?.source
      if (source === undefined || (d.value !== undefined && isPoison(d.value))) continue
      if (handled.has(`${group.name}\u0000${recordKey(source.topic, source.partition, source.offset)}`)) continue
      if (losses.retentionLossOf(group.name, source.topic, source.partition, source.offset) !== undefined) continue
      return {
        step: history.length - 1,
        message: `at-least-once group ${group.name} never processed nor dead-lettered again ${showRecord(source.topic, source.partition, source.offset)}, where the redrive of step ${
          d.redriven!.step + 1
        } returned ${showDeadLettering(d)}, by the end of the history`
      }
    }
  }
  return undefined
}

/** A record dead-lettered while its group's downstream was down (or for its open breaker) was redriven while it was up, and then processed by the group. */
const sometimes = (history: History, config: Config): boolean => {
  if (failureGroupsOf(config, ["retry-then-dead-letter"]).length === 0) return false
  const failures = new FailureReplay(config)
  for (let step = 0; step < history.length; step++) {
    const entry = history[step]
    const response = entry.response
    if (response._tag === "Processed") {
      const d = failures.bySource.get(recordKey(response.topic, response.partition, response.offset))
      if (d !== undefined && d.group === response.group && (d.downstreamDown || d.cause === "breaker-open") && d.redriven?.downstreamUp === true) return true
    }
    failures.apply(entry, step)
  }
  return false
}

/** The checker of RedrivenDeadLettersAreProcessed. */
export const redrivenDeadLettersAreProcessed: GuaranteeCheck = {
  id: "RedrivenDeadLettersAreProcessed",
  always,
  sometimes,
  judgesDrainedHistory: true,
  undrainedOf: undrainedAmong((config) => failureGroupsOf(config, ["retry-then-dead-letter"]).filter((group) => group.mode === "at-least-once")),
  notApplicableReason: failureNeeds.deadLetter
}
