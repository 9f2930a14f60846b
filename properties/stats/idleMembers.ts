/**
 * Idle members: the partition-count ceiling of a consumer group, measured. A
 * group cannot keep more members busy than its assignor has partitions to
 * give: a member beyond that is told it owns no partition and sits idle,
 * delivered nothing, however much traffic there is.
 *
 * Read from the target's answers only: a group's members are the ones whose
 * `Joined` (or `HeartbeatOk`, `RebalanceInProgress`) answers said so, until
 * they `Left` or a `ClockAdvanced` expired them (a crashed member stays a
 * member until then); what a member was told it owns is the assignment of
 * its last such answer (a crash forgets it).
 *
 * @module
 */
import type { Config, GroupConfig } from "../../spec/config.ts"
import type { RunAnswers } from "./partitionLoad.ts"

/**
 * The most members a group's assignor can give a partition each: with
 * `range`, the partition count of its largest subscribed topic (each topic
 * is cut into ranges on its own, so a member past that count gets nothing of
 * any topic); with `round-robin`, the partitions of all its subscribed topics.
 *
 * @example
 * ```ts
 * // orders(3), payments(2):
 * partitionCeilingOf(config, { ...group, assignor: "range", topics: ["orders", "payments"] })       // 3
 * partitionCeilingOf(config, { ...group, assignor: "round-robin", topics: ["orders", "payments"] }) // 5
 * ```
 */
export const partitionCeilingOf = (config: Config, group: GroupConfig): number => {
  const counts = config.topics.filter((topic) => group.topics.includes(topic.name)).map((topic) => topic.partitions)
  return group.assignor === "range" ? counts.reduce((most, n) => Math.max(most, n), 0) : counts.reduce((sum, n) => sum + n, 0)
}

/** What the runs showed of one group's idle members. */
export interface GroupIdleness {
  readonly group: string
  /** See {@link partitionCeilingOf}. */
  readonly ceiling: number
  /** Runs in which a member was told it owns no partition of its subscribed topics while the group had more members than its ceiling. */
  runsIdle: number
  /** The most members the group had at once, over all runs. */
  membersMax: number
  /** Polls answered `Polled` to a member whose last assignment was empty. */
  pollsIdle: number
  /** Records those polls delivered (none, on a broker that assigns exclusively). */
  recordsDeliveredIdle: number
  /** Members that sat idle past the ceiling and were later told they own a partition (a standby taking over after a rebalance). */
  takeovers: number
}

/** The idle members of a check's runs, group by group in the config's order (mutable: {@link idleMembersAdd} adds to it). */
export interface IdleMembers {
  /** Runs folded in. */
  runs: number
  readonly groups: ReadonlyArray<GroupIdleness>
}

/** No runs yet, for every group of `config`. */
export const idleMembersInit = (config: Config): IdleMembers => ({
  runs: 0,
  groups: config.groups.map((group) => ({
    group: group.name,
    ceiling: partitionCeilingOf(config, group),
    runsIdle: 0,
    membersMax: 0,
    pollsIdle: 0,
    recordsDeliveredIdle: 0,
    takeovers: 0
  }))
})

/** One group's members during a run, and which of them were last told they own nothing. */
interface GroupRun {
  readonly idleness: GroupIdleness
  readonly subscribed: ReadonlySet<string>
  readonly members: Set<string>
  readonly toldIdle: Map<string, boolean>
  /** Members idle past the ceiling since they joined, not yet given a partition. */
  readonly standby: Set<string>
  idle: boolean
}

/**
 * Adds one run: for each group, whether a member sat idle while the group
 * had more members than its ceiling, the most members it had, what polls
 * delivered to members told they own nothing, and how many idle members a
 * rebalance later gave a partition (a crash keeps a member a standby: it is
 * still a member until its session expires). Answers naming a group the
 * config does not have are left out.
 */
export const idleMembersAdd = (idle: IdleMembers, config: Config, run: RunAnswers): void => {
  idle.runs += 1
  const groups = new Map<string, GroupRun>()
  config.groups.forEach((group, i) =>
    groups.set(group.name, {
      idleness: idle.groups[i],
      subscribed: new Set(group.topics),
      members: new Set(),
      toldIdle: new Map(),
      standby: new Set(),
      idle: false
    })
  )
  const length = Math.min(run.commands.length, run.actual.length)
  for (let i = 0; i < length; i++) {
    const answer = run.actual[i]
    switch (answer._tag) {
      case "Joined":
      case "HeartbeatOk":
      case "RebalanceInProgress": {
        const group = groups.get(answer.group)
        if (group === undefined) break
        group.members.add(answer.member)
        if (group.members.size > group.idleness.membersMax) group.idleness.membersMax = group.members.size
        const owns = answer.assignment.some((partition) => group.subscribed.has(partition.topic))
        group.toldIdle.set(answer.member, !owns)
        if (!owns && group.members.size > group.idleness.ceiling) {
          group.idle = true
          group.standby.add(answer.member)
        } else if (owns && group.standby.delete(answer.member)) {
          group.idleness.takeovers += 1
        }
        break
      }
      case "Left": {
        const group = groups.get(answer.group)
        group?.members.delete(answer.member)
        group?.toldIdle.delete(answer.member)
        group?.standby.delete(answer.member)
        break
      }
      case "Crashed":
        groups.get(answer.group)?.toldIdle.delete(answer.member)
        break
      case "ClockAdvanced":
        for (const { group: name, member } of answer.expired) {
          const group = groups.get(name)
          group?.members.delete(member)
          group?.toldIdle.delete(member)
          group?.standby.delete(member)
        }
        break
      case "Polled": {
        const group = groups.get(answer.group)
        if (group?.toldIdle.get(answer.member) !== true) break
        group.idleness.pollsIdle += 1
        group.idleness.recordsDeliveredIdle += answer.records.length
        break
      }
    }
  }
  for (const group of groups.values()) if (group.idle) group.idleness.runsIdle += 1
}

/**
 * Adds `later`, the idle members of other runs of the same config (folded
 * elsewhere, such as in a worker thread), to `idle`: the same as adding those
 * runs to `idle` one by one.
 */
export const idleMembersMerge = (idle: IdleMembers, later: IdleMembers): void => {
  idle.runs += later.runs
  idle.groups.forEach((group, g) => {
    const other = later.groups[g]
    group.runsIdle += other.runsIdle
    group.membersMax = Math.max(group.membersMax, other.membersMax)
    group.pollsIdle += other.pollsIdle
    group.recordsDeliveredIdle += other.recordsDeliveredIdle
    group.takeovers += other.takeovers
  })
}
