/**
 * GroupsAreIndependent: every delivery to a member starts where its own
 * group's history puts it, so one group's commits never move another
 * group's reads (fanout).
 *
 * For each partition in a `Polled` answer, the first record must be at the
 * member's position: the end of its previous delivery, its last seek, or the
 * position its previous poll gave the (assigned, then empty) partition; with
 * no position (after a join or a sync), its own group's last committed offset
 * for the partition, or 0. Later records of the same poll are
 * PartitionOrderPreserved's concern.
 *
 * @module
 */
import type { Config, History } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { partitionKey, showPartition, showRecord } from "./internal/keys.ts"
import { type GroupView, type Position, Replay } from "./internal/replay.ts"

/** Where the member's next read of a partition comes from, in words. */
const origin = (group: GroupView, position: Position | undefined, key: string): string => {
  if (position !== undefined) {
    switch (position.source) {
      case "delivery":
        return `its delivery of step ${position.step + 1} ended there`
      case "seek":
        return `it sought there at step ${position.step + 1}`
      case "poll":
        return `its poll of step ${position.step + 1} set its position there`
    }
  }
  const committed = group.committed.get(key)
  return committed === undefined
    ? `${group.name} has committed nothing for it`
    : `${group.name} committed it at step ${committed.step + 1}`
}

/** The first partition of a `Polled` answer whose first record is not where the member's own group history puts it. */
const always = (history: History, config: Config): Violation | undefined => {
  const replay = new Replay(config)
  for (let step = 0; step < history.length; step++) {
    const entry = history[step]
    const response = entry.response
    if (response._tag === "Polled") {
      const group = replay.group(response.group)
      const client = group.client(response.member)
      const seen = new Set<string>()
      for (const record of response.records) {
        const key = partitionKey(record.topic, record.partition)
        if (seen.has(key)) continue
        seen.add(key)
        const position = client.positions.get(key)
        const expected = position?.offset ?? group.committed.get(key)?.offset ?? 0
        if (record.offset === expected) continue
        const others: Array<string> = []
        for (const other of replay.allGroups()) {
          if (other.name !== group.name && other.committed.get(key)?.offset === record.offset) others.push(other.name)
        }
        const hint = others.length === 0 ? "" : ` (${others.join(", ")} committed ${record.offset} there)`
        return {
          step,
          message: `member ${response.member} of ${response.group} was delivered ${showPartition(record.topic, record.partition)} from ${showRecord(record.topic, record.partition, record.offset)}, but its own group's history puts it at offset ${expected}: ${origin(group, position, key)}${hint}`
        }
      }
    }
    replay.apply(entry, step)
  }
  return undefined
}

/**
 * Two groups both had records of one partition delivered, and at some step
 * their committed offsets for it (0 when none) differed.
 */
const sometimes = (history: History, config: Config): boolean => {
  const committed = new Map<string, Map<string, number>>()
  const readers = new Map<string, Set<string>>()
  const differed = new Map<string, Set<string>>()
  const groupsOf = (topic: string): ReadonlyArray<string> =>
    config.groups.filter((group) => group.topics.includes(topic)).map((group) => group.name)
  for (const { response } of history) {
    if (response._tag === "Polled") {
      for (const record of response.records) {
        const key = partitionKey(record.topic, record.partition)
        let groups = readers.get(key)
        if (groups === undefined) readers.set(key, (groups = new Set()))
        groups.add(response.group)
      }
    } else if (response._tag === "Committed") {
      for (const entry of response.offsets) {
        const key = partitionKey(entry.topic, entry.partition)
        let byGroup = committed.get(key)
        if (byGroup === undefined) committed.set(key, (byGroup = new Map()))
        byGroup.set(response.group, entry.offset)
        for (const other of groupsOf(entry.topic)) {
          if (other === response.group || (byGroup.get(other) ?? 0) === entry.offset) continue
          let pairs = differed.get(key)
          if (pairs === undefined) differed.set(key, (pairs = new Set()))
          pairs.add(response.group < other ? `${response.group}\u0000${other}` : `${other}\u0000${response.group}`)
        }
      }
    }
  }
  for (const [key, pairs] of differed) {
    const groups = readers.get(key)
    if (groups === undefined) continue
    for (const pair of pairs) {
      const [first, second] = pair.split("\u0000")
      if (groups.has(first) && groups.has(second)) return true
    }
  }
  return false
}

/** Applies only when two configured groups subscribe to one topic: only then can their reads meet. */
const notApplicableReason = (config: Config): string | undefined => {
  if (config.topics.some((topic) => config.groups.filter((group) => group.topics.includes(topic.name)).length >= 2)) return undefined
  const groups = config.groups.length
  return `needs two groups sharing a topic; ${
    groups < 2 ? `the config has ${groups === 0 ? "no group" : "one group"}` : "no topic is read by two groups"
  }`
}

/** The checker of GroupsAreIndependent. */
export const groupsAreIndependent: GuaranteeCheck = { id: "GroupsAreIndependent", always, sometimes, notApplicableReason }
