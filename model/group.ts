/**
 * Group membership as the coordinator (broker side) sees it: the members in
 * join order with the time each was last heard from, the generation (0 before
 * the first join) and each member's assignment in that generation.
 *
 * A rebalance (on join, leave or session expiry) adds 1 to the generation and
 * recomputes every member's assignment at once (eager), running or not.
 *
 * @module
 */
import type { Assignor } from "../spec/config.ts"
import type { Assignment, SubscribedTopic } from "./assignor.ts"
import { assign, assignmentEmpty } from "./assignor.ts"

/** One broker member: its name, when it was last heard from, and what it owns. */
export interface Member {
  readonly name: string
  readonly lastSeenMs: number
  readonly assignment: Assignment
}

/** A group's membership: its generation and its members in join order. */
export interface Membership {
  readonly generation: number
  readonly members: ReadonlyArray<Member>
}

/** The membership of a group nobody has joined yet: generation 0, no members. */
export const membershipEmpty: Membership = { generation: 0, members: [] }

/** The index of the member called `name` in join order, or -1 when it is not a broker member. */
export const indexOfMember = (membership: Membership, name: string): number => {
  const members = membership.members
  for (let i = 0; i < members.length; i++) {
    if (members[i].name === name) return i
  }
  return -1
}

/**
 * The membership after `name` joined at `nowMs`: appended unless already
 * listed (a crashed member that rejoins keeps its place), heard from now.
 * No rebalance yet: see {@link rebalance}.
 */
export const admit = (membership: Membership, name: string, nowMs: number): Membership => {
  const index = indexOfMember(membership, name)
  if (index < 0) {
    return {
      generation: membership.generation,
      members: [...membership.members, { name, lastSeenMs: nowMs, assignment: assignmentEmpty }]
    }
  }
  return touch(membership, index, nowMs)
}

/** The membership with the member at `index` heard from at `nowMs`. */
export const touch = (membership: Membership, index: number, nowMs: number): Membership => {
  const member = membership.members[index]
  if (member.lastSeenMs === nowMs) return membership
  const members = membership.members.slice()
  members[index] = { name: member.name, lastSeenMs: nowMs, assignment: member.assignment }
  return { generation: membership.generation, members }
}

/** The membership without the member at `index`. No rebalance yet: see {@link rebalance}. */
export const removeAt = (membership: Membership, index: number): Membership => {
  const members = membership.members.slice()
  members.splice(index, 1)
  return { generation: membership.generation, members }
}

/** Whether the member's session has expired at `nowMs`: `lastSeenMs + sessionTimeoutMs <= nowMs`. */
export const isExpired = (member: Member, sessionTimeoutMs: number, nowMs: number): boolean =>
  member.lastSeenMs + sessionTimeoutMs <= nowMs

/**
 * The next generation: the generation plus 1, and every member's assignment
 * recomputed by the group's assignor over its subscribed topics.
 */
export const rebalance = (
  membership: Membership,
  assignor: Assignor,
  topics: ReadonlyArray<SubscribedTopic>
): Membership => {
  const current = membership.members
  const assignments = assign(assignor, current.map((member) => member.name), topics)
  const members: Array<Member> = []
  for (let i = 0; i < current.length; i++) {
    const member = current[i]
    members.push({ name: member.name, lastSeenMs: member.lastSeenMs, assignment: assignments[i] })
  }
  return { generation: membership.generation + 1, members }
}
