/**
 * NoLossUnderAtLeastOnce: after the final drain, every acknowledged send has
 * been processed by every at-least-once group subscribed to its topic (with
 * transactions: every acknowledged record, see `acknowledgedRecordsOf`; a
 * record of an aborted or still open transaction is owed to no group; a
 * dead-letter record is owed to the groups that read its dead-letter topic,
 * a redriven record to those that read its source topic). Under a
 * `retry-then-dead-letter` policy a record the group dead-lettered counts as
 * handled; the losses the failure and retention claims document are exempt
 * (`internal/documentedLosses.ts`). Only the groups whose drain the history
 * shows complete are judged (see `internal/drainedGroups.ts`).
 *
 * @module
 */
import type { Config, History } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { clientLosses } from "./internal/clientLosses.ts"
import { documentedLossesOf } from "./internal/documentedLosses.ts"
import { drainedGroupsOf } from "./internal/drainedGroups.ts"
import { groupsOfMode, isGroupOfMode, subscribersOf } from "./internal/groupsByMode.ts"
import { partitionKey, recordKey, showRecord } from "./internal/keys.ts"
import { Replay } from "./internal/replay.ts"
import { acknowledgedRecordsOf, showAppended } from "./internal/sends.ts"

/** The record keys each group answered `Processed` or (under a `retry-then-dead-letter` policy: set aside, handled) `ProcessDeadLettered` for. */
const processedByGroup = (history: History): ReadonlyMap<string, ReadonlySet<string>> => {
  const processed = new Map<string, Set<string>>()
  for (const { response } of history) {
    if (response._tag !== "Processed" && response._tag !== "ProcessDeadLettered") continue
    let keys = processed.get(response.group)
    if (keys === undefined) processed.set(response.group, (keys = new Set()))
    keys.add(recordKey(response.topic, response.partition, response.offset))
  }
  return processed
}

/**
 * The first acknowledged send (in send order) that a subscribed at-least-once
 * group, drained by the end of the history, never processed (nor
 * dead-lettered) and whose loss no failure or retention claim documents,
 * reported at the last step: a loss is only visible once the drain is over.
 */
const always = (history: History, config: Config): Violation | undefined => {
  const drained = drainedGroupsOf(history, config)
  const groups = groupsOfMode(config, "at-least-once").filter((group) => drained.has(group.name))
  if (groups.length === 0) return undefined
  const processed = processedByGroup(history)
  const losses = documentedLossesOf(history, config)
  for (const send of acknowledgedRecordsOf(history, config)) {
    for (const group of subscribersOf(groups, send.topic)) {
      if (processed.get(group.name)?.has(recordKey(send.topic, send.partition, send.offset)) === true) continue
      if (losses.lossOf(group, send.topic, send.partition, send.offset) !== undefined) continue
      return {
        step: history.length - 1,
        message: `at-least-once group ${group.name} never processed ${showRecord(send.topic, send.partition, send.offset)} (${showAppended(history, send)}) by the end of the history`
      }
    }
  }
  return undefined
}

/**
 * An at-least-once member crashed, left, rejoined or expired while its buffer
 * held records its group's commit did not cover, and one of those records was
 * processed by the group afterwards.
 */
const sometimes = (history: History, config: Config): boolean => {
  const replay = new Replay(config)
  const atRisk = new Map<string, Set<string>>()
  for (let step = 0; step < history.length; step++) {
    const entry = history[step]
    const response = entry.response
    if (response._tag === "Processed") {
      if (atRisk.get(response.group)?.has(recordKey(response.topic, response.partition, response.offset)) === true) {
        return true
      }
    }
    for (const { client } of clientLosses(entry, replay)) {
      if (!isGroupOfMode(config, client.group, "at-least-once")) continue
      const group = replay.group(client.group)
      for (const held of client.buffer.values()) {
        const committed = group.committed.get(partitionKey(held.topic, held.partition))?.offset ?? 0
        if (committed > held.offset) continue
        let keys = atRisk.get(client.group)
        if (keys === undefined) atRisk.set(client.group, (keys = new Set()))
        keys.add(recordKey(held.topic, held.partition, held.offset))
      }
    }
    replay.apply(entry, step)
  }
  return false
}

/** The checker of NoLossUnderAtLeastOnce. */
export const noLossUnderAtLeastOnce: GuaranteeCheck = { id: "NoLossUnderAtLeastOnce", always, sometimes, judgesDrainedHistory: true }
