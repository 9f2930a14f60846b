/**
 * The partition facts `qsem check` prints after its guarantee table, one line
 * each: how acknowledged records spread over partitions (hot keys), and how
 * often a group had an idle member (the partition-count ceiling).
 *
 * @module
 */
import type { IdleMembers } from "./idleMembers.ts"
import type { PartitionLoad, TopicLoad } from "./partitionLoad.ts"

/** Topics with more partitions than this list only their busiest and their least loaded partitions. */
const partitionsListedMax = 8

const sum = (counts: ReadonlyArray<number>): number => counts.reduce((total, n) => total + n, 0)

const count = (n: number): string => n.toLocaleString("en-US")

/** A share as a whole percentage (`48%`); a share of nothing is 0%. */
export const percentOf = (part: number, whole: number): string => `${whole === 0 ? 0 : Math.round((100 * part) / whole)}%`

const partitionShares = (load: TopicLoad, total: number): string => {
  const share = (partition: number) => `p${partition} ${percentOf(load.records[partition], total)}`
  const partitions = load.records.map((_, partition) => partition)
  if (partitions.length <= partitionsListedMax) return partitions.map(share).join(" ")
  const byLoad = [...partitions].sort((a, b) => load.records[b] - load.records[a] || a - b)
  const busiest = byLoad.slice(0, 3).map(share).join(" ")
  return `busiest ${busiest}, least ${share(byLoad[byLoad.length - 1])} of ${partitions.length} partitions`
}

/**
 * One line: per topic that got acknowledged records, each partition's share
 * of them, how many there were and how many had a key (on a topic of more
 * than 8 partitions, the three busiest and the least loaded).
 *
 * @example
 * ```text
 * partition load: orders p0 48% p1 31% p2 21% (1,234 records; keyed 80%); payments p0 50% p1 50% (802 records; keyed 49%)
 * ```
 */
export const formatPartitionLoad = (load: PartitionLoad): string => {
  const topics = load.topics.flatMap((topic) => {
    const total = sum(topic.records)
    if (total === 0) return []
    const records = `${count(total)} ${total === 1 ? "record" : "records"}`
    return [`${topic.topic} ${partitionShares(topic, total)} (${records}; keyed ${percentOf(sum(topic.keyedRecords), total)})`]
  })
  return `partition load: ${topics.length === 0 ? "no acknowledged records" : topics.join("; ")}`
}

/**
 * One line: per group, in how many runs a member was told it owns no
 * partition while the group had more members than partitions to give, with
 * the most members it had and how many can be busy (its ceiling); and, if a
 * member told it owns nothing was delivered records anyway, how many.
 *
 * @example
 * ```text
 * idle members (told they own no partition: more members than partitions to give): billing in 12 of 200 runs (4 members at most, 3 can be busy); metrics in 30 of 200 runs (4 members at most, 3 can be busy)
 * ```
 */
export const formatIdleMembers = (idle: IdleMembers): string => {
  const runs = `${count(idle.runs)} ${idle.runs === 1 ? "run" : "runs"}`
  const groups = idle.groups.map((group) => {
    const delivered = group.recordsDeliveredIdle === 0
      ? ""
      : `, yet ${count(group.recordsDeliveredIdle)} ${group.recordsDeliveredIdle === 1 ? "record was" : "records were"} delivered to such a member`
    const members = `${count(group.membersMax)} ${group.membersMax === 1 ? "member" : "members"}`
    return `${group.group} in ${count(group.runsIdle)} of ${runs} (${members} at most, ${count(group.ceiling)} can be busy${delivered})`
  })
  return `idle members (told they own no partition: more members than partitions to give): ${groups.join("; ")}`
}
