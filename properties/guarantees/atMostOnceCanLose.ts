/**
 * AtMostOnceCanLose: at-most-once loses records, but only when a member that
 * committed past a record lost its client or session before processing it,
 * or when a member of the group sought over it; besides, a record the group
 * dead-lettered is handled, not lost, and the losses the failure and
 * retention claims document (`internal/documentedLosses.ts`: resets and
 * refusals of its polls, a poison record blocking a policy-`none` group) are
 * explained. Only the groups whose drain the history shows complete are
 * judged (see `internal/drainedGroups.ts`).
 *
 * @module
 */
import type { Config, History } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { clientLosses } from "./internal/clientLosses.ts"
import { documentedLossesOf } from "./internal/documentedLosses.ts"
import { drainedGroupsOf } from "./internal/drainedGroups.ts"
import { groupsOfMode, isGroupOfMode, subscribersOf } from "./internal/groupsByMode.ts"
import { memoByHistoryAndConfig } from "./internal/historyMemo.ts"
import { partitionKey, recordKey, showRecord } from "./internal/keys.ts"
import { OffsetCover } from "./internal/offsetCover.ts"
import { Replay } from "./internal/replay.ts"
import { type AcknowledgedSend, acknowledgedRecordsOf } from "./internal/sends.ts"

/** One unprocessed acknowledged send of an at-most-once group, and whether it is explained. */
interface Unprocessed {
  readonly group: string
  readonly send: AcknowledgedSend
  readonly explained: boolean
  /** A member committed past it and then lost its client or session before processing it: at-most-once's own loss. */
  readonly lostInBuffer: boolean
}

/**
 * The acknowledged sends each drained at-most-once group never processed, in
 * send order, each with its explanation (asked by `always` and `sometimes`:
 * computed once per history).
 */
const unprocessedSends = memoByHistoryAndConfig((history: History, config: Config): ReadonlyArray<Unprocessed> => {
  const drained = drainedGroupsOf(history, config)
  const groups = groupsOfMode(config, "at-most-once").filter((group) => drained.has(group.name))
  if (groups.length === 0) return []
  const replay = new Replay(config)
  const acknowledged = acknowledgedRecordsOf(history, config)
  let next = 0
  const sends: Array<AcknowledgedSend> = []
  const processed = new Set<string>()
  const lost = new Set<string>()
  const skipped = new Map<string, OffsetCover>()
  const offsetMax = new Map<string, number>()
  for (let step = 0; step < history.length; step++) {
    const entry = history[step]
    const response = entry.response
    for (; next < acknowledged.length && acknowledged[next].step === step; next++) {
      const send = acknowledged[next]
      sends.push(send)
      const key = partitionKey(send.topic, send.partition)
      offsetMax.set(key, Math.max(offsetMax.get(key) ?? 0, send.offset))
    }
    if ((response._tag === "Processed" || response._tag === "ProcessDeadLettered") && isGroupOfMode(config, response.group, "at-most-once")) {
      processed.add(`${response.group}\u0000${recordKey(response.topic, response.partition, response.offset)}`)
    } else if (response._tag === "Seeked" && isGroupOfMode(config, response.group, "at-most-once")) {
      const group = replay.group(response.group)
      const key = partitionKey(response.topic, response.partition)
      const from =
        replay.client(response.group, response.member).positions.get(key)?.offset ??
        group.committed.get(key)?.offset ??
        replay.logStart(response.topic, response.partition)
      const coverKey = `${response.group}\u0000${key}`
      let cover = skipped.get(coverKey)
      if (cover === undefined) skipped.set(coverKey, (cover = new OffsetCover()))
      cover.add(from, response.offset)
    }
    for (const { client } of clientLosses(entry, replay)) {
      if (!isGroupOfMode(config, client.group, "at-most-once")) continue
      for (const held of client.buffer.values()) {
        const committed = client.commits.get(partitionKey(held.topic, held.partition))
        if (committed !== undefined && committed > held.offset) {
          lost.add(`${client.group}\u0000${recordKey(held.topic, held.partition, held.offset)}`)
        }
      }
    }
    replay.apply(entry, step)
  }
  const unprocessed: Array<Unprocessed> = []
  const losses = documentedLossesOf(history, config)
  for (const send of sends) {
    for (const group of subscribersOf(groups, send.topic)) {
      const key = `${group.name}\u0000${recordKey(send.topic, send.partition, send.offset)}`
      if (processed.has(key)) continue
      const partition = partitionKey(send.topic, send.partition)
      const lostInBuffer = lost.has(key)
      const explained =
        lostInBuffer ||
        losses.lossOf(group, send.topic, send.partition, send.offset) !== undefined ||
        (skipped.get(`${group.name}\u0000${partition}`)?.has(send.offset, offsetMax.get(partition) ?? 0) ?? false)
      unprocessed.push({ group: group.name, send, explained, lostInBuffer })
    }
  }
  return unprocessed
})

/**
 * The first acknowledged send (in send order) that an at-most-once group
 * never processed (nor dead-lettered) and that no loss of a committed
 * buffer, no seek of the group and no documented loss explains, reported at
 * the last step of the drained history.
 */
const always = (history: History, config: Config): Violation | undefined => {
  const first = unprocessedSends(history, config).find((candidate) => !candidate.explained)
  if (first === undefined) return undefined
  const { group, send } = first
  return {
    step: history.length - 1,
    message: `at-most-once group ${group} never processed ${showRecord(send.topic, send.partition, send.offset)} (sent at step ${send.step + 1}), yet no member of ${group} committed past it and then lost it unprocessed, no seek of ${group} skipped it, and no reset or poison record explains it`
  }
}

/**
 * Some acknowledged send was never processed by a subscribed, drained
 * at-most-once group because a member committed past it and then crashed,
 * left, rejoined or expired with it in its buffer: the loss of the semantics
 * table, not a seek, a retention or a poison record.
 */
const sometimes = (history: History, config: Config): boolean =>
  unprocessedSends(history, config).some((candidate) => candidate.lostInBuffer)

/** The checker of AtMostOnceCanLose. */
export const atMostOnceCanLose: GuaranteeCheck = { id: "AtMostOnceCanLose", always, sometimes, judgesDrainedHistory: true }
