/**
 * PoisonBlocksWithoutAPolicy: the naive consumer's honest limit. No group
 * with a `failure` config processes a poison record, no group whose policy
 * is `none` dead-letters anything, and after the final drain an
 * at-least-once group whose policy is `none` has not committed past a
 * poison record the drain delivered to it: it blocks the partition.
 *
 * "Delivered by the drain": the record is in the buffer of a running client
 * of the group at the end (the drainer holds it, unable to finish it), or no
 * reset or refused poll of the group skipped it (retention's documented
 * losses, `internal/documentedLosses.ts`), so the drain, reading from the
 * group's committed offset, delivered it. Only the groups whose drain the
 * history shows complete are judged.
 *
 * @module
 */
import { type Config, type GroupConfig, type History, isPoison } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { documentedLossesOf } from "./internal/documentedLosses.ts"
import { drainedGroupsOf, undrainedAmong } from "./internal/drainedGroups.ts"
import { failureGroupsOf, failureNeeds } from "./internal/failureConfigs.ts"
import { partitionKey, recordKey, showRecord } from "./internal/keys.ts"
import { Replay } from "./internal/replay.ts"
import { type AcknowledgedSend, acknowledgedRecordsOf, showAppended } from "./internal/sends.ts"

/** The at-least-once groups whose policy is `none` that read a topic. */
const blockedGroupsOf = (config: Config): ReadonlyArray<GroupConfig> => failureGroupsOf(config, ["none"], ["at-least-once"])

/** The first `Processed` of a poison record by a group with a `failure` config, or `ProcessDeadLettered` of a group whose policy is `none`; and the replay of the history up to it (or whole). */
const answerViolation = (history: History, config: Config): { readonly violation: Violation | undefined; readonly replay: Replay } => {
  const failures = new Map(config.groups.flatMap((group) => (group.failure === undefined ? [] : [[group.name, group.failure] as const])))
  const replay = new Replay(config)
  for (let step = 0; step < history.length; step++) {
    const entry = history[step]
    const response = entry.response
    if (response._tag === "Processed" && failures.has(response.group)) {
      const value = replay.deliveredRecord(response.topic, response.partition, response.offset)?.value
      if (value !== undefined && isPoison(value)) {
        return {
          violation: {
            step,
            message: `member ${response.member} of ${response.group} processed the poison record ${
              showRecord(response.topic, response.partition, response.offset)
            } (value ${JSON.stringify(value)}), but a group with a failure config fails every attempt at it`
          },
          replay
        }
      }
    } else if (response._tag === "ProcessDeadLettered" && failures.get(response.group)?.policy === "none") {
      return {
        violation: {
          step,
          message: `member ${response.member} of ${response.group} dead-lettered ${
            showRecord(response.topic, response.partition, response.offset)
          }, but ${response.group}'s failure policy is none: it retries in place, it has no dead-letter topic`
        },
        replay
      }
    }
    replay.apply(entry, step)
  }
  return { violation: undefined, replay }
}

/** Whether a running client of the group holds the record at the end of the replayed history. */
const heldAtEnd = (replay: Replay, group: string, record: AcknowledgedSend): boolean => {
  const key = recordKey(record.topic, record.partition, record.offset)
  for (const client of replay.group(group).clients.values()) if (client.running && client.buffer.has(key)) return true
  return false
}

/**
 * The first of: a `Processed` of a poison record by a group with a `failure`
 * config, a `ProcessDeadLettered` of a group whose policy is `none`; and, in
 * a drained history, for a drained at-least-once group whose policy is
 * `none`, a poison record of a topic it reads (group by group, in append
 * order) that the drain delivered to it and that its last `Committed`
 * offset of the partition is above (reported at the last step).
 */
const always = (history: History, config: Config): Violation | undefined => {
  if (!config.groups.some((group) => group.failure !== undefined)) return undefined
  const { violation, replay } = answerViolation(history, config)
  if (violation !== undefined) return violation
  const drained = drainedGroupsOf(history, config)
  const groups = blockedGroupsOf(config).filter((group) => drained.has(group.name))
  if (groups.length === 0) return undefined
  const losses = documentedLossesOf(history, config)
  for (const group of groups) {
    for (const record of acknowledgedRecordsOf(history, config)) {
      if (!group.topics.includes(record.topic) || !isPoison(record.value)) continue
      const skipped = losses.retentionLossOf(group.name, record.topic, record.partition, record.offset)
      if (skipped !== undefined && !heldAtEnd(replay, group.name, record)) continue
      const committed = replay.group(group.name).committed.get(partitionKey(record.topic, record.partition))
      if (committed === undefined || committed.offset <= record.offset) continue
      return {
        step: history.length - 1,
        message: `at-least-once group ${group.name} (policy none) committed ${record.topic}/${record.partition} at ${committed.offset} (step ${
          committed.step + 1
        }, member ${committed.member}), past the poison record ${showRecord(record.topic, record.partition, record.offset)} (${showAppended(history, record)}) it can never process: expected its commits to stay at or below ${record.offset}`
      }
    }
  }
  return undefined
}

/**
 * After the final drain, a drained at-least-once group whose policy is
 * `none` has committed a partition at or below a poison record (or not at
 * all) and never processed a record behind it there.
 */
const sometimes = (history: History, config: Config): boolean => {
  const drained = drainedGroupsOf(history, config)
  const groups = blockedGroupsOf(config).filter((group) => drained.has(group.name))
  if (groups.length === 0) return false
  const replay = new Replay(config)
  const processed = new Set<string>()
  history.forEach((entry, step) => {
    const response = entry.response
    if (response._tag === "Processed") processed.add(`${response.group}\u0000${recordKey(response.topic, response.partition, response.offset)}`)
    replay.apply(entry, step)
  })
  const acknowledged = acknowledgedRecordsOf(history, config)
  for (const group of groups) {
    const stuckAt = new Map<string, number>()
    for (const record of acknowledged) {
      if (!group.topics.includes(record.topic)) continue
      const key = partitionKey(record.topic, record.partition)
      const poison = stuckAt.get(key)
      if (poison !== undefined && record.offset > poison && !processed.has(`${group.name}\u0000${recordKey(record.topic, record.partition, record.offset)}`)) return true
      if (!isPoison(record.value) || poison !== undefined) continue
      const committed = replay.group(group.name).committed.get(key)?.offset ?? 0
      if (committed <= record.offset) stuckAt.set(key, record.offset)
    }
  }
  return false
}

/** The checker of PoisonBlocksWithoutAPolicy. */
export const poisonBlocksWithoutAPolicy: GuaranteeCheck = {
  id: "PoisonBlocksWithoutAPolicy",
  always,
  sometimes,
  judgesDrainedHistory: true,
  undrainedOf: undrainedAmong(blockedGroupsOf),
  notApplicableReason: failureNeeds.atLeastOnceNoPolicy
}
