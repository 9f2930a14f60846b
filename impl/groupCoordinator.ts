/**
 * The broker side of consumer groups: membership in join order with the time
 * each member was last heard from, generations, eager rebalances, session
 * expiry, the generation fence on commits and the group metadata check of
 * offsets sent to a transaction (KIP-447).
 *
 * @module
 */
import { Context, Effect, Exit, Layer, Ref } from "effect"
import type { GroupConfig } from "../spec/config.ts"
import type { GroupGeneration, GroupMember, TopicPartition } from "../spec/record.ts"
import { type Assignment, Assignor } from "./assignor.ts"
import { BrokerConfig } from "./brokerConfig.ts"
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
  readonly isMember: (group: string, member: string) => Effect.Effect<boolean>
  /**
   * A broker call (heartbeat, poll, commit) from the member: fails with
   * `UnknownMember` unless it is a broker member, else sets its `lastSeenMs`
   * and answers the group's generation and the member's assignment.
   */
  readonly touch: (group: string, member: string, nowMs: number) => Effect.Effect<MemberView, UnknownMember>
  /**
   * Adds the member (a listed member keeps its place), sets its `lastSeenMs`
   * and rebalances; answers the new generation and the member's assignment.
   */
  readonly join: (group: string, member: string, nowMs: number) => Effect.Effect<MemberView>
  /** Removes the member and rebalances; answers the new generation. */
  readonly leave: (group: string, member: string) => Effect.Effect<number>
  /** The generation fence of commits: fails with `StaleGeneration` when `generation` is older than the group's. */
  readonly fence: (group: string, member: string, generation: number) => Effect.Effect<void, StaleGeneration>
  /** The member's partitions in the group's current assignment (none for a member that is not listed). */
  readonly assignmentOf: (group: string, member: string) => Effect.Effect<ReadonlyArray<TopicPartition>>
  /**
   * The group metadata check of offsets sent to a transaction (KIP-447),
   * without refreshing the session: `UnknownMember` unless the group lists
   * the member, then `StaleGeneration` when `generation` is older than the
   * group's.
   */
  readonly validateTxnOffsets: (
    group: string,
    member: string,
    generation: number
  ) => Effect.Effect<void, UnknownMember | StaleGeneration>
  /**
   * Removes, group by group in configuration order, every member whose
   * session ran out (`lastSeenMs + sessionTimeoutMs <= nowMs`, listed in join
   * order), and rebalances each group that lost members once.
   */
  readonly expire: (nowMs: number) => Effect.Effect<Expiry>
}

interface GroupEntry {
  readonly config: GroupConfig
  readonly state: Ref.Ref<GroupState>
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

/** A coordinator for the configured groups, all empty at generation 0. */
export const makeGroupCoordinator: Effect.Effect<GroupCoordinatorShape, never, BrokerConfig | Assignor> = Effect.gen(
  function*() {
    const { config } = yield* BrokerConfig
    const assignor = yield* Assignor
    const groups = new Map<string, GroupEntry>()
    for (const group of config.groups) {
      groups.set(group.name, {
        config: group,
        state: yield* Ref.make<GroupState>({ members: [], generation: 0, assignment: new Map() })
      })
    }

    const withGroup = <A, E>(group: string, f: (entry: GroupEntry) => Effect.Effect<A, E>): Effect.Effect<A, E> => {
      const entry = groups.get(group)
      return entry === undefined ? Effect.die(new Error(`GroupCoordinator: no group ${group}`)) : f(entry)
    }

    /** The next generation of a group with these members (an eager rebalance). */
    const rebalance = (entry: GroupEntry, state: GroupState, members: ReadonlyArray<MemberSession>) =>
      Effect.map(
        assignor.assign(entry.config, members.map((session) => session.member)),
        (assignment): GroupState => ({ members, generation: state.generation + 1, assignment })
      )

    return {
      isMember: (group, member) =>
        withGroup(group, (entry) => Effect.map(Ref.get(entry.state), (state) => indexOfMember(state.members, member) >= 0)),

      touch: (group, member, nowMs) =>
        withGroup(group, (entry) =>
          Effect.flatten(Ref.modify(entry.state, (state): [Exit.Exit<MemberView, UnknownMember>, GroupState] => {
            const index = indexOfMember(state.members, member)
            if (index < 0) return [Exit.fail(new UnknownMember({ group, member })), state]
            const view = Exit.succeed(viewOf(state, member))
            if (state.members[index].lastSeenMs === nowMs) return [view, state]
            const members = state.members.slice()
            members[index] = { member, lastSeenMs: nowMs }
            return [view, { ...state, members }]
          }))),

      join: (group, member, nowMs) =>
        withGroup(group, (entry) =>
          Effect.gen(function*() {
            const state = yield* Ref.get(entry.state)
            const index = indexOfMember(state.members, member)
            const members = state.members.slice()
            if (index < 0) members.push({ member, lastSeenMs: nowMs })
            else members[index] = { member, lastSeenMs: nowMs }
            const next = yield* rebalance(entry, state, members)
            yield* Ref.set(entry.state, next)
            return viewOf(next, member)
          })),

      leave: (group, member) =>
        withGroup(group, (entry) =>
          Effect.gen(function*() {
            const state = yield* Ref.get(entry.state)
            const members = state.members.filter((session) => session.member !== member)
            const next = yield* rebalance(entry, state, members)
            yield* Ref.set(entry.state, next)
            return next.generation
          })),

      fence: (group, member, generation) =>
        withGroup(group, (entry) =>
          Effect.flatMap(Ref.get(entry.state), (state) =>
            generation < state.generation
              ? Effect.fail(new StaleGeneration({ group, member, generation, generationCurrent: state.generation }))
              : Effect.void)),

      assignmentOf: (group, member) =>
        withGroup(group, (entry) => Effect.map(Ref.get(entry.state), (state) => state.assignment.get(member) ?? [])),

      validateTxnOffsets: (group, member, generation) =>
        withGroup(group, (entry) =>
          Effect.flatMap(Ref.get(entry.state), (state): Effect.Effect<void, UnknownMember | StaleGeneration> => {
            if (indexOfMember(state.members, member) < 0) return Effect.fail(new UnknownMember({ group, member }))
            return generation < state.generation
              ? Effect.fail(new StaleGeneration({ group, member, generation, generationCurrent: state.generation }))
              : Effect.void
          })),

      expire: (nowMs) =>
        Effect.gen(function*() {
          const expired: Array<GroupMember> = []
          const rebalanced: Array<GroupGeneration> = []
          for (const [name, entry] of groups) {
            const state = yield* Ref.get(entry.state)
            const alive: Array<MemberSession> = []
            for (const session of state.members) {
              if (isExpired(session, config.sessionTimeoutMs, nowMs)) expired.push({ group: name, member: session.member })
              else alive.push(session)
            }
            if (alive.length === state.members.length) continue
            const next = yield* rebalance(entry, state, alive)
            yield* Ref.set(entry.state, next)
            rebalanced.push({ group: name, generation: next.generation })
          }
          return { expired, rebalanced }
        })
    }
  }
)

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
