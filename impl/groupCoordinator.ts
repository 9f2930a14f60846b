/**
 * The broker side of consumer groups: membership in join order with the time
 * each member was last heard from, generations, eager rebalances, session
 * expiry, the generation fence on commits and the group metadata check of
 * offsets sent to a transaction (KIP-447).
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import type { GroupConfig } from "../spec/config.ts"
import type { GroupGeneration, GroupMember, TopicPartition } from "../spec/record.ts"
import { type Assignment, Assignor, type AssignorShape } from "./assignor.ts"
import { BrokerConfig, type BrokerConfigShape } from "./brokerConfig.ts"
import { StaleGeneration, UnknownMember } from "./errors.ts"

/** What a member learns from the coordinator: the group's generation and its own partitions. */
export interface MemberView {
  readonly generation: number
  readonly assignment: ReadonlyArray<TopicPartition>
}

/** The outcome of a session-expiry sweep: who expired and which groups rebalanced. */
export interface Expiry {
  readonly expired: ReadonlyArray<GroupMember>
  readonly rebalanced: ReadonlyArray<GroupGeneration>
}

/** A broker member and the time it was last heard from. */
export interface MemberSession {
  readonly member: string
  readonly lastSeenMs: number
}

/** One group on the coordinator: members in join order, generation, current assignment. */
export interface GroupState {
  readonly members: ReadonlyArray<MemberSession>
  readonly generation: number
  readonly assignment: Assignment
}

/** The group coordinator. Every method expects a configured group (the broker checks it first). */
export interface GroupCoordinatorShape {
  /** Whether the group's membership lists the member. */
  readonly isMember: (group: string, member: string) => boolean
  /**
   * A broker call (heartbeat, poll, commit) from the member: throws
   * `UnknownMember` unless it is a broker member, else sets its `lastSeenMs`
   * and answers the group's generation and the member's assignment.
   */
  readonly touch: (group: string, member: string, nowMs: number) => MemberView
  /**
   * Adds the member (a listed member keeps its place), sets its `lastSeenMs`
   * and rebalances; answers the new generation and the member's assignment.
   */
  readonly join: (group: string, member: string, nowMs: number) => MemberView
  /** Removes the member and rebalances; answers the new generation. */
  readonly leave: (group: string, member: string) => number
  /** The generation fence of commits: throws `StaleGeneration` when `generation` is older than the group's. */
  readonly fence: (group: string, member: string, generation: number) => void
  /** The member's partitions in the group's current assignment (none for a member that is not listed). */
  readonly assignmentOf: (group: string, member: string) => ReadonlyArray<TopicPartition>
  /**
   * The group metadata check of offsets sent to a transaction (KIP-447),
   * without refreshing the session: throws `UnknownMember` unless the group
   * lists the member, then `StaleGeneration` when `generation` is older than
   * the group's.
   */
  readonly validateTxnOffsets: (group: string, member: string, generation: number) => void
  /**
   * Removes, group by group in configuration order, every member whose
   * session ran out (`lastSeenMs + sessionTimeoutMs <= nowMs`, listed in join
   * order), and rebalances each group that lost members once.
   */
  readonly expire: (nowMs: number) => Expiry
}

/** One configured group and its coordinator state (replaced, never mutated, at each change). */
interface GroupEntry {
  readonly config: GroupConfig
  state: GroupState
}

const viewOf = (state: GroupState, member: string): MemberView => ({
  generation: state.generation,
  assignment: state.assignment.get(member) ?? []
})

/** Whether the member's session ran out at `nowMs`: `lastSeenMs + sessionTimeoutMs <= nowMs`. */
const isExpired = (session: MemberSession, sessionTimeoutMs: number, nowMs: number): boolean =>
  session.lastSeenMs + sessionTimeoutMs <= nowMs

const indexOfMember = (members: ReadonlyArray<MemberSession>, member: string): number => {
  for (let i = 0; i < members.length; i++) if (members[i].member === member) return i
  return -1
}

/** The group's entry; a group that is not configured is a defect (the broker checks it first). */
const entryIn = (groups: ReadonlyMap<string, GroupEntry>, group: string): GroupEntry => {
  const entry = groups.get(group)
  if (entry === undefined) throw new Error(`GroupCoordinator: no group ${group}`)
  return entry
}

/** The next generation of a group with these members (an eager rebalance). */
const rebalance = (assignor: AssignorShape, entry: GroupEntry, members: ReadonlyArray<MemberSession>): GroupState => ({
  members,
  generation: entry.state.generation + 1,
  assignment: assignor.assign(entry.config, members.map((session) => session.member))
})

/** A coordinator for the configured groups, all empty at generation 0. */
export const groupCoordinatorOf = ({ config }: BrokerConfigShape, assignor: AssignorShape): GroupCoordinatorShape => {
  const groups = new Map<string, GroupEntry>()
  for (const group of config.groups) {
    groups.set(group.name, { config: group, state: { members: [], generation: 0, assignment: new Map() } })
  }

  return {
    isMember(group, member) {
      return indexOfMember(entryIn(groups, group).state.members, member) >= 0
    },

    touch(group, member, nowMs) {
      const entry = entryIn(groups, group)
      const state = entry.state
      const index = indexOfMember(state.members, member)
      if (index < 0) throw new UnknownMember({ group, member })
      const view = viewOf(state, member)
      if (state.members[index].lastSeenMs === nowMs) return view
      const members = state.members.slice()
      members[index] = { member, lastSeenMs: nowMs }
      entry.state = { ...state, members }
      return view
    },

    join(group, member, nowMs) {
      const entry = entryIn(groups, group)
      const state = entry.state
      const index = indexOfMember(state.members, member)
      const members = state.members.slice()
      if (index < 0) members.push({ member, lastSeenMs: nowMs })
      else members[index] = { member, lastSeenMs: nowMs }
      entry.state = rebalance(assignor, entry, members)
      return viewOf(entry.state, member)
    },

    leave(group, member) {
      const entry = entryIn(groups, group)
      entry.state = rebalance(assignor, entry, entry.state.members.filter((session) => session.member !== member))
      return entry.state.generation
    },

    fence(group, member, generation) {
      const { state } = entryIn(groups, group)
      if (generation < state.generation) {
        throw new StaleGeneration({ group, member, generation, generationCurrent: state.generation })
      }
    },

    assignmentOf(group, member) {
      return entryIn(groups, group).state.assignment.get(member) ?? []
    },

    validateTxnOffsets(group, member, generation) {
      const { state } = entryIn(groups, group)
      if (indexOfMember(state.members, member) < 0) throw new UnknownMember({ group, member })
      if (generation < state.generation) {
        throw new StaleGeneration({ group, member, generation, generationCurrent: state.generation })
      }
    },

    expire(nowMs) {
      const expired: Array<GroupMember> = []
      const rebalanced: Array<GroupGeneration> = []
      for (const [name, entry] of groups) {
        const state = entry.state
        const alive: Array<MemberSession> = []
        for (const session of state.members) {
          if (isExpired(session, config.sessionTimeoutMs, nowMs)) expired.push({ group: name, member: session.member })
          else alive.push(session)
        }
        if (alive.length === state.members.length) continue
        entry.state = rebalance(assignor, entry, alive)
        rebalanced.push({ group: name, generation: entry.state.generation })
      }
      return { expired, rebalanced }
    }
  }
}

/** {@link groupCoordinatorOf} the broker's config and assignor, as an Effect. */
export const makeGroupCoordinator: Effect.Effect<GroupCoordinatorShape, never, BrokerConfig | Assignor> = Effect.gen(function*() {
  return groupCoordinatorOf(yield* BrokerConfig, yield* Assignor)
})

/** The group coordinator of the broker. */
export class GroupCoordinator extends Context.Service<GroupCoordinator, GroupCoordinatorShape>()(
  "qsem/impl/GroupCoordinator"
) {
  /** A coordinator with the real generation fence. */
  static readonly layer: Layer.Layer<GroupCoordinator, never, BrokerConfig | Assignor> = Layer.effect(
    GroupCoordinator,
    makeGroupCoordinator
  )
}
