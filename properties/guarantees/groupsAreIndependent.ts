/**
 * GroupsAreIndependent: one group's commits never move another group's
 * reads (fanout).
 *
 * For each partition in a `Polled` answer, the first record must be at the
 * member's position in its own group's history (see
 * `internal/startPosition.ts`); a start elsewhere is this guarantee's
 * violation only when another group's commit of the partition, newer than
 * any of the member's own group, is exactly where it started: the history
 * then shows one group's commit moving another group's read. A start
 * elsewhere that no other group explains is a single-group bug, reported by
 * PartitionOrderPreserved. A poll that was not full and delivered nothing
 * from a partition the member owns, though records wait at its own group's
 * position, started that partition at its log's end: a violation when
 * another group's newer commit is at or past that end (the other group's
 * commit skipped the member past records it never read).
 *
 * @module
 */
import type { Config, History } from "../../spec/index.ts"
import type { GuaranteeCheck } from "./check.ts"
import { alwaysByEntry, type EntryCheck } from "./internal/entryWalk.ts"
import { partitionKey } from "./internal/keys.ts"
import { Replay } from "./internal/replay.ts"
import { skipsOf } from "./internal/skips.ts"
import { emptyStartMismatchesOf, showEmptyStartMismatch, showStartMismatch, startMismatchOf } from "./internal/startPosition.ts"

/**
 * The first delivery that starts where another group's newer commit, not the
 * member's own group's history, puts it.
 */
const entryCheckOf = (history: History, config: Config): EntryCheck => {
  const skips = skipsOf(history, config)
  return (entry, step, replay) => {
    const response = entry.response
    if (response._tag === "Polled") {
      const mismatch = startMismatchOf(replay, skips, response.group, response.member, response.records, response.resets)
      if (mismatch !== undefined && mismatch.causedBy.length > 0) {
        return { step, message: `${showStartMismatch(mismatch)} (${mismatch.causedBy.join(", ")} committed ${mismatch.record.offset} there)` }
      }
      const command = entry.command
      const empty = command._tag === "ConsumerPoll"
        ? emptyStartMismatchesOf(replay, skips, response.group, response.member, response.records, command.recordsMax, response.resets)
            .find((mismatch) => mismatch.causedBy.length > 0)
        : undefined
      if (empty !== undefined) {
        const key = partitionKey(empty.topic, empty.partition)
        const commits = empty.causedBy.map((name) => {
          const committed = replay.group(name).committed.get(key)
          return `${name} committed ${committed?.offset} at step ${(committed?.step ?? 0) + 1}`
        })
        return { step, message: `${showEmptyStartMismatch(empty)} (${commits.join(", ")}, at or past the log's end ${empty.logEnd})` }
      }
    }
    return undefined
  }
}

/**
 * Two groups both had records of one partition delivered, and at some step
 * their committed offsets for it (0 when none) differed: offsets a plain
 * commit stored, or a transaction's sent offsets at its commit (so groups
 * that commit in transactions witness it too).
 */
const sometimes = (history: History, config: Config): boolean => {
  const replay = new Replay(config)
  const readers = new Map<string, Set<string>>()
  const differed = new Map<string, Set<string>>()
  const groupsOf = (topic: string): ReadonlyArray<string> =>
    config.groups.filter((group) => group.topics.includes(topic)).map((group) => group.name)
  const committedOf = (group: string, key: string): number => replay.group(group).committed.get(key)?.offset ?? 0
  history.forEach((entry, step) => {
    const response = entry.response
    replay.apply(entry, step)
    if (response._tag === "Polled") {
      for (const record of response.records) {
        const key = partitionKey(record.topic, record.partition)
        let groups = readers.get(key)
        if (groups === undefined) readers.set(key, (groups = new Set()))
        groups.add(response.group)
      }
      return
    }
    if (response._tag !== "Committed" && response._tag !== "TxnCommitted") return
    for (const { name: topic, partitions } of config.topics) {
      const groups = groupsOf(topic)
      if (groups.length < 2) continue
      for (let partition = 0; partition < partitions; partition++) {
        const key = partitionKey(topic, partition)
        for (const first of groups) {
          for (const second of groups) {
            if (first >= second || committedOf(first, key) === committedOf(second, key)) continue
            let pairs = differed.get(key)
            if (pairs === undefined) differed.set(key, (pairs = new Set()))
            pairs.add(`${first}\u0000${second}`)
          }
        }
      }
    }
  })
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
export const groupsAreIndependent: GuaranteeCheck = {
  id: "GroupsAreIndependent",
  always: alwaysByEntry(entryCheckOf),
  sometimes,
  notApplicableReason,
  entryCheckOf
}
