/**
 * RetentionLossesAreDocumented: retention deletes records only as the
 * topic's `retentionMs` and `retentionRecordsMax` say, nothing below a log
 * start is read again, a reader that fell below the log start resumes by its
 * group's `autoOffsetReset` and says so (a poll's `resets`, or a refused poll
 * for `none`), and an at-least-once group loses nothing any other way.
 *
 * The log starts are replayed from the answers (`internal/logStarts.ts`):
 * `ClockAdvanced.logStarts` for time retention, checked against the clock of
 * each append; `highWatermark - retentionRecordsMax` after each append for
 * size retention, which no answer reports.
 *
 * @module
 */
import { autoOffsetResetOf, type Config, type GroupConfig, type History, type OffsetReset } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { documentedLossesOf } from "./internal/documentedLosses.ts"
import { drainedGroupsOf, undrainedAmong } from "./internal/drainedGroups.ts"
import { failureNeeds, retentionTopicsOf } from "./internal/failureConfigs.ts"
import { partitionKey, recordKey, showPartition, showRecord } from "./internal/keys.ts"
import { Replay } from "./internal/replay.ts"
import { acknowledgedRecordsOf, showAppended } from "./internal/sends.ts"

/** The at-least-once groups that read a topic with retention. */
const judgedGroupsOf = (config: Config): ReadonlyArray<GroupConfig> => {
  const topics = new Set(retentionTopicsOf(config).map((topic) => topic.name))
  return config.groups.filter((group) => group.mode === "at-least-once" && group.topics.some((topic) => topics.has(topic)))
}

/** A partition whose start a poll of the member would use lies below the log start: where it would have started, and the log start. */
interface BelowStart {
  readonly topic: string
  readonly partition: number
  readonly start: number
  readonly logStart: number
}

/** The member's assigned partitions (in assignment order) whose position, else its group's committed offset, is below the log start. */
const belowStartOf = (replay: Replay, group: string, member: string): ReadonlyArray<BelowStart> => {
  const view = replay.group(group)
  const client = view.client(member)
  const below: Array<BelowStart> = []
  for (const { topic, partition } of client.assignment) {
    const key = partitionKey(topic, partition)
    const start = client.positions.get(key)?.offset ?? view.committed.get(key)?.offset
    const logStart = replay.logStart(topic, partition)
    if (start !== undefined && start < logStart) below.push({ topic, partition, start, logStart })
  }
  return below
}

/** Why a poll's reset is wrong, or `undefined` when it is the one its group's `autoOffsetReset` gives. */
const wrongReset = (replay: Replay, group: GroupConfig, below: ReadonlyArray<BelowStart>, reset: OffsetReset): string | undefined => {
  const where = showPartition(reset.topic, reset.partition)
  const logStart = replay.logStart(reset.topic, reset.partition)
  const policy = autoOffsetResetOf(group)
  if (policy === "none") return `${group.name}'s autoOffsetReset is none: such a poll is refused with OffsetOutOfRange`
  const due = below.find((b) => b.topic === reset.topic && b.partition === reset.partition)
  if (due === undefined || reset.from >= logStart) return `its start in ${where} is not below the log start ${logStart}`
  if (reset.from !== due.start) return `the poll would have started ${where} at ${due.start}`
  const to = policy === "earliest" ? logStart : replay.logEnd(reset.topic, reset.partition)
  if (reset.to !== to) return `${group.name}'s autoOffsetReset ${policy} resets ${where} to ${policy === "earliest" ? "the log start" : "the high watermark"} ${to}`
  return undefined
}

/** The first violation of the log start's replay or of the polls, dumps and clock advances that show it, in history order. */
const answerViolation = (history: History, config: Config): Violation | undefined => {
  const groups = new Map(config.groups.map((group) => [group.name, group]))
  const timed = config.topics.filter((topic) => topic.retentionMs !== undefined)
  const replay = new Replay(config)
  for (let step = 0; step < history.length; step++) {
    const entry = history[step]
    const { command, response } = entry
    switch (response._tag) {
      case "ClockAdvanced": {
        const listed = new Map((response.logStarts ?? []).map((moved) => [partitionKey(moved.topic, moved.partition), moved]))
        for (const moved of response.logStarts ?? []) {
          if (!timed.some((topic) => topic.name === moved.topic)) {
            return { step, message: `ClockAdvanced to ${response.nowMs} ms moved the log start of ${showPartition(moved.topic, moved.partition)} to ${moved.logStartOffset}, but ${moved.topic} has no retentionMs` }
          }
        }
        for (const topic of timed) {
          for (let partition = 0; partition < topic.partitions; partition++) {
            const expected = replay.logStarts.expiredEndOf(topic.name, partition, response.nowMs)
            const current = replay.logStart(topic.name, partition)
            const moved = listed.get(partitionKey(topic.name, partition))
            const said = moved?.logStartOffset ?? current
            if (said === expected) continue
            const where = showPartition(topic.name, partition)
            return {
              step,
              message: `ClockAdvanced to ${response.nowMs} ms ${moved === undefined ? `left the log start of ${where} at ${current}` : `moved the log start of ${where} to ${said}`}, but retentionMs ${topic.retentionMs} puts it at ${expected} (${
                expected > current
                  ? `offsets ${current} to ${expected - 1} were appended at or before ${response.nowMs - topic.retentionMs!} ms`
                  : `no entry from offset ${current} on was appended at or before ${response.nowMs - topic.retentionMs!} ms`
              })`
            }
          }
        }
        break
      }
      case "Polled": {
        const group = groups.get(response.group)
        if (group === undefined) break
        const who = `member ${response.member} of ${response.group}`
        for (const record of response.records) {
          const logStart = replay.logStart(record.topic, record.partition)
          if (record.offset < logStart) {
            return { step, message: `${who} was delivered ${showRecord(record.topic, record.partition, record.offset)}, below the log start ${logStart} of ${showPartition(record.topic, record.partition)}` }
          }
        }
        const below = belowStartOf(replay, response.group, response.member)
        for (const reset of response.resets ?? []) {
          const wrong = wrongReset(replay, group, below, reset)
          if (wrong !== undefined) {
            return { step, message: `${who}'s poll reset ${showPartition(reset.topic, reset.partition)} from ${reset.from} to ${reset.to}, but ${wrong}` }
          }
        }
        const unreported = below.find((b) => !(response.resets ?? []).some((r) => r.topic === b.topic && r.partition === b.partition))
        if (unreported !== undefined) {
          return {
            step,
            message: `${who}'s poll would start ${showPartition(unreported.topic, unreported.partition)} at ${unreported.start}, below the log start ${unreported.logStart}, but it ${
              autoOffsetResetOf(group) === "none" ? "was not refused with OffsetOutOfRange" : "reported no reset"
            } (autoOffsetReset ${autoOffsetResetOf(group)})`
          }
        }
        break
      }
      case "OffsetOutOfRange": {
        if (command._tag !== "ConsumerPoll") break
        const group = groups.get(command.group)
        if (group === undefined) break
        const who = `member ${command.member} of ${command.group}`
        const first = belowStartOf(replay, command.group, command.member)[0]
        const refused = `${who}'s poll was refused with OffsetOutOfRange at ${showRecord(response.topic, response.partition, response.offset)}${
          response.logStartOffset === undefined ? "" : ` (log start ${response.logStartOffset})`
        }`
        if (autoOffsetResetOf(group) !== "none") return { step, message: `${refused}, but ${command.group}'s autoOffsetReset ${autoOffsetResetOf(group)} resets instead` }
        if (first === undefined) return { step, message: `${refused}, but no start of its assigned partitions is below its log start` }
        if (response.topic !== first.topic || response.partition !== first.partition || response.offset !== first.start || response.logStartOffset !== first.logStart) {
          return {
            step,
            message: `${refused}, but its first partition below the log start is ${showPartition(first.topic, first.partition)}, whose start ${first.start} is below the log start ${first.logStart}`
          }
        }
        break
      }
      case "Dumped": {
        const logStart = replay.logStart(response.topic, response.partition)
        const where = showPartition(response.topic, response.partition)
        const below = response.entries.find((e) => e.offset < logStart)
        if (below !== undefined) return { step, message: `the dump of ${where} shows offset ${below.offset}, below its log start ${logStart}` }
        if ((response.logStartOffset ?? 0) !== logStart) {
          return { step, message: `the dump of ${where} gives the log start ${response.logStartOffset ?? 0}, but the answers put it at ${logStart}` }
        }
        break
      }
      default:
        break
    }
    replay.apply(entry, step)
  }
  return undefined
}

/** The record keys each group processed or dead-lettered. */
const handledOf = (history: History): ReadonlySet<string> => {
  const handled = new Set<string>()
  for (const { response } of history) {
    if (response._tag === "Processed" || response._tag === "ProcessDeadLettered") {
      handled.add(`${response.group}\u0000${recordKey(response.topic, response.partition, response.offset)}`)
    }
  }
  return handled
}

/**
 * The first of: a `ClockAdvanced` whose `logStarts` (or their absence) do not
 * move a log start exactly past the entries with `timestampMs + retentionMs
 * <= nowMs` (a listing for a topic without `retentionMs` included); a
 * delivery or a dump of an offset below the log start, a dump giving another
 * log start; a `Polled` reset whose `from` is not the start the poll would
 * have used below the log start, or whose `to` is not the log start
 * (`earliest`) or the high watermark (`latest`), a reset of a `none` group, a
 * poll that starts below the log start without a reset (without being
 * refused, for `none`); an `OffsetOutOfRange` refusing a poll that is not a
 * `none` group's first partition below the log start with its log start;
 * and, in a drained history, an acknowledged record a drained at-least-once
 * group that reads a topic with retention never processed nor dead-lettered
 * that no reset or refusal of its polls explains, nor a first read of its
 * partition at the log start (retention deleted it before the group first
 * read there: the poll starts at the log start and reports no reset), nor a
 * poison record its policy `none` blocks on (see
 * `internal/documentedLosses.ts`), at the last step.
 */
const always = (history: History, config: Config): Violation | undefined => {
  if (retentionTopicsOf(config).length === 0) return undefined
  const violation = answerViolation(history, config)
  if (violation !== undefined) return violation
  const drained = drainedGroupsOf(history, config)
  const groups = judgedGroupsOf(config).filter((group) => drained.has(group.name))
  if (groups.length === 0) return undefined
  const handled = handledOf(history)
  const losses = documentedLossesOf(history, config)
  for (const record of acknowledgedRecordsOf(history, config)) {
    for (const group of groups) {
      if (!group.topics.includes(record.topic)) continue
      if (handled.has(`${group.name}\u0000${recordKey(record.topic, record.partition, record.offset)}`)) continue
      if (losses.lossOf(group, record.topic, record.partition, record.offset) !== undefined) continue
      return {
        step: history.length - 1,
        message: `at-least-once group ${group.name} never processed nor dead-lettered ${showRecord(record.topic, record.partition, record.offset)} (${
          showAppended(history, record)
        }), and no reset, refused poll or first read at the log start of ${group.name} skipped it`
      }
    }
  }
  return undefined
}

/** A reset or a refused poll of an at-least-once group skipped an acknowledged record that the group never processed nor dead-lettered. */
const sometimes = (history: History, config: Config): boolean => {
  const groups = config.groups.filter((group) => group.mode === "at-least-once")
  if (retentionTopicsOf(config).length === 0 || groups.length === 0) return false
  const handled = handledOf(history)
  const losses = documentedLossesOf(history, config)
  for (const record of acknowledgedRecordsOf(history, config)) {
    for (const group of groups) {
      if (!group.topics.includes(record.topic)) continue
      if (handled.has(`${group.name}\u0000${recordKey(record.topic, record.partition, record.offset)}`)) continue
      const loss = losses.retentionLossOf(group.name, record.topic, record.partition, record.offset)
      if (loss !== undefined && loss.kind !== "unread") return true
    }
  }
  return false
}

/** The checker of RetentionLossesAreDocumented. */
export const retentionLossesAreDocumented: GuaranteeCheck = {
  id: "RetentionLossesAreDocumented",
  always,
  sometimes,
  judgesDrainedHistory: true,
  undrainedOf: undrainedAmong(judgedGroupsOf),
  notApplicableReason: failureNeeds.retention
}
