/**
 * What every call that reaches the broker (heartbeat, poll, commit) does once
 * the member passed the membership check: the coordinator hears from it
 * (`lastSeenMs = nowMs`); and for heartbeat and poll, a client whose
 * generation is older than the group's syncs and is told
 * `RebalanceInProgress`.
 *
 * @internal
 * @module
 */
import type { Response } from "../../spec/response.ts"
import { clientSync, clientsPut } from "../client.ts"
import type { Membership } from "../group.ts"
import { touch } from "../group.ts"
import type { GroupState, ModelState, Transition } from "../state.ts"
import { withGroup } from "../state.ts"
import type { Session } from "./session.ts"

/** The group's membership with the session's member heard from now. */
export const heardFrom = (state: ModelState, session: Session): Membership =>
  touch(session.group.membership, session.memberIndex, state.nowMs)

/** The state with the group's membership replaced (the state itself when it is the same). */
export const withMembership = (state: ModelState, session: Session, membership: Membership): ModelState => {
  const group = session.group
  if (membership === group.membership) return state
  const next: GroupState = { membership, committed: group.committed, clients: group.clients, sink: group.sink }
  return withGroup(state, session.groupIndex, next)
}

/**
 * When the session's client is older than `membership`'s generation: the
 * state where the client synced (the group's generation and the member's
 * assignment, no positions, the buffer kept) and the `RebalanceInProgress`
 * answer. Otherwise `undefined`.
 */
export const syncIfStale = (
  state: ModelState,
  session: Session,
  membership: Membership,
  group: string,
  member: string
): Transition | undefined => {
  if (session.client.generation >= membership.generation) return undefined
  const assignment = membership.members[session.memberIndex].assignment
  const client = clientSync(session.client, membership.generation, assignment)
  const current = session.group
  const next: GroupState = {
    membership,
    committed: current.committed,
    clients: clientsPut(current.clients, session.clientIndex, client),
    sink: current.sink
  }
  const response: Response = {
    _tag: "RebalanceInProgress",
    group,
    member,
    generation: membership.generation,
    assignment: assignment.partitions
  }
  return { state: withGroup(state, session.groupIndex, next), response }
}
