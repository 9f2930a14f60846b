/**
 * The checks that open most consumer commands: the group must be configured,
 * and the member must be running (and, for calls that reach the broker, a
 * broker member). Each answers the spec's error in the spec's order.
 *
 * @internal
 * @module
 */
import type { Response } from "../../spec/response.ts"
import type { Client } from "../client.ts"
import { indexOfClient } from "../client.ts"
import { indexOfMember } from "../group.ts"
import type { GroupState, ModelState } from "../state.ts"

/** A member the command may act on: its group and its client. */
export interface Session {
  readonly groupIndex: number
  readonly group: GroupState
  /** Index in the membership (join order), or -1 when it is not a broker member. */
  readonly memberIndex: number
  readonly clientIndex: number
  readonly client: Client
}

/** A session, or the error response that ends the command. */
export type SessionOrError = Session | Response

/** Whether `value` is an error response rather than a session. */
export const isResponse = (value: SessionOrError): value is Response => "_tag" in value

/**
 * Checks `UnknownGroup`, then `UnknownMember` unless the member is running
 * and, when `broker` is true, also a broker member.
 */
export const openSession = (state: ModelState, group: string, member: string, broker: boolean): SessionOrError => {
  const groupIndex = state.world.groupIndex.get(group)
  if (groupIndex === undefined) return { _tag: "UnknownGroup", group }
  const groupState = state.groups[groupIndex]
  const clientIndex = indexOfClient(groupState.clients, member)
  const memberIndex = broker ? indexOfMember(groupState.membership, member) : -1
  if (clientIndex < 0 || (broker && memberIndex < 0)) return { _tag: "UnknownMember", group, member }
  return { groupIndex, group: groupState, memberIndex, clientIndex, client: groupState.clients[clientIndex] }
}
