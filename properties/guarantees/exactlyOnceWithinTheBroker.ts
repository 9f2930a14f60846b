/**
 * ExactlyOnceWithinTheBroker: after the drain, every input record of an
 * exactly-once group has exactly one committed result in the group's output
 * topic. Only the groups whose drain the history shows complete are judged
 * (see `internal/drainedGroups.ts`).
 *
 * @module
 */
import type { Config, GroupConfig, History } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { drainedGroupsOf } from "./internal/drainedGroups.ts"
import { type DumpedLogs, dumpedLogsOf } from "./internal/dumps.ts"
import { groupsOfMode } from "./internal/groupsByMode.ts"
import { recordKey, showRecord } from "./internal/keys.ts"
import { Replay } from "./internal/replay.ts"
import { committedResultsOf, resultValue } from "./internal/results.ts"
import { showsTransactions } from "./internal/transactional.ts"

/** The inputs of the group that a `read_committed` reader sees (plain or committed data entries), in topic, partition, offset order. */
const visibleInputsOf = (logs: DumpedLogs, config: Config, group: GroupConfig): ReadonlyArray<{ topic: string; partition: number; offset: number }> => {
  const inputs: Array<{ topic: string; partition: number; offset: number }> = []
  for (const topic of config.topics) {
    if (!group.topics.includes(topic.name)) continue
    for (let partition = 0; partition < topic.partitions; partition++) {
      const dumped = logs.partition(topic.name, partition)
      if (dumped === undefined) continue
      for (const entry of logs.dataOf(dumped)) {
        const fate = logs.fate(topic.name, partition, entry.offset)
        if (fate === "plain" || fate === "committed") inputs.push({ topic: topic.name, partition, offset: entry.offset })
      }
    }
  }
  return inputs
}

/**
 * For each drained exactly-once group, in the drain's dumps: the first input
 * a `read_committed` reader sees with no committed result or with two or
 * more, else the first committed result of the group's members that is the
 * result of no such input; reported at the last step (it is a claim about
 * the end of the drain).
 */
const always = (history: History, config: Config): Violation | undefined => {
  if (!showsTransactions(history)) return undefined
  const drained = drainedGroupsOf(history, config)
  const groups = groupsOfMode(config, "exactly-once").filter((group) => drained.has(group.name))
  if (groups.length === 0) return undefined
  const logs = dumpedLogsOf(history)
  const step = history.length - 1
  for (const group of groups) {
    const results = committedResultsOf(logs, config, group)
    const inputs = new Set<string>()
    for (const input of visibleInputsOf(logs, config, group)) {
      const value = resultValue(input.topic, input.partition, input.offset)
      inputs.add(value)
      const where = results.get(value) ?? []
      if (where.length === 1) continue
      return {
        step,
        message: `exactly-once group ${group.name}'s input ${showRecord(input.topic, input.partition, input.offset)} has ${
          where.length === 0 ? "no committed result" : `${where.length} committed results (${where.join(", ")})`
        } in ${group.outputTopic} by the end of the history`
      }
    }
    for (const [value, where] of results) {
      if (inputs.has(value)) continue
      return {
        step,
        message: `${where[0]}, a committed result of exactly-once group ${group.name} (value ${JSON.stringify(value)}), is the result of no input ${group.name} reads`
      }
    }
  }
  return undefined
}

/**
 * An exactly-once group's transaction that held the result of an input
 * aborted (by its member, a new epoch or a timeout), a member of the group
 * processed that input again afterwards, and the drain's dump shows exactly
 * one committed result for it; only groups whose drain the history shows
 * complete count (as in `always`).
 */
const sometimes = (history: History, config: Config): boolean => {
  if (!showsTransactions(history)) return false
  const logs = dumpedLogsOf(history)
  if (logs.partitions.size === 0) return false
  const drained = drainedGroupsOf(history, config)
  if (!groupsOfMode(config, "exactly-once").some((group) => drained.has(group.name))) return false
  const replay = new Replay(config)
  const abortedInputs = new Map<string, string>()
  const reprocessed = new Map<string, string>()
  for (let step = 0; step < history.length; step++) {
    const entry = history[step]
    const response = entry.response
    if (response._tag === "Processed" && response.output !== undefined) {
      const key = recordKey(response.topic, response.partition, response.offset)
      const group = abortedInputs.get(key)
      if (group === response.group && drained.has(group)) reprocessed.set(key, group)
    }
    const before = replay.transactions.ended.length
    replay.apply(entry, step)
    for (const transaction of replay.transactions.ended.slice(before)) {
      if (transaction.end?.control !== "abort") continue
      const group = replay.transactions.kinds.of(transaction.transactionalId).group
      if (group === undefined) continue
      for (const record of transaction.records) {
        if (record.input !== undefined) abortedInputs.set(recordKey(record.input.topic, record.input.partition, record.input.offset), group)
      }
    }
  }
  const resultsByGroup = new Map<string, ReadonlyMap<string, Array<string>>>()
  for (const [key, group] of reprocessed) {
    const groupConfig = config.groups.find((candidate) => candidate.name === group)
    if (groupConfig === undefined) continue
    let results = resultsByGroup.get(group)
    if (results === undefined) resultsByGroup.set(group, (results = committedResultsOf(logs, config, groupConfig)))
    const [topic, partition, offset] = key.split("\u0000")
    if (results.get(resultValue(topic, Number(partition), Number(offset)))?.length === 1) return true
  }
  return false
}

/** The checker of ExactlyOnceWithinTheBroker. */
export const exactlyOnceWithinTheBroker: GuaranteeCheck = {
  id: "ExactlyOnceWithinTheBroker",
  always,
  sometimes,
  judgesDrainedHistory: true
}
